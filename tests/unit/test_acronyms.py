"""Acronyms the documents define for themselves ("female genital mutilation (FGM)") become
lexicon groups, so that a question in either form reaches the passage in the other."""

from index.qa import QAEngine
from index.retrieval.acronyms import defined_acronyms
from index.retrieval.expansion import load_lexicon

TEXTS = [
    "Risks of female genital mutilation (FGM) are understood. Staff are trained on FGM.",
    "Work on female genital mutilation (FGM) is effective.",
    "Family group meetings (FGM) are held weekly.",  # another long form, outvoted
    "Independent reviewing officers (IROs) challenge well. The independent reviewing "
    "officers (IROs) know children.",
    "The health and wellbeing board (HWB) met. The health and wellbeing board (H&WB) and "
    "the health and wellbeing board (HWB) agreed with the health and wellbeing board (H&WB).",
    "The inspection of local authority children's services (ILACS) framework (ILACS).",
    "A multi-agency safeguarding hub (MASH) opened.",  # defined once: not enough
    "The team (ABC) and the group (ABC) met.",  # initials that spell nothing
]


def test_acronyms_defined_twice_with_a_usual_long_form_are_found():
    groups = defined_acronyms(TEXTS)
    assert ["female genital mutilation", "FGM"] in groups
    # A plural acronym is the same name; two acronyms of one long form are one group.
    assert ["independent reviewing officers", "IRO"] in groups
    assert ["health and wellbeing board", "H&WB", "HWB"] in groups
    named = {a for g in groups for a in g[1:]}
    # Once is not a definition to rely on; a framework is read as a framework; brackets
    # after words whose initials do not spell the acronym define nothing.
    assert not {"MASH", "ILACS", "ABC"} & named


def test_an_acronym_with_no_usual_long_form_is_left_out():
    split = ["Family group meetings (FGM) help.", "Female genital mutilation (FGM) is a risk."]
    assert defined_acronyms(split * 2) == []


def test_the_lexicon_file_keeps_its_own_groups_and_gains_the_corpus_acronyms():
    lexicon = load_lexicon().with_groups(
        [["director of children's services", "DCS"], ["female genital mutilation", "FGM"]]
    )
    assert len(lexicon.groups) == len(load_lexicon().groups) + 1
    assert lexicon.expand("Did they recognise the risk of FGM?").names == (
        "female genital mutilation",
    )
    assert "FGM" in lexicon.expand("female genital mutilation in Surrey").names


def test_an_acronym_defined_once_names_its_long_form_and_only_as_written():
    lexicon = load_lexicon().with_groups(
        [["equalities impact assessment", "EqIA"], ["adoption in merseyside", "AiM"]],
        by_acronym_only=True,
    )
    assert lexicon.expand("Was an EqIA done?").names == ("equalities impact assessment",)
    # The long form is said where the acronym is defined: it need not search for it.
    assert lexicon.expand("Was an equalities impact assessment done?").names == ()
    # A mixed-case acronym is read as written: "aim" is a word.
    assert lexicon.expand("What was the aim of the visit?").names == ()
    assert lexicon.expand("Who runs AiM?").names == ("adoption in merseyside",)


def test_a_question_in_a_documents_own_acronym_finds_its_long_form(engine: QAEngine) -> None:
    # The Hertfordshire cabinet paper defines "Equalities Impact Assessment (EqIA)" once, and
    # says in another passage that none was undertaken.
    answer = engine.ask("Was an EqIA done for the Hertfordshire Ofsted inspection report?")
    quotes = " ".join(c.quote for c in answer.citations)
    assert "Equalities Impact Assessment was not undertaken" in quotes, answer.answer


def test_an_acronym_typed_as_a_plural_names_its_long_form_as_the_singular_does() -> None:
    # "DCSs" and "SGOs" stem to other tokens than "DCS" and "SGO" ("dcss", "sgos"): a question
    # asking "how many DCSs had they been through?" lost the directors it asked about.
    from index.retrieval.lexical import tokenize

    lexicon = load_lexicon()
    for typed, long_form in (("DCSs", "director"), ("SGOs", "special"), ("IROs", "independ")):
        terms = frozenset(tokenize([f"how many {typed} were there"])[0])
        others = {t for n in lexicon.names_within(terms) for o in n.others for t in o}
        assert long_form in others, (typed, others)
