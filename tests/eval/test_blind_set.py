"""The blind sets are complete, frozen, and their quotes are verbatim in the stored text."""

import hashlib

from eval.goldset import CorpusTexts, GoldQuestion, load_gold, locate_evidence
from index.settings import REPO_ROOT, get_settings

BLIND = REPO_ROOT / "eval" / "gold" / "blind"
BLIND2 = REPO_ROOT / "eval" / "gold" / "blind2"
BLIND3 = REPO_ROOT / "eval" / "gold" / "blind3"
KINDS = """grade inspector dates finding strength improve person date amount source comparison
negative follow_up unanswerable""".split()


def test_blind_set_is_unchanged_since_it_was_frozen():
    recorded = (BLIND / "blind.jsonl.sha256").read_text().strip()
    assert hashlib.sha256((BLIND / "blind.jsonl").read_bytes()).hexdigest() == recorded


def test_blind_set_covers_every_kind_of_question_staff_ask():
    questions = load_gold([BLIND / "blind.jsonl"])
    assert len(questions) >= 250
    assert sum(not q.answerable for q in questions) >= 40
    assert {q.kind for q in questions} == set(KINDS)
    assert all(q.evidence and q.key_terms for q in questions if q.answerable)
    assert all(q.history for q in questions if q.kind == "follow_up")


def test_blind_quotes_into_council_and_shipped_documents_are_verbatim():
    _assert_local_quotes_verbatim(load_gold([BLIND / "blind.jsonl"]), at_least=90)


def test_the_second_blind_set_is_unchanged_since_it_was_frozen():
    recorded = (BLIND2 / "blind2.jsonl.sha256").read_text().strip()
    assert hashlib.sha256((BLIND2 / "blind2.jsonl").read_bytes()).hexdigest() == recorded


def test_the_second_blind_set_covers_every_kind_and_its_quotes_are_verbatim():
    questions = load_gold([BLIND2 / "blind2.jsonl"])
    assert len(questions) >= 200 and sum(not q.answerable for q in questions) >= 20
    assert {q.kind for q in questions} == set(KINDS)
    assert all(q.history for q in questions if q.kind == "follow_up")
    _assert_local_quotes_verbatim(questions, at_least=60)


def test_the_third_blind_set_is_unchanged_since_it_was_frozen():
    recorded = (BLIND3 / "blind3.jsonl.sha256").read_text().strip()
    assert hashlib.sha256((BLIND3 / "blind3.jsonl").read_bytes()).hexdigest() == recorded


def test_the_third_blind_set_weighs_follow_ups_and_its_quotes_are_verbatim():
    questions = load_gold([BLIND3 / "blind3.jsonl"])
    assert len(questions) >= 150
    follow_ups = [q for q in questions if q.kind == "follow_up"]
    assert len(follow_ups) >= 50 and all(q.history for q in follow_ups)
    assert all(q.evidence and q.key_terms for q in questions if q.answerable)
    _assert_local_quotes_verbatim(questions, at_least=40)


def _assert_local_quotes_verbatim(questions: list[GoldQuestion], at_least: int) -> None:
    """The questions whose evidence is all in the shipped corpus or the council documents (at
    least ``at_least`` of them) have every quote verbatim; quotes into the ILACS archive are
    located by every `inspection-qa eval` run."""
    council = get_settings().ilacs_dir.parent / "council"
    texts = CorpusTexts([REPO_ROOT / "corpus", council])
    local = [
        q
        for q in questions
        if q.evidence and all(texts.text(e.doc_id) is not None for e in q.evidence)
    ]
    assert len(local) >= at_least
    assert locate_evidence(local, texts.text, texts.authority) == []
