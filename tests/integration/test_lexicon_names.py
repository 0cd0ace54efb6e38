"""A name the question uses and the evidence spells another way (the lexicon's groups) is
still an answer: "CLA" where the reports write "children in care"."""


def test_an_acronym_the_reports_spell_out_is_answered_not_abstained(engine):
    answer = engine.ask("What did Ofsted say about CLA in Herefordshire?")
    assert not answer.abstained
    assert {engine.documents[c.doc_id].meta.authority for c in answer.citations} == {
        "Herefordshire"
    }
    assert any("care" in c.quote.lower() for c in answer.citations)


def test_a_name_no_document_mentions_in_any_form_still_abstains(engine):
    assert engine.ask("What did Ofsted say about the Zorblax team in Herefordshire?").abstained


def test_an_acronym_only_the_corpus_defines_finds_its_spelled_out_passage(engine):
    # "RAA" is in no lexicon file: the reports define it ("regional adoption agency (RAA)"),
    # and Herefordshire's report writes it out in full where it answers.
    answer = engine.ask("How well does the RAA work for Herefordshire children?")
    assert not answer.abstained
    assert any(
        engine.documents[c.doc_id].meta.authority == "Herefordshire"
        and "regional adoption agency" in c.quote.lower()
        for c in answer.citations
    )


def test_cic_is_children_in_care(engine):
    # Staff write "CiC"; it was in no lexicon group, and the question abstained.
    answer = engine.ask("CiC health assessments herefordshire 2022")
    assert not answer.abstained, answer.answer
    assert any("health" in c.quote.lower() for c in answer.citations)


def test_politicians_are_elected_members_and_councillors(engine):
    # "politicians" was in no lexicon group: the question abstained, though the council's
    # press release on Hertfordshire's 2018 report speaks of Ofsted commending elected members.
    answer = engine.ask("what did inspectors say about the politicians in hertfordshire 2018?")
    assert not answer.abstained, answer.answer
    assert any(
        engine.documents[c.doc_id].meta.authority == "Hertfordshire"
        and any(w in c.quote.lower() for w in ("elected members", "councillor"))
        for c in answer.citations
    ), answer.citations
