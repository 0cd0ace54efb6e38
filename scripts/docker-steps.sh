#!/usr/bin/env bash
# Runs the Dockerfile's steps outside Docker (no daemon here): fresh venv, install, build the
# index from corpus/, serve, and check /readyz answers. Usage: scripts/docker-steps.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet torch==2.13.0
"$work/venv/bin/pip" install --quiet -c constraints.txt .
export INSPECTION_QA_MODEL_CACHE_DIR="$work/models" INSPECTION_QA_CONVERSATIONS_DB="$work/c.sqlite3"
HF_HUB_OFFLINE=1 INSPECTION_QA_INDEX_DIR="$work/index" "$work/venv/bin/inspection-qa" build \
    --corpus corpus --quiet
HF_HUB_OFFLINE=1 INSPECTION_QA_INDEX_DIR="$work/index" "$work/venv/bin/inspection-qa" serve \
    --host 127.0.0.1 --port 8765 &
server=$!
for _ in $(seq 1 120); do
    if curl -fsS http://127.0.0.1:8765/readyz >/dev/null 2>&1; then
        # Read the whole answer first: `curl | head -c` fails under pipefail once head stops reading.
        answer=$(curl -fsS http://127.0.0.1:8765/v1/ask -H 'content-type: application/json' \
            -d '{"question": "What did Ofsted say about care leavers in Calderdale?"}')
        echo "${answer:0:400}"
        echo; echo "docker steps: OK"; exit 0
    fi
    sleep 1
done
echo "docker steps: server never became ready" >&2
exit 1
