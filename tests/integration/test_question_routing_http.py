"""Issue 14 through a real HTTP server: the answer keeps what retrieval found, a named source
is honoured, the table answers grades only, and open questions go inspection by inspection."""

import re

import httpx
import pytest

pytestmark = pytest.mark.slow


def ask(client: httpx.Client, question: str, **extra: object) -> dict:
    response = client.post("/v1/ask", json={"question": question, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def test_ask_returns_the_searchs_top_passages_as_sources(client):
    question = "What did inspectors say about family safeguarding teams in Hertfordshire?"
    body = ask(client, question, top_k=5)
    search = client.post("/v1/search", json={"query": question, "top_k": 5}).json()
    assert [s["passage_id"] for s in body["sources"]] == [
        r["passage_id"] for r in search["results"]
    ]
    assert len(body["sources"]) == 5


def test_open_question_is_answered_inspection_by_inspection_newest_first(client):
    body = ask(client, "What did Ofsted say about care leavers in Calderdale?")
    assert not body["abstained"]
    reports = [c for c in body["citations"] if c["doc_type"] == "inspection report"]
    docs = list(dict.fromkeys(c["doc_id"] for c in reports))
    assert len(docs) >= 2
    dates = [next(c["date"] for c in reports if c["doc_id"] == d) for d in docs]
    assert dates == sorted(dates, reverse=True)
    assert "2024" in dates[0]
    # What the newest report says is cited first; each report's dates line is still cited,
    # after the statement it introduces.
    assert not body["citations"][0]["quote"].startswith("Inspection date")
    for doc in docs:
        assert any(c["quote"].startswith("Inspection date") for c in reports if c["doc_id"] == doc)
    assert body["answer"].index("[1]") < body["answer"].index("[2]")
    # No passage span is quoted twice.
    spans = [(c["passage_id"], c["quote"]) for c in body["citations"]]
    assert len(spans) == len(set(spans))


def test_a_named_council_source_is_answered_from_that_kind_of_document(client):
    body = ask(client, "What did the Hertfordshire press release say about social work?")
    assert not body["abstained"]
    assert body["citations"][0]["doc_type"] == "press release"


def test_a_named_source_is_quoted_before_other_documents_on_the_topic(client):
    # The cabinet paper's sentence on children in care ranked beside the press release's.
    body = ask(
        client, "According to the press release, how did Hertfordshire do for children in care?"
    )
    assert not body["abstained"]
    assert body["citations"][0]["doc_type"] == "press release"


@pytest.mark.parametrize(
    ("question", "doc_type"),
    [
        # Without the source honoured, a 2015 report's "Leadership … | Grade" row came second.
        ("How was Calderdale's leadership judged, according to the interview?", "news article"),
        # … and the Community Care article's sentence on the same judgement.
        (
            "According to the Hertfordshire press release, how was leadership rated?",
            "press release",
        ),
    ],
)
def test_a_named_source_answers_alone_when_it_says_something_on_the_topic(
    client, question, doc_type
):
    body = ask(client, question)
    assert not body["abstained"]
    assert {c["doc_type"] for c in body["citations"]} == {doc_type}


def test_the_sources_own_name_does_not_put_its_opening_lines_first(client):
    # Once only the article is read, "In the latest of Community Care's Ofsted Interview
    # series …" shares nothing with the question but the source's name.
    body = ask(
        client,
        "According to Community Care, how did Calderdale care leavers describe the support "
        "they get?",
    )
    assert not body["abstained"]
    assert {c["doc_type"] for c in body["citations"]} == {"news article"}
    assert not body["citations"][0]["quote"].startswith("In the latest of Community Care")
    assert "glowing about the support" in body["answer"]


def test_an_agenda_items_statement_of_purpose_comes_after_what_the_paper_says(client):
    # "To share the feedback letter from Ofsted following their fifth Monitoring Visit …" is
    # what the minutes' item is; asked what was found, the finding comes first.
    found = ask(
        client,
        "What did Ofsted find about Herefordshire's get safe team at the October 2024 "
        "monitoring visit?",
    )
    assert "get safe team" in found["citations"][0]["quote"]
    assert not found["citations"][0]["quote"].startswith("To share")
    # Asked when, the same line gives the visit's dates and still answers first.
    when = ask(client, "When was Ofsted's fifth monitoring visit to Herefordshire?")
    assert "22 - 23 October 2024" in when["citations"][0]["quote"]


def test_a_visit_named_is_answered_from_the_papers_titled_with_it(client):
    # Herefordshire's 2026 report (a full inspection) has its own findings on plans; asked
    # about the monitoring visit, the cabinet's minutes on its feedback answer.
    body = ask(client, "Herefordshire monitoring visit: any criticism of children's plans?")
    assert not body["abstained"]
    assert {c["doc_id"] for c in body["citations"]} == {"003_3115fc9e1c719f5a"}


def test_a_grade_question_that_asks_for_more_than_the_grade_is_answered_from_text(client):
    # The table holds the grades, not who presented the report to the panel.
    body = ask(
        client,
        "Which officer presented the report on Hertfordshire's Ofsted judgement to the panel?",
    )
    assert not body["timings_ms"].get("judgements")


def test_a_question_naming_a_year_quotes_that_years_report_first(client):
    # The 2026 report's sentence on care leavers' homes ranked beside the 2022 report's.
    question = "What did inspectors say about care leavers' accommodation in Herefordshire in 2022?"
    body = ask(client, question)
    assert not body["abstained"]
    assert body["citations"][0]["date"].startswith("2022")


def test_the_local_safeguarding_children_board_is_answered_with_its_own_grade(client):
    body = ask(
        client, "How was the local safeguarding children board rated in Herefordshire in 2014?"
    )
    assert "judgements" in body["timings_ms"]
    assert "Safeguarding Children Board" in body["answer"]
    assert "requires improvement" in body["answer"]
    assert "Safeguarding Children Board" in body["citations"][0]["quote"]


@pytest.mark.parametrize(
    "question",
    [
        # The single inspection framework's own name for what it graded.
        "How was the review of the effectiveness of the LSCB graded in Hertfordshire?",
        # The board's overall effectiveness is its grade, not the council's overall grade.
        "What was the overall effectiveness of the Hertfordshire LSCB?",
        # The grade as a verb.
        "Did the LSCB in Hertfordshire require improvement in 2015?",
        # How it was doing; the outcome of the board's review.
        "How well was the Hertfordshire LSCB performing, according to Ofsted?",
        "What was the outcome of the review of the LSCB in Hertfordshire?",
        "How did Hertfordshire's LSCB do in the 2015 review?",
        # The judgement's name asked for; "the board" with a grade asked; terse lines.
        "2015 Hertfordshire inspection - what was the effectiveness of the LSCB?",
        "Hertfordshire's board was rated what in 2015?",
        "Hertfordshire 2015: the board's rating?",
        "hertfordshire 2015 review of lscb result",
        "Effectiveness of the Hertfordshire LSCB, 2015 review",
    ],
)
def test_the_boards_grade_asked_in_its_reports_words_is_its_grade_alone(client, question):
    body = ask(client, question)
    assert "judgements" in body["timings_ms"]
    assert body["answer"].count("[") == 1, body["answer"]
    assert "The Local Safeguarding Children Board is good" in body["citations"][0]["quote"]


@pytest.mark.parametrize(
    "question",
    [
        "Was Calderdale judged to require improvement in 2015?",
        "Did Calderdale require improvement in 2015?",
    ],
)
def test_a_grade_said_as_a_verb_is_that_grade_asked_for(client, question):
    body = ask(client, question)
    assert "judgements" in body["timings_ms"]
    assert body["answer"].startswith("In the inspection of 13 January to 4 February 2015")
    assert ", then " not in body["answer"], body["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "What was the outcome of the 2018 inspection in Calderdale?",
        "What did Calderdale get in 2018?",
        "Did Calderdale pass its 2018 Ofsted inspection?",
        "How effective were Calderdale's children's services in 2018?",
        # What it was judged after that inspection, not the newest grade since.
        "After the 2018 inspection, what was Calderdale's overall judgement?",
        # The council's full name says nothing beyond the grade.
        "How was Calderdale Metropolitan Borough Council rated overall in 2018?",
        # A terse line naming the judgement and its inspection.
        "Calderdale overall effectiveness 2018",
    ],
)
def test_the_outcome_of_an_inspection_is_its_grade(client, question):
    body = ask(client, question)
    assert "judgements" in body["timings_ms"]
    assert "2018" in body["answer"] and "good" in body["answer"]


def test_a_grade_under_a_named_framework_is_that_frameworks_inspection(client):
    # Hertfordshire's 2015 inspection was under the single inspection framework, its 2018
    # and 2023 ones under ILACS.
    body = ask(client, "How was Hertfordshire rated under the single inspection framework?")
    assert not body["abstained"]
    assert "2015" in body["answer"] and "2023" not in body["answer"]
    body = ask(client, "How was Hertfordshire rated under ILACS?")
    assert "2023" in body["answer"] and "2015" not in body["answer"]


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("What was Calderdale's grade at its previous inspection?", "2018"),
        ("How was Calderdale rated at the inspection before last?", "2018"),
        ("What was Calderdale's earliest grade?", "2015"),
        ("What was Calderdale rated at its first ILACS inspection?", "2018"),
    ],
)
def test_a_grade_at_the_inspection_asked_for_not_the_newest(client, question, year):
    body = ask(client, question)
    assert not body["abstained"]
    assert year in body["answer"] and "2024" not in body["answer"]


