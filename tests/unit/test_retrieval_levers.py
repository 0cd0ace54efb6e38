"""Issue 15's retrieval levers, as a user sees them: a question in one name for a thing finds
the passage that calls it by another."""

from pathlib import Path

import pytest

from index.build import build_index
from index.qa import QAEngine
from index.retrieval.expansion import Lexicon, load_lexicon
from index.settings import Settings

DOCUMENTS = {
    "care.txt": (
        "Placements\n\n"
        "Children in care benefit from stable homes and regular visits from social workers "
        "who know them well. Their plans are reviewed on time."
    ),
    "library.txt": (
        "Libraries\n\n"
        "Children said the library was a good place to be. Children and their families use "
        "the children's reading room, and children's clubs meet there most weeks."
    ),
    "hub.txt": (
        "Contact and referral\n\n"
        "The multi-agency safeguarding hub screens contacts quickly, and managers make "
        "decisions about next steps within a day."
    ),
    "parks.txt": (
        "Parks\n\n"
        "The parks team plans to send letters to residents about the new opening hours of "
        "the play areas."
    ),
}


def _built(tmp_path_factory: pytest.TempPathFactory, documents: dict[str, str]) -> Settings:
    """Settings for an index built from ``documents`` (file name → text)."""
    corpus = tmp_path_factory.mktemp("lexicon") / "corpus"
    corpus.mkdir()
    for name, text in documents.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(index_dir=corpus.parent / "index", corpus_dir=corpus)
    build_index([corpus], settings.index_dir, settings, progress=False)
    return settings


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    settings = _built(tmp_path_factory, DOCUMENTS)
    return settings, settings.index_dir


# Four documents: every word is in a quarter of them, so the cap on how common an added word
# may be (lexicon_max_df, meant for an archive of thousands of passages) is lifted here.
TINY = {"lexicon_max_df": 1.0}


def _first_doc(settings: Settings, index_dir: Path, query: str, **levers: float) -> str:
    engine = QAEngine.open(settings.model_copy(update={**TINY, **levers}), index_dir)
    hits = engine.search(query, top_k=1, mode="lexical").hits
    return hits[0].passage.doc_id if hits else ""


def test_a_question_saying_looked_after_children_finds_a_passage_saying_children_in_care(
    tiny_index: tuple[Settings, Path],
) -> None:
    settings, index_dir = tiny_index
    question = "What did inspectors find about looked after children?"
    assert _first_doc(settings, index_dir, question, lexicon_weight=0.5) == "care"
    # Without the lexicon the words in common ("children") favour the library.
    assert _first_doc(settings, index_dir, question, lexicon_weight=0.0) == "library"


def test_an_acronym_finds_the_passage_that_spells_it_out(
    tiny_index: tuple[Settings, Path],
) -> None:
    settings, index_dir = tiny_index
    mash = "How quickly does the MASH screen contacts?"
    assert _first_doc(settings, index_dir, mash, lexicon_weight=0.5) == "hub"
    assert _first_doc(settings, index_dir, "What is known about CLA?", lexicon_weight=0.5) == "care"


def test_a_question_saying_dcs_finds_the_director_of_childrens_services(
    settings: Settings, built_index: Path
) -> None:
    # Default settings on the shipped corpus: "DCS" adds "director" (a word in few passages),
    # not "children" or "services" (in most of them).
    question = "Who is Calderdale's DCS?"
    assert settings.lexicon_weight > 0
    # The first stage alone, where the lever acts (the learned stage finds her either way).
    first_stage = settings.model_copy(update={"reranker": "off"})
    with_lexicon = QAEngine.open(first_stage, built_index)
    # Neither the BM25 words nor the long form the encoder reads beside "DCS".
    unaided_settings = {"lexicon_weight": 0.0, "acronyms_spelled_dense": False}
    without = QAEngine.open(first_stage.model_copy(update=unaided_settings), built_index)
    found = _rank_of(with_lexicon, question, "002_0a2bc6d77ad37827", "Julie Jenkins")
    unaided = _rank_of(without, question, "002_0a2bc6d77ad37827", "Julie Jenkins")
    assert found is not None and found <= 5
    assert unaided is None or unaided > found
    served = QAEngine.open(settings, built_index)
    assert _rank_of(served, question, "002_0a2bc6d77ad37827", "Julie Jenkins") is not None


def test_the_verb_send_is_not_the_acronym_send() -> None:
    lexicon = load_lexicon()
    assert lexicon.expand("When will the council send letters?").names == ()
    assert "special educational needs" in lexicon.expand("How good is SEND support?").names


def test_the_lexicon_reads_groups_of_names_and_matches_plurals() -> None:
    lexicon = Lexicon([["care leaver", "care experienced young people"]])
    assert lexicon.expand("How are care leavers supported?").names == (
        "care experienced young people",
    )
    assert lexicon.expand("How are foster carers supported?").names == ()


