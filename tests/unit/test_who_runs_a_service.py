""" "Who runs children's social care there?" asks for the body that delivers the service (a
trust, a company, another council), not for a person: dev11's "who actually runs children's
social care in Slough?" had been answered with a 2015 sentence on a director."""

from one_document import engine_over

from index.understanding.answer_type import ORGANISATION, PERSON, answer_type, offers

# Sections long enough to be passages of their own, as a report's are.
FILL = " ".join(["Inspectors looked at children's records and spoke with staff."] * 14)
REPORT = (
    "Inspection of Testshire children's services\n\n"
    "Leadership\n\nThe director of children's services, Jane Smith, runs a weekly briefing for "
    f"staff. {FILL}\n\n"
    "Workforce\n\nSocial workers say that the service is well run and that managers are "
    f"visible. {FILL}\n\n"
    "Governance\n\nChildren's social care in Testshire is delivered by Testshire Children "
    f"First, a company wholly owned by the council. {FILL}\n\n"
    "Care leavers\n\nCare leavers are supported by personal advisers who visit them regularly. "
    f"{FILL}"
)


def test_who_runs_a_service_asks_for_an_organisation_and_who_runs_a_meeting_for_a_person():
    assert answer_type("Who actually runs children's social care in Slough?") == ORGANISATION
    assert answer_type("Who delivers Richmond's children's services?") == ORGANISATION
    assert answer_type("Who ran the leaving care service in Redbridge?") == ORGANISATION
    # In a conversation: "who was running the service at the 2019 inspection then" (a trust).
    assert answer_type("who was running the service at the 2019 inspection then") == ORGANISATION
    assert answer_type("Who runs the weekly Keep in Touch sessions?") == PERSON
    assert offers(ORGANISATION, "functions are delegated to a trust arrangement with AFC")
    assert not offers(ORGANISATION, "The director of children's services runs a briefing.")


def test_the_body_delivering_the_service_answers_and_no_person_running_something_else(tmp_path):
    answer = engine_over(tmp_path, REPORT).ask(
        "Who actually runs children's social care in Testshire?"
    )
    assert not answer.abstained
    assert "Testshire Children First" in answer.citations[0].quote
    assert "Jane Smith" not in answer.answer