@pytest.mark.parametrize("follow_up", ["what was it before that?", "and the one before?"])
def test_a_follow_up_before_an_undated_grade_asks_the_previous_inspections(client, follow_up):
    # The first question was of Calderdale's newest inspection (2024): before it was 2018's.
    history = ["What's Calderdale's current Ofsted rating?"]
    body = ask(client, follow_up, history=history)
    assert not body["abstained"]
    assert "2018" in body["answer"] and "2024" not in body["answer"]


def test_a_who_question_for_another_role_is_not_answered_with_the_lead_inspector(client):
    # "Lead" asks for the lead member here: the report's "Lead inspector:" line is another role.
    body = ask(client, "Who is the lead member for children's services in Hertfordshire?")
    assert not any(c["quote"].startswith("Lead inspector") for c in body["citations"])
    led = ask(client, "Who was the lead inspector for Hertfordshire in 2023?")
    assert "Sarah Canto" in led["answer"]
    # "Which councillor" asks who as "who" does, and a councillor is no inspector, though
    # the question speaks of an inspection.
    member = ask(
        client, "Which councillor is Hertfordshire's lead for children after the 2018 inspection?"
    )
    assert "Teresa Heritage" in member["answer"]
    assert not any(c["quote"].startswith("Lead inspector") for c in member["citations"])


def test_of_two_authorities_the_one_without_an_inspection_that_year_is_said_to_have_none(client):
    body = ask(client, "How were Calderdale and Hertfordshire rated in 2023?")
    assert not body["abstained"]
    assert "Hertfordshire" in body["answer"] and "outstanding" in body["answer"]
    assert "no 2023 inspection of Calderdale" in body["answer"]