# Dense feedback was not adopted (eval/RESULTS.md: it lifted the development sets, not the
# blind one); these keep the measured mechanism honest while it stays a setting.
FEEDBACK = {"prf_docs": 3, "dense_prf_weight": 1.0}


def _rank_of(engine: QAEngine, query: str, doc_id: str, quote: str) -> int | None:
    hits = engine.search(query, top_k=10).hits
    for rank, hit in enumerate(hits, start=1):
        if hit.passage.doc_id == doc_id and quote in hit.passage.text:
            return rank
    return None


def test_feedback_puts_the_director_named_in_other_words_first(
    settings: Settings, built_index: Path
) -> None:
    # The article says "director of children's and young people services, Julie Jenkins"; the
    # passages found first for the question's words pull the dense query towards it.
    question = "Who is Calderdale's director of children's and young people services?"
    quote = "Julie Jenkins"
    first_stage = settings.model_copy(update={"reranker": "off"})
    with_feedback = QAEngine.open(first_stage.model_copy(update=FEEDBACK), built_index)
    without = QAEngine.open(first_stage.model_copy(update={"prf_docs": 0}), built_index)
    assert _rank_of(with_feedback, question, "002_0a2bc6d77ad37827", quote) == 1
    # Since the article's "Published: …" line heads its text again, the first stage alone
    # ranks her first too; feedback must not lose her.
    assert _rank_of(without, question, "002_0a2bc6d77ad37827", quote) is not None


def test_feedback_never_brings_in_another_authority(settings: Settings, built_index: Path) -> None:
    engine = QAEngine.open(settings.model_copy(update=FEEDBACK), built_index)
    result = engine.search("What did inspectors say about care leavers in Calderdale?", top_k=10)
    assert "feedback" in result.timings_ms
    assert {engine.documents[h.passage.doc_id].meta.authority for h in result.hits} == {
        "Calderdale"
    }


COMMON_WORDS = {
    "iro.txt": "Officers\n\nIndependent reviewing officers know the children well.",
    "police.txt": "Police\n\nA police officer met the family at home.",
    "budget.txt": "Budget\n\nAn annual review of the budget took place.",
    "board.txt": "Board\n\nAn independent chair leads the board.",
    "audit.txt": "Audit\n\nThe audit officer will review the accounts.",
    "panel.txt": "Panel\n\nA panel met to review the case with an officer.",
}


def test_a_long_form_of_common_words_is_found_where_they_are_all_together(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    settings = _built(tmp_path_factory, COMMON_WORDS)
    # "independent", "review" and "officer" are each in more passages than an added word may
    # be (more than 30% of them here); all three together are in one, the IROs' own.
    levers = {"lexicon_weight": 0.5, "lexicon_max_df": 0.3}
    assert _first_doc(settings, settings.index_dir, "What about IROs?", **levers) == "iro"


def test_unaccompanied_children_are_also_ofsteds_newer_name_for_them() -> None:
    # Reports since 2023 say "separated migrant children" where staff still say UASC.
    expanded = load_lexicon().expand("essex UASC 2023 was the support ok").names
    assert "separated migrant children" in expanded


def test_the_encoder_reads_an_acronym_with_its_long_form(
    tiny_index: tuple[Settings, Path],
) -> None:
    # Dense search alone: the encoder never learned "CLA" or "MASH", so without their long
    # forms the library or the hub come first.
    settings, index_dir = tiny_index

    def first(query: str, spelled: bool) -> str:
        levers = {**TINY, "acronyms_spelled_dense": spelled}
        engine = QAEngine.open(settings.model_copy(update=levers), index_dir)
        return engine.search(query, top_k=1, mode="dense").hits[0].passage.doc_id

    assert first("What is known about CLA?", spelled=True) == "care"
    assert first("What is known about CLA?", spelled=False) != "care"
    assert first("is the MASH any good", spelled=True) == "hub"
    assert first("is the MASH any good", spelled=False) != "hub"


def test_an_acronym_is_written_beside_its_long_form_and_words_are_left_alone() -> None:
    lexicon = load_lexicon()
    assert (
        lexicon.spelled_out("What did they say about IROs?")
        == "What did they say about IROs (independent reviewing officers)?"
    )
    assert lexicon.spelled_out("Is the MASH working?") == (
        "Is the MASH (multi-agency safeguarding hub) working?"
    )
    # Lower case is a word ("send" the verb), and a question without acronyms is unchanged.
    assert lexicon.spelled_out("when will they send it") == "when will they send it"


def test_funding_asked_for_is_the_budget_a_council_paper_names() -> None:
    # "does herts need extra funding for the post-inspection actions?" is answered by the
    # cabinet panel's "delivered within the agreed budget for Children's Services".
    assert "budget" in load_lexicon().expand("does herts need extra funding?").names


def test_recs_typed_are_recommendations() -> None:
    # "had the recs from the previous inspection been sorted?" abstained beside "It is
    # heartening to hear that recommendations made from the last inspection have been …".
    assert "recommendations" in load_lexicon().expand("any recs about fostering?").names
