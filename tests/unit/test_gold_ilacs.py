"""The ILACS gold set is well formed, big and varied enough, and its evidence is real.

The structural checks read only the JSONL. The evidence check reads the stored text of every
report a quote cites, with the project's own loader, so it needs ../shared/ilacs; it caches
texts under var/gold-text-cache (keyed by file hash and loader code), so only the first run
pays for PDF extraction.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from eval.gold.stored_texts import stored_texts
from index.gazetteer import find_authorities
from index.settings import REPO_ROOT, Settings

GOLD_DIR = REPO_ROOT / "eval" / "gold"
GOLD = GOLD_DIR / "ilacs.jsonl"
HAND_WRITTEN = ("ilacs_findings.jsonl", "ilacs_unanswerable.jsonl")
KINDS = {"grade", "inspector", "dates", "finding", "unanswerable"}
GRADES = {"outstanding", "good", "requires improvement", "inadequate"}


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return _read(GOLD)


def _authority_slug(doc_id: str) -> str:
    return doc_id.split("-children-s-services-inspection")[0]


def test_every_line_is_a_question_in_the_contract_format(gold: list[dict]) -> None:
    for q in gold:
        assert isinstance(q["id"], str) and q["id"], q
        assert isinstance(q["question"], str) and q["question"].endswith("?"), q
        assert isinstance(q["answerable"], bool), q
        assert q["kind"] in KINDS, q
        assert all(isinstance(t, str) and t for t in q["key_terms"]), q
        assert all(isinstance(h, str) and h for h in q.get("history", [])), q
        for e in q["evidence"]:
            assert set(e) == {"doc_id", "quote"} and e["doc_id"] and e["quote"].strip(), q
        if q["answerable"]:
            assert q["evidence"] and q["key_terms"], q
        else:
            assert q["kind"] == "unanswerable" and not q["evidence"] and not q["key_terms"], q


def test_question_ids_and_texts_are_unique(gold: list[dict]) -> None:
    ids = Counter(q["id"] for q in gold)
    assert [i for i, n in ids.items() if n > 1] == []
    texts = Counter(q["question"].lower() for q in gold)
    assert [t for t, n in texts.items() if n > 1] == []


def test_set_meets_the_size_and_spread_the_issue_asks_for(gold: list[dict]) -> None:
    kinds = Counter(q["kind"] for q in gold)
    assert len(gold) >= 300
    assert kinds["finding"] >= 80
    assert kinds["unanswerable"] >= 30
    assert kinds["inspector"] >= 20 and kinds["dates"] >= 20
    areas = Counter(q.get("area") for q in gold if q["kind"] == "grade")
    for area in ("overall", "help_protection", "in_care", "care_leavers", "leaders"):
        assert areas[area] >= 20, area
    finding_authorities = {
        _authority_slug(e["doc_id"]) for q in gold if q["kind"] == "finding" for e in q["evidence"]
    }
    assert len(finding_authorities) >= 40


def test_namesakes_are_asked_both_ways_and_never_cross(gold: list[dict]) -> None:
    for name, other in (("Herefordshire", "hertfordshire"), ("Hertfordshire", "herefordshire")):
        asked = [q for q in gold if name in q["question"] and q["answerable"]]
        assert {q["kind"] for q in asked} >= {"grade", "finding"}, name
        assert all("namesake" in q.get("tags", []) for q in asked)
        for q in asked:
            assert all(_authority_slug(e["doc_id"]) == name.lower() for e in q["evidence"])
            assert all(not e["doc_id"].startswith(other) for e in q["evidence"])
        assert any(name in q["question"] and not q["answerable"] for q in gold), name


def test_grade_questions_state_the_grade_their_evidence_shows(gold: list[dict]) -> None:
    for q in (q for q in gold if q["kind"] == "grade"):
        assert q["expected_grade"] in GRADES, q
        assert q["key_terms"] == [q["expected_grade"]], q
        quote = re.sub(r"\s+", " ", q["evidence"][0]["quote"]).lower()
        assert q["expected_grade"] in quote, q


def test_key_terms_of_answerable_questions_are_in_their_evidence(gold: list[dict]) -> None:
    for q in (q for q in gold if q["answerable"]):
        evidence = " ".join(re.sub(r"\s+", " ", e["quote"]) for e in q["evidence"]).lower()
        assert [t for t in q["key_terms"] if t.lower() not in evidence] == [], q["id"]


def test_hand_written_questions_are_merged_into_the_set(gold: list[dict]) -> None:
    merged = {q["id"]: q for q in gold}
    for name in HAND_WRITTEN:
        for q in _read(GOLD_DIR / name):
            assert merged.get(q["id"]) == q, f"{q['id']} from {name}: rerun make_ilacs_gold"


@pytest.mark.archive
def test_every_quote_is_verbatim_in_the_stored_text_of_its_report(gold: list[dict]) -> None:
    corpus = Settings().ilacs_reports
    if not corpus.is_dir():
        pytest.skip(f"ILACS reports not found at {corpus} (set INSPECTION_QA_ILACS_DIR)")
    doc_ids = {e["doc_id"] for q in gold for e in q["evidence"]}
    texts = stored_texts(doc_ids, corpus)
    assert sorted(doc_ids - set(texts)) == [], "evidence cites reports the index would not hold"
    missing = [
        (q["id"], e["quote"][:80])
        for q in gold
        for e in q["evidence"]
        if e["quote"] not in texts[e["doc_id"]].text
    ]
    assert missing == []
    # The report cited is about the authority the question names.
    for q in (q for q in gold if q["answerable"]):
        # A follow-up may leave the authority to its history ("and what about care leavers?").
        named = set(find_authorities(q["question"])) or set(
            find_authorities(" ".join(q.get("history", [])))
        )
        for e in q["evidence"]:
            assert texts[e["doc_id"]].authority in named, (q["id"], e["doc_id"])
