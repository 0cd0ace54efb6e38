"""The dev13 draw (seed 44): dev11's rule a third time, for a third reading taken before
anything is tuned on it. Like the blind draw, the five founding documents and the 28 council
documents come WITHOUT the reports of the founding documents' three authorities; plus the
newest report of 24 authorities outside the blind set's, dev11's and dev12's draws, and the report
before it for 4 of them (for comparisons); and the archive's catalogue.

    python eval/gold/dev13/sample_documents.py ARCHIVE_INDEX OUT_DIR

Writes ``OUT_DIR/docs/<doc_id>.txt``, ``OUT_DIR/documents.tsv`` and
``OUT_DIR/archive_catalogue.tsv`` (authority → its reports' publication dates).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from eval.gold.draws import draw_as_the_blind_was

if __name__ == "__main__":
    draw_as_the_blind_was(
        Path(sys.argv[1]), Path(sys.argv[2]), ("blind", "dev11", "dev12"), seed=44
    )
