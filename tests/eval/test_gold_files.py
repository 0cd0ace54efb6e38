"""Gold files are well-formed and every quote is verbatim in the stored text it points into."""

import json
from pathlib import Path

import pytest

from eval.cli import DEFAULT_GOLD
from eval.goldset import CorpusTexts, GoldError, load_gold, locate_evidence
from index.settings import REPO_ROOT

GOLD_DIR = REPO_ROOT / "eval" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.jsonl"))
CORPUS = REPO_ROOT / "corpus"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_loads_with_unique_ids_and_evidence_for_answerable_questions(path):
    questions = load_gold([path])
    assert all(q.evidence for q in questions if q.answerable)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_quotes_on_shipped_documents_are_verbatim_in_the_stored_text(path):
    """Quotes into corpus/ are checked here; quotes into the ../shared/ilacs archive are
    checked by tests/unit/test_gold_ilacs.py (slow: it reads hundreds of PDFs) and reported
    by every `inspection-qa eval` run as gold problems."""
    texts = CorpusTexts([CORPUS])
    questions = [
        q for q in load_gold([path]) if all(texts.text(e.doc_id) is not None for e in q.evidence)
    ]
    assert locate_evidence(questions, texts.text, texts.authority) == []


def test_seeds_set_covers_what_the_issue_asks_for():
    questions = load_gold([DEFAULT_GOLD])
    tags = [t for q in questions for t in q.tags]
    assert len(questions) >= 40
    assert sum(not q.answerable for q in questions) >= 6
    assert sum(bool(q.history) for q in questions) >= 4
    assert tags.count("table") >= 5
    traps = [q for q in questions if q.is_trap]
    asked = {a for q in traps for a in ("Herefordshire", "Hertfordshire") if a in q.question}
    assert asked == {"Herefordshire", "Hertfordshire"}
    assert any(not q.answerable for q in traps) and any(q.answerable for q in traps)


def test_a_quote_that_is_not_verbatim_is_reported_with_its_line(tmp_path: Path):
    line = {
        "id": "x",
        "question": "Who owns the foster carers action in Hertfordshire?",
        "answerable": True,
        "evidence": [
            {"doc_id": "004_56be7b61e08d6d3a", "quote": "Owner: Sue Lowndes, Head of Fostering"}
        ],
        "key_terms": ["Sue Lowndes"],
    }
    bad = dict(
        line, id="y", evidence=[{"doc_id": "004_56be7b61e08d6d3a", "quote": "Owner: S. Lowndes"}]
    )
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(line) + "\n" + json.dumps(bad) + "\n")
    texts = CorpusTexts([CORPUS])
    problems = locate_evidence(load_gold([path]), texts.text, texts.authority)
    assert len(problems) == 1 and "g.jsonl:2 y" in problems[0]


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"id": "a", "question": "q?", "answerable": true, "evidence": []}', "needs evidence"),
        ('{"id": "a", "question": "q?"}', "'answerable' is missing"),
        ("not json", "not valid JSON"),
        (
            '{"id": "a", "question": "q?", "answerable": false}\n'
            '{"id": "a", "question": "r?", "answerable": false}',
            "duplicate id",
        ),
    ],
)
def test_malformed_gold_lines_are_refused_with_a_message_naming_the_line(
    tmp_path, content, message
):
    path = tmp_path / "bad.jsonl"
    path.write_text(content + "\n")
    with pytest.raises(GoldError, match=message):
        load_gold([path])
