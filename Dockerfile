# Inspection QA: builds the index from the shipped corpus at image build time, then serves.
# The shipped corpus reads three authorities' ILACS reports where they are, in ../shared
# (corpus/read-in-place.json), so ../shared is a second build context:
#   docker build --build-context shared=../shared -t inspection-qa .
FROM python:3.11-slim

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_OFFLINE=1 \
    INSPECTION_QA_HOST=0.0.0.0 \
    INSPECTION_QA_INDEX_DIR=/app/var/index \
    INSPECTION_QA_MODEL_CACHE_DIR=/app/var/models \
    INSPECTION_QA_CONVERSATIONS_DB=/app/var/conversations.sqlite3 \
    INSPECTION_QA_ILACS_DIR=/shared/ilacs

WORKDIR /app
# torch pinned first, so sentence-transformers does not pull another version.
RUN pip install --no-cache-dir torch==2.13.0
COPY pyproject.toml README.md constraints.txt ./
COPY index ./index
COPY service ./service
COPY eval ./eval
RUN pip install --no-cache-dir -c constraints.txt .
# The archive folders corpus/read-in-place.json names (a test keeps the two lists alike).
COPY --from=shared ilacs/reports/calderdale /shared/ilacs/reports/calderdale
COPY --from=shared ilacs/reports/herefordshire /shared/ilacs/reports/herefordshire
COPY --from=shared ilacs/reports/hertfordshire /shared/ilacs/reports/hertfordshire
COPY corpus ./corpus
RUN inspection-qa build --corpus /app/corpus --quiet

EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/readyz')"
CMD ["inspection-qa", "serve", "--host", "0.0.0.0", "--port", "8000"]
