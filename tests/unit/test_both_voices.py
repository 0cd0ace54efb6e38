"""A page of results holds both voices: what Ofsted's reports say, and what the council and the
press said of the same inspection, when the passages read hold both (the shipped corpus)."""

from dataclasses import replace

from index.ingest.judgements import REPORT_TYPES
from index.qa import QAEngine
from index.retrieval.voices import _runs, with_other_voice, with_retellings
from index.types import Hit, Passage


def _voices(engine: QAEngine, hits: list[Hit]) -> list[str]:
    types = [engine.documents[h.passage.doc_id].meta.doc_type for h in hits]
    return ["ofsted" if t in REPORT_TYPES else "council or press" for t in types]


def test_a_page_of_report_lines_ends_with_the_councils_account(engine: QAEngine) -> None:
    # The 2018 report's graded lines fill the page; Community Care's interview on the same
    # inspection takes its last places: the passage retelling the report's help and protection
    # finding word for word, then its best-ranked one.
    hits = engine.search("How was help and protection in Calderdale judged in 2018?").hits
    assert _voices(engine, hits[:3]) == ["ofsted"] * 3
    assert _voices(engine, hits[3:5]) == ["council or press"] * 2
    assert {engine.documents[h.passage.doc_id].meta.authority for h in hits[3:5]} == {"Calderdale"}
    assert "help and protection" in hits[3].passage.text
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_a_page_of_council_papers_ends_with_the_report(engine: QAEngine) -> None:
    # Community Care's interview on Hertfordshire's inspection ranks above the report for this
    # question: the page holds the report too.
    question = "What did Ofsted find about the get safe team in Hertfordshire?"
    hits = engine.search(question).hits
    assert set(_voices(engine, hits[:5])) == {"ofsted", "council or press"}
    # Filled by the interview (as it is on some machines: int8 embeddings differ in the last
    # digits between CPUs, and the report's best passage ranks 5th or 6th), the page's last
    # places go to the report: the passage the interview retells word for word, then the
    # report's best-ranked one.
    read = engine.search(question, top_k=50).hits
    council = [h for h in read if _voices(engine, [h]) == ["council or press"]]
    report = [h for h in read if _voices(engine, [h]) == ["ofsted"]]
    page = with_other_voice(
        [*council[:5], *report],
        5,
        lambda h: _voices(engine, [h]) == ["ofsted"],
    )
    assert _voices(engine, page[:3]) == ["council or press"] * 3
    assert _voices(engine, page[3:5]) == ["ofsted"] * 2
    assert page[4].passage.passage_id == report[0].passage.passage_id
    assert _runs(page[3].passage.text) & set().union(*(_runs(h.passage.text) for h in council[:5]))


def test_the_answer_lists_the_same_page_as_the_search(engine: QAEngine) -> None:
    question = "How was help and protection in Calderdale judged in 2018?"
    sources = [h.passage.passage_id for h in engine.ask(question).sources]
    searched = [h.passage.passage_id for h in engine.search(question).hits]
    assert sources == searched


def test_a_longer_page_keeps_the_default_pages_order(engine: QAEngine) -> None:
    question = "How was help and protection in Calderdale judged in 2018?"
    five = [h.passage.passage_id for h in engine.search(question).hits]
    ten = [h.passage.passage_id for h in engine.search(question, top_k=10).hits]
    assert ten[:5] == five


def _hits(*voices: str) -> list[Hit]:
    return [
        Hit(Passage(f"p{i}", f"{v}{i}", 0, 1, "text", "", "text", None), 1.0 - i / 10)
        for i, v in enumerate(voices)
    ]


def _is_ofsted(h: Hit) -> bool:
    return h.passage.doc_id.startswith("o")


def test_a_mixed_page_is_left_as_it_is() -> None:
    hits = _hits("o", "c", "o", "o", "o", "c")
    assert with_other_voice(hits, 5, _is_ofsted) == hits