def test_getting_better_between_years_is_a_change_of_grades(client):
    body = ask(client, "Did Calderdale get better between 2015 and 2018?")
    assert "judgements" in body["timings_ms"]
    answer = body["answer"]
    assert answer.index("requires improvement") < answer.index("good") and "2024" not in answer
    since = ask(client, "Has Calderdale improved since 2018?")["answer"]
    assert "2018" in since and "2024" in since and "2015" not in since


def test_how_many_times_an_area_was_given_a_grade_is_counted(client):
    body = ask(client, "How many times has Calderdale been rated good?")
    assert body["answer"].startswith("Ofsted judged Calderdale good in two of the three")
    compared = ask(client, "How did Calderdale's 2018 result compare with 2015?")["answer"]
    assert compared.index("requires improvement") < compared.index("good")


def test_what_inspectors_concluded_is_asked_as_what_they_found(client):
    # "Conclude" frames the question as "find" does: no sentence of the report says it.
    # (Asked of the front door in 2024, it hung on a 2018 sentence's cosine at the bar, which
    # another onnxruntime's int8 encoder put under it; the 2024 report has no front door.)
    body = ask(client, "What did inspectors conclude about leadership in Calderdale in 2024?")
    assert not body["abstained"]
    assert "leadership" in body["answer"]
    assert body["citations"][0]["date"].startswith("2024")


def test_a_grade_alone_is_still_answered_from_the_judgements_table(client):
    body = ask(client, "How was Calderdale judged for care leavers in 2018?")
    assert "judgements" in body["timings_ms"]
    assert "Calderdale" in body["answer"]


def test_an_inspection_asked_about_in_other_words_gets_its_dates_from_the_table(client):
    for question in (
        "When were inspectors on site in Calderdale in 2024?",
        # Dates asked in the plural had been a text question: a finding quoted, no dates.
        "What dates did the 2024 Calderdale inspection take place?",
        # The year said before the verb had left it a text question.
        "When in 2024 did Ofsted inspect Calderdale's children's services?",
        # How long inspectors were there is when they came and left.
        "How long were Ofsted on site for the 2024 Calderdale inspection?",
    ):
        body = ask(client, question)
        assert not body["abstained"]
        assert "judgements" in body["timings_ms"], question
        assert "February 2024" in body["answer"]


def test_two_inspections_named_are_compared_grade_by_grade(client):
    body = ask(client, "Calderdale care leavers grade in 2015 vs 2018?")
    assert not body["abstained"]
    years = {c["date"][:4] for c in body["citations"]}
    assert {"2015", "2018"} <= years


def test_were_any_areas_judged_inadequate_is_answered_with_every_area(client):
    data = ask(client, "Were any areas judged inadequate in Calderdale's 2024 inspection?")
    assert "no area in Calderdale was judged inadequate" in data["answer"]
    assert len(data["citations"]) >= 4  # every judgement, each cited, not the overall alone
    other = ask(client, "Was anything judged outstanding in Calderdale in 2018?")
    assert other["answer"].startswith("In the inspection of 12 to 23 November 2018, Ofsted judged")
    assert "outstanding [1]" in other["answer"] and "The other judgements:" in other["answer"]


def test_a_question_asking_what_to_work_on_gets_the_list_of_what_needs_to_improve(client):
    data = ask(client, "What did Ofsted tell Calderdale to work on in 2024?")
    assert data["answer"].startswith("What needs to improve (")
    assert {c["section"] for c in data["citations"]} == {"What needs to improve?"}


def test_how_a_council_did_for_an_area_is_answered_with_its_grade(client):
    body = ask(client, "How did Hertfordshire do for children in care in 2018?")
    assert "judgements" in body["timings_ms"]
    assert "good" in body["answer"].lower()


def test_which_hmi_led_gets_the_lead_inspector_and_dates_in_the_reports_words(client):
    body = ask(client, "Which HMI led the Calderdale inspection in 2018?")
    assert body["answer"].startswith("The lead inspector of Calderdale"), body["answer"]
    said = re.search(r"took place (?:from|on) (.+?) \[\d+\]", body["answer"])
    assert said, body["answer"]
    # The dates as the report writes them, so a reader finds them in the quote.
    assert any(said.group(1) in c["quote"] for c in body["citations"]), body["citations"]


def test_a_grade_named_in_the_question_is_not_a_question_about_change(client):
    # "requires improvement" holds "improve": the latest grade, not a history of grades.
    body = ask(client, "Is Calderdale still rated requires improvement?")
    assert body["answer"].startswith("In the inspection of") and ", then " not in body["answer"]
    assert "judgements" in body["timings_ms"]


@pytest.mark.parametrize(
    ("question", "latest"),
    [
        ("What does Hertfordshire still need to work on?", "10-march-2023"),
        ("What are Herefordshire's areas for improvement?", "12-january-2026"),
    ],
)
def test_an_undated_question_about_what_to_improve_gets_the_latest_reports_list(
    client, question, latest
):
    body = ask(client, question)
    assert body["answer"].startswith("What needs to improve")
    assert {c["doc_id"].rsplit("inspection-", 1)[1] for c in body["citations"]} == {latest}


def test_a_line_labelled_with_the_role_asked_about_leads_a_who_answer(client):
    # Every sentence of the paper shares more of the question's words than its author line.
    body = ask(
        client,
        "Who is the author of the Hertfordshire cabinet panel report on the 2018 inspection?",
    )
    assert body["answer"].startswith("Author: Karen Noble")
    assert "Karen Noble" in body["citations"][0]["quote"]


def test_a_change_of_grades_is_answered_with_the_grades_then_the_reports_words(client):
    body = ask(client, "How did Calderdale do in 2024 compared with its previous inspection?")
    answer = body["answer"]
    assert answer.startswith("Calderdale's judgement for overall effectiveness was")
    grades, _, told = answer.partition("2024 [3]. ")
    assert "then good in the inspection of 19 to 23 February" in grades
    # Then what the 2024 report says changed, cited to its prose (not a row, not its cover).
    assert "Since the last inspection of Calderdale" in told
    assert "Grade:" not in told and "Inspection dates" not in told
    cited = {c["n"]: c for c in body["citations"]}
    assert any("Since the last inspection" in cited[n]["quote"] for n in cited if n > 3)
    assert all(cited[n]["date"].startswith("2024") for n in cited if n > 3)


