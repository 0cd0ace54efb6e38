# Inspection QA: builds the index from the shipped corpus at image build time, then serves.
FROM python:3.11-slim

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_OFFLINE=1 \
    INSPECTION_QA_HOST=0.0.0.0 \
    INSPECTION_QA_INDEX_DIR=/app/var/index \
    INSPECTION_QA_MODEL_CACHE_DIR=/app/var/models \
    INSPECTION_QA_CONVERSATIONS_DB=/app/var/conversations.sqlite3

WORKDIR /app
# torch pinned first, so sentence-transformers does not pull another version.
RUN pip install --no-cache-dir torch==2.13.0
COPY pyproject.toml README.md constraints.txt ./
COPY index ./index
COPY service ./service
COPY eval ./eval
RUN pip install --no-cache-dir -c constraints.txt .
COPY corpus ./corpus
RUN inspection-qa build --corpus /app/corpus --quiet

EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/readyz')"
CMD ["inspection-qa", "serve", "--host", "0.0.0.0", "--port", "8000"]