def test_no_other_voice_read_leaves_the_page() -> None:
    hits = _hits("o", "o", "o", "o", "o", "o")
    assert with_other_voice(hits, 5, _is_ofsted) == hits


def test_the_other_voices_best_passage_takes_the_last_place() -> None:
    hits = _hits("o", "o", "o", "o", "o", "o", "c", "c")
    moved = with_other_voice(hits, 5, _is_ofsted)
    assert [h.passage.passage_id for h in moved] == ["p0", "p1", "p2", "p3", "p6", "p4", "p5", "p7"]
    assert [h.score for h in moved] == sorted((h.score for h in moved), reverse=True)


def test_a_passage_retelling_one_on_the_page_joins_the_other_voices_best() -> None:
    finding = "Managers and leaders were not aware of two areas of practice impacting on children."
    hits = _hits("o", "o", "o", "o", "o", "c", "c")
    hits[2] = replace(hits[2], passage=replace(hits[2].passage, text=finding))
    hits[6] = replace(hits[6], passage=replace(hits[6].passage, text=f"Ofsted said: {finding}"))
    moved = with_other_voice(hits, 5, _is_ofsted)
    assert [h.passage.passage_id for h in moved[:5]] == ["p0", "p1", "p2", "p6", "p5"]
    assert [h.score for h in moved] == sorted((h.score for h in moved), reverse=True)


def test_a_finding_on_the_page_is_followed_by_the_councils_retelling(engine: QAEngine) -> None:
    # The report's finding on independent reviewing officers leads; Community Care's interview
    # quotes it word for word and was ranked below the page: it now follows the finding.
    hits = engine.search("what did Ofsted think of the IROs in Hertfordshire in 2018?").hits
    said = "Independent reviewing officers provide a good level of critical challenge"
    first = next(i for i, h in enumerate(hits) if said in h.passage.text)
    assert _voices(engine, [hits[first]]) == ["ofsted"]
    assert said in hits[first + 1].passage.text
    assert _voices(engine, [hits[first + 1]]) == ["council or press"]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def _passage(pid: str, doc: str, text: str, kind: str = "text") -> Passage:
    return Passage(pid, doc, 0, len(text), text, "", kind)


def test_an_area_title_alone_is_no_retelling(engine: QAEngine) -> None:
    # Community Care's highlight of Hertfordshire's 2018 report: "The experiences and progress
    # of children in care and care leavers Good: Independent reviewing officers …".
    (highlight,) = [
        h
        for h in engine.search("Hertfordshire IROs critical challenge", top_k=50).hits
        if h.passage.doc_id.startswith("000_") and "Independent reviewing" in h.passage.text
    ]
    fillers = [
        Hit(
            _passage(f"f{i}", "report", f"Filler number {i} says nothing of note here at all."), 4.0
        )
        for i in range(4)
    ]
    title = "The experiences and progress of children in care and care leavers"
    line = _passage("row", "report", f"Judgement: {title} | Grade: Good", "row")
    finding = _passage("text", "report", highlight.passage.text.partition(":")[2])

    def is_ofsted(hit: Hit) -> bool:
        return hit.passage.doc_id == "report"

    # The table's line shares only the area's title with the highlight: nothing moves.
    page = [Hit(line, 5.0), *fillers]
    assert with_retellings([*page, highlight], 5, is_ofsted, 1) == [*page, highlight]
    # The report's finding it quotes: the highlight follows it, scored as it.
    page = [Hit(finding, 5.0), *fillers]
    moved = with_retellings([*page, highlight], 5, is_ofsted, 1)
    assert [h.passage.passage_id for h in moved] == [
        "text",
        highlight.passage.passage_id,
        "f0",
        "f1",
        "f2",
        "f3",
    ]
    assert moved[1].score == 5.0
    # The interview already on the page is heard there: nothing moves.
    other = Hit(replace(highlight.passage, passage_id="000-other"), 4.0)
    page = [Hit(finding, 5.0), *fillers[:3], other]
    assert with_retellings([*page, highlight], 5, is_ofsted, 1) == [*page, highlight]