@pytest.mark.parametrize(
    "follow_up", ["what were the reasons given?", "what went wrong?", "so why's that?"]
)
def test_why_asked_in_other_words_after_a_grade_quotes_the_reports_reasons(client, follow_up):
    grade = "How was Calderdale rated for children in care and care leavers in 2018?"
    body = ask(client, follow_up, history=[grade])
    assert body["answer"].startswith(
        "Children in care and care leavers receive an outstanding service."
    ), body["answer"]


def test_why_not_a_grade_after_every_areas_grades_gives_that_areas_reasons(client):
    # After "what were the grades?", "why wasn't help and protection judged good?" had been
    # answered with that area's grade again; "wasn't" had been a topic word.
    history = ["What were Calderdale's Ofsted grades in 2018?"]
    body = ask(client, "why wasn't help and protection judged good?", history=history)
    assert "judgements" not in body["timings_ms"]
    assert "require improvement to be good" in body["answer"]
    assert "decision-making" in body["answer"]


def test_what_she_said_is_answered_with_someones_quoted_words(client):
    # "What did she say about the report?" after a question naming the press release's
    # director: a quotation answers, not the release's "Published: 19 Nov 2018" line.
    history = [
        "Who's the director of children's services in Hertfordshire quoted in the council's "
        "November 2018 press release?"
    ]
    body = ask(client, "what did she say about the report?", history=history)
    assert not body["abstained"]
    assert "said" in body["citations"][0]["quote"]


def test_why_after_a_grade_quotes_the_reports_own_reasons_for_that_judgement(client):
    # The report's opening sentence on the area, where it has one ...
    grade = "How was Calderdale rated for children in care and care leavers in 2018?"
    body = ask(client, "why?", history=[grade])
    assert body["answer"].startswith(
        "Children in care and care leavers receive an outstanding service."
    )
    assert {c["doc_id"] for c in body["citations"]} == {
        "calderdale-children-s-services-inspection-19-december-2018"
    }
    assert "Grade:" not in body["answer"]
    # ... else what the report says first under that judgement's heading.
    other = ask(
        client, "why?", history=["How was Calderdale rated for help and protection in 2024?"]
    )
    [cited] = other["citations"]
    assert cited["section"].startswith("The experiences and progress of children who need help")


def test_how_a_council_changed_since_an_inspection_is_told_with_its_grades_too(client):
    body = ask(client, "How has Herefordshire changed since its 2022 inspection?")
    answer = body["answer"]
    assert answer.startswith("Services for children in Herefordshire have significantly improved")
    # Since the 2022 inspection: its grade, then the one after.
    grades = "Herefordshire's judgement for overall effectiveness was inadequate in the inspection"
    assert f"{grades} of 18 to 29 July 2022" in answer
    assert "then good in the inspection of 10 to 21 November 2025" in answer
    assert "2014" not in answer
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer)}
    assert markers == {c["n"] for c in body["citations"]}


def test_which_area_scored_lowest_leads_with_the_lowest_graded_areas(client):
    body = ask(client, "Which area scored lowest in Hertfordshire's 2023 inspection?")
    assert "judgements" in body["timings_ms"]
    assert "the lowest grade in Hertfordshire was for" in body["answer"]
    lead = body["answer"].split("The other judgements:")[0]
    assert "good [" in lead and "outstanding" not in lead, body["answer"]
    assert len(body["citations"]) >= 4  # every area, each cited


def test_ever_judged_a_grade_looks_at_every_inspection(client):
    body = ask(client, "Has Calderdale ever been rated outstanding?")
    assert (
        "Calderdale outstanding for the experiences and progress of children in care"
        in (body["answer"])
    )
    assert [c["date"][:4] for c in body["citations"]] == ["2018"]
    never = ask(client, "Has Hertfordshire ever been judged inadequate?")
    assert never["answer"].startswith("No inspection in the documents judged Hertfordshire")
    assert len({c["doc_id"] for c in never["citations"]}) == 3  # each inspection's grade


def test_rated_before_a_years_inspection_gets_the_one_before_it(client):
    body = ask(client, "What was Calderdale rated before the 2024 inspection?")
    assert "judgements" in body["timings_ms"]
    assert [c["date"][:4] for c in body["citations"]] == ["2018"]
    # The 2026 report's inspection was on site in November 2025: still "the 2026 one".
    before = ask(client, "When did Ofsted inspect Herefordshire before its 2026 report?")
    assert {c["date"][:4] for c in before["citations"]} == {"2022"}
    assert "reported on 21 September 2022" in before["answer"]


def test_how_many_areas_and_which_services_are_answered_with_every_area(client):
    body = ask(client, "How many areas were judged inadequate in Herefordshire in 2022?")
    assert "Ofsted judged 4 areas inadequate:" in body["answer"]
    services = ask(client, "Which services were judged outstanding in Calderdale in 2018?")
    assert "The other judgements:" in services["answer"]
    assert len(services["citations"]) >= 4


@pytest.mark.parametrize(
    "question",
    [
        "Did Calderdale hold on to its good rating when Ofsted came back in 2024?",
        "Did Calderdale keep its good rating in 2024?",
    ],
)
def test_keeping_a_grade_is_answered_with_the_grade_at_the_time_asked(client, question):
    body = ask(client, question)
    assert "judgements" in body["timings_ms"]
    assert {c["date"][:4] for c in body["citations"]} == {"2024"}


