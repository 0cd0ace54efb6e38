#!/usr/bin/env bash
# Runs the Dockerfile's steps outside Docker (no daemon here): fresh venv, install, the archive
# folders corpus/read-in-place.json names copied as the image has them, build the index from
# corpus/, serve, and check /readyz answers and every document is indexed.
# Usage: scripts/docker-steps.sh (with ../shared beside the repo, the image's second context)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet torch==2.13.0
"$work/venv/bin/pip" install --quiet -c constraints.txt .
for folder in $(python3 -c 'import json; print(*json.load(open("corpus/read-in-place.json"))["ilacs_reports"])'); do
    mkdir -p "$work/shared/ilacs/reports"
    cp -r "../shared/ilacs/reports/$folder" "$work/shared/ilacs/reports/$folder"
done
export INSPECTION_QA_MODEL_CACHE_DIR="$work/models" INSPECTION_QA_CONVERSATIONS_DB="$work/c.sqlite3"
export INSPECTION_QA_ILACS_DIR="$work/shared/ilacs"
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
        documents=$(curl -fsS http://127.0.0.1:8765/v1/documents | python3 -c \
            'import json, sys; print(json.load(sys.stdin)["count"])')
        echo "documents indexed: $documents"
        if [ "$documents" != 15 ]; then
            echo "docker steps: expected the 15 shipped documents" >&2
            exit 1
        fi
        echo; echo "docker steps: OK"; exit 0
    fi
    sleep 1
done
echo "docker steps: server never became ready" >&2
exit 1