def test_two_areas_one_judgement_graded_is_said_once(client):
    # The 2018 framework judged children in care and care leavers together.
    body = ask(client, "How were children in care and care leavers rated in Calderdale in 2018?")
    assert body["answer"].count("outstanding") == 1


def test_still_a_grade_is_answered_with_the_latest_grade(client):
    body = ask(client, "Is Herefordshire still inadequate?")
    assert "judgements" in body["timings_ms"]
    assert body["answer"].startswith("In the inspection of 10 to 21 November 2025")


def test_were_there_any_is_answered_by_the_sentence_that_says_there_were_none(client):
    body = ask(
        client, "Did Ofsted find any Herefordshire children at risk of immediate harm in 2018?"
    )
    first = body["answer"].split("[1]")[0]
    assert "No children seen during the inspection were found to be at risk of immediate harm" in (
        first
    )


def test_a_count_question_is_not_answered_by_a_cover_line_with_a_number(client):
    # "13 February, 2019 at 10.00am" holds numbers, but a short line stands for its whole
    # passage only for who- and when-questions (an "Author:" line, a meeting's date).
    body = ask(
        client,
        "How many improvement areas did Ofsted give Hertfordshire in 2018, according to the "
        "cabinet panel paper?",
    )
    assert "FEBRUARY, 2019 AT 10.00AM" not in body["answer"]


def test_did_the_same_person_lead_is_answered_with_the_lead_inspector(client):
    body = ask(
        client,
        "did the same person lead Hertfordshire's inspection?",
        history=["Who was the lead inspector for Calderdale in 2024?"],
    )
    assert "judgements" in body["timings_ms"]
    assert re.match(r"The lead inspector of Hertfordshire's .+? was ", body["answer"]), body


def test_a_shape_of_grades_in_other_words_is_answered_from_the_table(client):
    # "stood out" is no grade word, and no passage answers it: the areas, highest first.
    body = ask(client, "What stood out as Calderdale's strongest area in 2018?")
    assert not body["abstained"]
    assert "the highest grade in Calderdale was for" in body["answer"]


def test_a_follow_up_naming_no_topic_is_asked_about_the_last_ones_when_alone_it_finds_none(
    client,
):
    """ "which ones are doing less well?" after a question on Hertfordshire's care leavers has
    no pronoun to carry "care leavers" by, and in its own words finds nothing to answer.
    (Hertfordshire: other tests upload documents about Calderdale to this server.)"""
    history = ["What did Ofsted say about care leavers in Hertfordshire?"]
    body = ask(client, "which ones are doing less well?", history=history)
    assert not body["abstained"]
    assert "care leavers" in body["resolved_query"]
    assert "care leavers" in body["answer"].lower()


def test_a_change_between_the_years_named_is_told_between_those_inspections(client):
    """ "between 2018 and 2024" is those two inspections, not every one since 2015; with no
    year named, every inspection is the change."""
    body = ask(client, "How did Calderdale's overall judgement change between 2018 and 2024?")
    assert "2018" in body["answer"] and "2024" in body["answer"]
    assert "2015" not in body["answer"]
    assert "2015" in ask(client, "How have Calderdale's grades changed?")["answer"]


def test_a_part_only_an_older_framework_had_is_not_the_answer_to_an_undated_question(client):
    """ "What are Herefordshire's strengths?": only its 2014 report has a strengths list; the
    latest inspection's words answer, not that list."""
    body = ask(client, "What are Herefordshire's strengths?")
    assert not body["abstained"]
    assert not body["answer"].startswith("The local authority has the following strengths")
    assert not body["citations"][0]["date"].startswith("2014")


def test_a_grade_said_in_passing_leaves_a_request_for_the_improve_list_to_the_report(client):
    """ "Calderdale got good in 2018 - was there anything to improve?" names a grade but asks
    for the report's list of what needs to improve, not the grades."""
    body = ask(client, "Calderdale got good in 2018 - was there anything to improve?")
    assert body["answer"].startswith("What needs to improve")
    assert "2018" in body["citations"][0]["date"]


def test_what_ofsted_said_in_a_year_with_no_inspection_says_which_years_there_are(client):
    # Herefordshire's reports mention 2021 in passing ("since 2021"), but none is of 2021.
    body = ask(client, "What did inspectors say about Herefordshire in 2021?")
    assert body["abstained"]
    assert "no 2021 inspection of Herefordshire" in body["answer"]
    assert "2022" in body["answer"]
    # Figures for a year ("adoptions for 2013–14") are of that time, not of an inspection then.
    figures = ask(client, "What did inspectors find about Hertfordshire's adoptions for 2013-14?")
    assert not figures["abstained"]


def test_a_report_part_only_another_years_report_has_is_answered_from_the_year_asked(client):
    # Only Herefordshire's 2014 report has a strengths section: asked of 2018, the 2018
    # report's own words answer, not an abstention for the 2014 section's year.
    body = ask(client, "What were Herefordshire's strengths in 2018?")
    assert not body["abstained"]
    assert "2018" in (body["citations"][0]["date"] or "")


def test_a_grade_asked_of_search_leads_with_the_line_stating_it(client):
    """Issue 15: /v1/search for a grade put a report's findings above its one graded line;
    it leads with the line the table answers from, as the answer does, and /v1/ask's
    sources are that same list."""
    question = "Is Herefordshire's children's services good now?"
    search = client.post("/v1/search", json={"query": question, "top_k": 5}).json()
    first = search["results"][0]
    assert first["text"].startswith("Judgement: Overall effectiveness")
    assert first["date"].startswith("2026")
    body = ask(client, question, top_k=5)
    assert [s["passage_id"] for s in body["sources"]] == [
        r["passage_id"] for r in search["results"]
    ]
    # A grade named beside a part of the report asked for keeps retrieval's order: the list
    # of what needs to improve, not the grade.
    told = client.post(
        "/v1/search",
        json={"query": "Herefordshire was judged good in 2026 - what did it need to improve?"},
    ).json()
    assert told["results"][0]["text"].startswith("◼")


def test_search_leads_with_an_older_reports_graded_line_though_no_passage_holds_it(client):
    """The 2014 report's "overall judgement is requires improvement" sits between passages
    (the chunker read it as a heading): /v1/search led with findings instead of the line the
    answer cites."""
    question = "what was the overall judgement for Herefordshire in 2014?"
    first = client.post("/v1/search", json={"query": question}).json()["results"][0]
    assert first["date"].startswith("2014"), first
    assert "overall judgement is requires improvement" in first["text"]


def test_who_led_is_answered_and_searched_with_the_lead_inspector_first(client):
    """Asked who led an inspection, the lead inspector is said and cited before its dates,
    and /v1/search leads with the same line."""
    question = "who led the 2014 Herefordshire inspection?"
    body = ask(client, question)
    assert body["answer"].startswith("The lead inspector"), body["answer"]
    assert "Pietro Battista" in body["citations"][0]["quote"]
    first = client.post("/v1/search", json={"query": question}).json()["results"][0]
    assert "Lead inspector: Pietro Battista" in first["text"]
    # Asked when, the dates stay first.
    when = ask(client, "When did Ofsted carry out the 2014 Herefordshire inspection?")
    assert "took place" in when["answer"].split("[1]")[0], when["answer"]


@pytest.mark.parametrize(
    "question, history, led, reported",
    [
        # "It" is the inspection the last question was about.
        ("who led it?", ["How was Herefordshire rated in 2022?"], "Lisa Summers", "2022"),
        # "The one before that": the inspection before the newest, not the newest again.
        (
            "and who led the one before that?",
            ["Who led Herefordshire's most recent Ofsted inspection?"],
            "Lisa Summers",
            "2022",
        ),
        ("who led Calderdale's first inspection?", [], "Wendy Ghaffar", "2015"),
    ],
)
def test_who_led_a_follow_ups_inspection_is_that_inspections_lead_inspector(
    client, question, history, led, reported
):
    body = ask(client, question, history=history)
    assert body["answer"].startswith("The lead inspector of"), body["answer"]
    assert led in body["citations"][0]["quote"]
    assert body["citations"][0]["date"].startswith(reported)
    assert "most recent" not in body["answer"]


@pytest.mark.parametrize(
    ("follow_up", "resolved", "grade"),
    [
        ("and care leavers?", "How was Calderdale rated for care leavers in 2018?", "care leavers"),
        ("what about leadership?", "How was Calderdale rated for leadership in 2018?", "leaders"),
    ],
)
def test_a_follow_up_for_another_grade_resolves_to_a_question_search_reads_alike(
    client, follow_up, resolved, grade
):
    """ "And care leavers?" after a grade question resolved to "care leavers in 2018 in
    Calderdale?": the answer read the grade from the history, but the resolved question, as
    /v1/search (and staff) read it, asked for none, and the search led with findings."""
    body = ask(client, follow_up, history=["How was Calderdale rated overall in 2018?"])
    assert body["resolved_query"] == resolved
    search = client.post("/v1/search", json={"query": body["resolved_query"], "top_k": 5}).json()
    first = search["results"][0]
    assert first["text"] == body["citations"][0]["text"]
    assert grade in first["text"] and "2018" in (first["date"] or "")


def test_when_asked_after_who_led_the_dates_are_said_first(client):
    body = ask(client, "and when was it?", history=["Who led Calderdale's 2018 inspection?"])
    assert "judgements" in body["timings_ms"]
    assert "took place from 12 November 2018" in body["answer"].split("[1]")[0], body["answer"]


def test_a_follow_up_naming_no_source_keeps_the_one_the_conversation_named(client):
    """'What did they say about children's plans?' after a question about Herefordshire's
    cabinet quoted an inspection report: the cabinet's papers were still what was asked."""
    history = ["What did Herefordshire's cabinet hear about the Ofsted monitoring visit?"]
    body = ask(client, "what did they say about children's plans?", history=history)
    assert "according to the cabinet" in body["resolved_query"]
    assert body["citations"][0]["doc_type"] in ("committee minutes", "cabinet report")
    # A grade asked next is Ofsted's, from the judgements table.
    graded = ask(client, "so how was Herefordshire rated overall?", history=history)
    assert "judgements" in graded["timings_ms"]


def test_a_cabinet_member_is_a_person_not_the_cabinets_papers(client):
    body = ask(
        client,
        "What did Hertfordshire's cabinet member for children say about the 2018 inspection?",
    )
    assert body["citations"][0]["doc_type"] not in ("committee minutes", "cabinet report")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What did Ofsted give Calderdale in 2018?", "good"),
        ("Pass or fail for Calderdale in 2018?", "good"),
        ("In which areas was Calderdale found outstanding in 2018?", "outstanding"),
        ("List every judgement Calderdale received in 2018.", "care leavers"),
        ("Calderdale: better or worse in 2024 compared with 2015?", ", then "),
        ("Has Calderdale gone downhill since 2018?", ", then "),
        ("Did help and protection in Calderdale improve from 2015 to 2018?", ", then "),
        ("Name of the inspector in charge of Calderdale's 2018 inspection?", "Lisa Summers"),
        ("How did Calderdale's senior leaders do in the 2018 inspection?", "good"),
        ("What were the dates of Calderdale's 2018 inspection?", "12 November 2018"),
        ("How long did the Calderdale 2018 inspection last?", "12 November 2018"),
        ("How many days was Calderdale's 2024 inspection?", "19 to 23 February 2024"),
        ("Has Calderdale's overall rating changed since 2015?", ", then "),
        ("Is Calderdale's care leavers provision rated good?", "good [1]"),
        ("Before 2024, when had Calderdale last been inspected?", "12 November 2018"),
    ],
)
def test_grades_asked_in_staffs_other_words_come_from_the_judgements_table(client, question, said):
    """Phrasings written by a helper who never read the code (the grade as 'what Ofsted
    gave', 'pass or fail', 'found outstanding', two years compared, 'gone downhill', 'the
    inspector in charge') had taken the text path or abstained."""
    body = ask(client, question)
    assert "judgements" in body["timings_ms"], body["answer"]
    assert said in body["answer"], body["answer"]


@pytest.mark.parametrize(
    ("history", "follow_up", "resolved"),
    [
        # What the report said of the topic, not the grade question again.
        (
            "What grade was help and protection given in Calderdale in 2018?",
            "what did the report say about it?",
            "what did the report say about it, help protection given in 2018 in Calderdale?",
        ),
        # The grades since 2015 read as such alone ("graded since 2015" lists each from then).
        (
            "How was help and protection graded in Calderdale in 2015?",
            "and the one after?",
            "How was help and protection graded since 2015 in Calderdale?",
        ),
        (
            "Give me Calderdale's judgements from the 2024 inspection.",
            "and from the inspection before?",
            "What were Calderdale's judgements at the inspection before 2024?",
        ),
        # Ofsted's words asked for: the council's source is not carried.
        (
            "What did Herefordshire's cabinet hear about the Ofsted monitoring visit?",
            "and what did Ofsted conclude?",
            None,
        ),
    ],
)
def test_follow_ups_written_without_the_code_resolve_as_meant(client, history, follow_up, resolved):
    """Follow-ups from 120 conversations a helper wrote without the code
    (eval/gold/routing/followups.jsonl), in the shipped corpus's councils."""
    body = ask(client, follow_up, history=[history])
    if resolved is None:
        assert "according to" not in body["resolved_query"], body["resolved_query"]
    else:
        assert body["resolved_query"] == resolved, body["resolved_query"]


def test_a_line_naming_an_area_and_no_inspection_is_answered_from_the_reports(client):
    # "Calderdale care leavers" asks what the reports say, not one grade; with its
    # inspection named ("… LAC 2018", staff's short form) it asks for that judgement.
    body = ask(client, "Calderdale care leavers")
    assert not body["timings_ms"].get("judgements")
    body = ask(client, "Calderdale LAC 2018")
    assert "judgements" in body["timings_ms"]
    assert "children looked after" in body["answer"].lower() or "in care" in body["answer"]


def test_the_previous_one_after_a_dated_question_asks_it_of_the_inspection_before(client):
    # "What about the previous one?" names another time, not a topic called "previous one".
    history = ["What did Ofsted say about care leavers in Calderdale in 2018?"]
    body = ask(client, "what about the previous one?", history=history)
    assert not body["abstained"]
    assert "care leavers" in body["resolved_query"]
    assert "previous one" not in body["resolved_query"]
    reports = [c for c in body["citations"] if c["doc_type"] == "inspection report"]
    assert reports and all(c["date"] < "2018" for c in reports)


def test_an_answer_about_one_area_at_one_inspection_closes_with_its_grade(client):
    # What the report says of the board, then the grade the same report gave it, cited to the
    # report's own judgement line.
    body = ask(client, "What did the 2015 report say about Hertfordshire's LSCB?")
    assert not body["abstained"] and "judgements" not in body["timings_ms"]
    last = body["citations"][-1]
    assert body["answer"].rstrip().endswith(f"[{last['n']}]")
    assert "Safeguarding Children Board is good" in last["quote"]
    assert body["citations"][0]["n"] == 1 and "is good" not in body["citations"][0]["quote"]


def test_search_about_one_area_lists_its_graded_line_after_the_passages_an_answer_quotes(
    client,
):
    """The board's one graded line ranked below the report's paragraphs on the board; the
    search keeps their order and lists the line where the answer cites it, after them."""
    # (Asked about the board itself, its graded line now ranks second by its own words.)
    question = "what did the 2015 inspection say about Hertfordshire's LSCB chair?"
    results = client.post("/v1/search", json={"query": question, "top_k": 5}).json()["results"]
    assert "Safeguarding Children Board is good" in results[4]["text"]
    assert not any("is good" in r["text"] for r in results[:4])


@pytest.mark.parametrize(
    ("question", "year", "opening"),
    [
        ("What did Ofsted find in Calderdale's 2018 inspection?", "2018", "Strong and effective"),
        ("Summarise Calderdale's latest inspection", "2024", "Children in Calderdale continue"),
        ("What were the main findings of the 2015 Calderdale report?", "2015", "The overall"),
        # In staff's words: "how did it go?", "what did Ofsted make of", "sum up".
        ("How did Calderdale's 2018 inspection go?", "2018", "Strong and effective"),
        ("what did Ofsted make of Calderdale in 2018", "2018", "Strong and effective"),
        ("sum up Calderdale's last inspection", "2024", "Children in Calderdale continue"),
    ],
)
def test_a_question_about_a_whole_inspection_gets_its_judgement_and_summary(
    client, question, year, opening
):
    # It names no topic, so no sentence shares its words: it had been answered with the
    # report's dates line alone.
    body = ask(client, question)
    assert not body["abstained"]
    assert "Overall effectiveness" in body["answer"] or "overall" in body["answer"]
    assert opening in body["answer"], body["answer"]
    assert {c["date"][:4] for c in body["citations"]} == {year}
    assert not body["citations"][0]["quote"].startswith("Inspection date")
    # Each is cited with the stored passage that holds it, its section and text to read.
    assert all("@" not in c["passage_id"] for c in body["citations"]), body["citations"]


def test_why_after_an_overall_grade_quotes_the_summary_of_a_report_with_no_summary_heading(
    client,
):
    # The 2018 report's prose opens under its inspector's name, not a "Summary" heading.
    body = ask(client, "why?", history=["What was Calderdale's overall grade in 2018?"])
    assert body["answer"].startswith("Strong and effective leadership"), body["answer"]
    assert "Grade:" not in body["answer"] and "Overall effectiveness:" not in body["answer"]


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("Who was quoted in the Hertfordshire press release?", []),
        ("who was quoted?", ["What did Hertfordshire's press release say about the inspection?"]),
    ],
)
def test_who_was_quoted_is_answered_with_the_sentence_quoting_someone(client, question, history):
    body = ask(client, question, history=history)
    assert not body["abstained"], body["resolved_query"]
    assert "Councillor Teresa Heritage said" in body["answer"]


def test_search_for_a_whole_inspection_leads_with_its_judgement_and_summary(client):
    question = "How did Calderdale's 2018 inspection go?"
    results = client.post("/v1/search", json={"query": question, "top_k": 5}).json()["results"]
    assert results[0]["text"].startswith("Judgement: Overall effectiveness")
    assert any(r["text"].startswith("Strong and effective") for r in results[:3])


@pytest.mark.parametrize(
    "question",
    [
        # A long area between "how did" and "fare"; "come out" as staff say it.
        "How did Calderdale's children in care and care leavers fare at the November 2018 "
        "inspection?",
        "Calderdale 2018: how did children in care and care leavers come out?",
    ],
)
def test_how_an_area_fared_or_came_out_is_its_grade(client, question):
    body = ask(client, question)
    assert "judgements" in body["timings_ms"], body["answer"]
    assert "outstanding" in body["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Was any part of Calderdale's service rated better than inadequate in 2015?",
        "Was anything in Calderdale judged below good in 2015?",
        "Did Calderdale get anything less than outstanding in 2015?",
    ],
)
def test_a_grade_asked_as_a_bound_lists_every_areas_grade(client, question):
    # A bound, not that grade ("which areas were good?") nor a change of grades.
    body = ask(client, question)
    assert "judgements" in body["timings_ms"], body["answer"]
    answer = body["answer"].lower()
    assert "adoption" in answer and "inadequate" in answer and "requires improvement" in answer
    assert ", then " not in answer


@pytest.mark.parametrize(
    "query",
    [
        # How "why?" after "how was Calderdale rated for …in 2018?" reads when searched alone.
        "why, children in care and care leavers in 2018 in Calderdale?",
        "Why was Calderdale judged outstanding for children in care and care leavers in 2018?",
    ],
)
def test_search_for_the_reasons_for_a_grade_leads_with_the_reports_reasons(client, query):
    results = client.post("/v1/search", json={"query": query, "top_k": 5}).json()["results"]
    assert (
        "Children in care and care leavers receive an outstanding service" in (results[0]["text"])
    )


def test_a_short_follow_up_is_searched_with_the_topic_just_asked_about(client):
    """ "is awareness raised?" after a question on Herefordshire's private fostering names no
    topic, by pronoun or otherwise; searched alone it found life-story work and missing
    children. The search of its resolved question leads with private fostering."""
    history = ["What did Ofsted say about private fostering in Herefordshire in 2018?"]
    body = ask(client, "is awareness raised?", history=history)
    assert "private fostering" in body["resolved_query"]
    assert not body["abstained"]
    assert "private fost" in body["citations"][0]["quote"].lower()
    search = client.post("/v1/search", json={"query": body["resolved_query"], "top_k": 3})
    assert any("private fost" in r["text"].lower() for r in search.json()["results"])


def test_search_leads_with_the_passage_the_answer_quotes_first(client):
    """The learned ranker put the cabinet paper's "Author:" line 8th for "who wrote …?"; the
    answer weighs each sentence and quotes it first, and the search now leads with it."""
    question = "Who wrote the Hertfordshire Cabinet Panel report on the ILACS inspection?"
    body = ask(client, question)
    results = client.post("/v1/search", json={"query": question, "top_k": 5}).json()["results"]
    assert results[0]["passage_id"] == body["citations"][0]["passage_id"]
    assert "Author" in results[0]["text"]
    assert [s["passage_id"] for s in body["sources"]] == [r["passage_id"] for r in results]


def test_search_for_a_change_of_grades_leads_with_the_grades_the_answer_quotes(client):
    """ "Has Herefordshire improved since the 2022 inspection?" is answered from the
    judgements table, both grades cited; the search led with the newer report's prose."""
    question = "Has Herefordshire improved since the 2022 inspection?"
    body = ask(client, question)
    assert "judgements" in body["timings_ms"]
    results = client.post("/v1/search", json={"query": question, "top_k": 5}).json()["results"]
    assert results[0]["passage_id"] == body["citations"][0]["passage_id"]
    assert results[0]["text"].startswith("Judgement: Overall effectiveness")


def test_a_grade_asked_of_an_earlier_inspection_is_followed_by_the_next_reports_account_of_it(
    client,
):
    # The graded line of the 2022 report, then the 2026 report's own account of it, before
    # the 2026 report's grades (which are not what was asked).
    question = "what was Herefordshire rated before 2026?"
    results = client.post("/v1/search", json={"query": question, "top_k": 3}).json()["results"]
    assert results[0]["date"].startswith("2022") and "Inadequate" in results[0]["text"]
    assert results[1]["date"].startswith("2026")
    assert (
        "since the last inspection in 2022, when overall effectiveness was inadequate"
        in (results[1]["text"])
    )
