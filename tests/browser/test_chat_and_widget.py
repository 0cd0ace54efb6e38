"""The chat page and the intranet widget in real headless Chromium against the real server.

Set INSPECTION_QA_SCREENSHOTS=1 to (re)write docs/chat.png and docs/widget.png.
"""

import os

import httpx
import pytest

from index.settings import REPO_ROOT
from service.readiness import free_port

SCREENSHOTS = os.environ.get("INSPECTION_QA_SCREENSHOTS") == "1"


def _ask_on_page(page, question: str) -> object:
    turns_before = page.locator(".turn").count()
    page.fill("#question", question)
    page.keyboard.press("Enter")  # the keyboard path: Enter sends, no mouse needed
    turn = page.locator(".turn").nth(turns_before)
    # The answer is complete when its sources list or the abstained state is shown.
    turn.locator(".sources li, .answer.abstained").first.wait_for()
    return turn


def test_ask_see_a_cited_answer_and_open_the_highlighted_passage(page, server: str) -> None:
    page.goto(server + "/")
    turn = _ask_on_page(page, "What did Ofsted say about care leavers in Calderdale?")
    first = turn.locator("button.cite").first
    assert first.inner_text() == "[1]"
    first.click()
    panel = page.locator("#passage-panel")
    panel.wait_for(state="visible")
    mark = page.locator("#cited-passage")
    mark.wait_for()
    # The highlighted text is exactly the cited passage, at its offsets in the document.
    api = httpx.post(
        f"{server}/v1/ask",
        json={"question": "What did Ofsted say about care leavers in Calderdale?"},
    ).json()
    assert mark.inner_text().split() == api["citations"][0]["text"].split()
    assert mark.is_visible()
    # Beside the answer, every passage the search found, in its order.
    searched = turn.locator(".searched li")
    assert searched.count() == len(api["sources"]) > 0
    assert api["sources"][0]["title"] in (searched.first.text_content() or "")
    assert "Calderdale" in page.locator("#passage-meta").inner_text()
    if SCREENSHOTS:
        page.screenshot(path=str(REPO_ROOT / "docs" / "chat.png"))
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")


def test_a_follow_up_keeps_the_conversation_and_switches_authority(page, server: str) -> None:
    page.goto(server + "/")
    _ask_on_page(page, "What did Ofsted say about care leavers in Calderdale?")
    second = _ask_on_page(page, "and Hertfordshire?")
    resolved = second.locator(".resolved").inner_text()
    assert "Hertfordshire" in resolved and "care leavers" in resolved.lower()
    assert (
        "Hertfordshire" in second.locator(".sources").inner_text()
        or second.locator(".sources li").count() > 0
    )


def test_a_question_outside_the_documents_shows_the_not_found_state(page, server: str) -> None:
    page.goto(server + "/")
    turn = _ask_on_page(page, "What is the recipe for a Victoria sponge cake?")
    answer = turn.locator(".answer")
    assert "abstained" in (answer.get_attribute("class") or "")
    assert "Not in the documents" in answer.inner_text()
    assert turn.locator("button.cite").count() == 0


def _widget_page(server: str) -> str:
    return f"""<!doctype html><html><head><style>
      p, li {{ color: rgb(128, 0, 128) !important; font-size: 30px; }}</style></head><body>
      <h1>Intranet</h1>
      <script src="{server}/widget.js"
        data-question="What did Ofsted say about care leavers in Calderdale?"
        data-mode="fixed"></script>
      <iframe id="frame" width="600" height="300"
        src="{server}/embed?question=What%20did%20Ofsted%20say%20about%20care%20leavers%20in%20Hertfordshire%3F"></iframe>
      </body></html>"""


def test_the_widget_renders_an_answer_on_an_allowed_intranet_page(
    page, server: str, intranet_origin: str, serve_page
) -> None:
    page.goto(serve_page(intranet_origin, _widget_page(server)))
    answer = page.locator("inspection-qa-answer .answer")  # Playwright pierces open shadow roots
    answer.filter(has_text="[1]").wait_for()
    # Styles do not leak in: the page's purple paragraphs do not reach the widget.
    assert answer.evaluate("e => getComputedStyle(e).color") != "rgb(128, 0, 128)"
    assert page.locator("inspection-qa-answer li").count() >= 1
    assert page.locator("inspection-qa-answer ol.searched li").count() >= 1
    frame = page.frame_locator("#frame")
    frame.locator("inspection-qa-answer .answer").filter(has_text="[1]").wait_for()
    if SCREENSHOTS:
        page.screenshot(path=str(REPO_ROOT / "docs" / "widget.png"), full_page=True)


def _free_origin() -> str:
    return f"http://127.0.0.1:{free_port()}"


def test_the_widget_is_refused_on_a_page_from_another_origin(page, server: str, serve_page) -> None:
    page.goto(serve_page(_free_origin(), _widget_page(server)))
    error = page.locator("inspection-qa-answer .answer.error")
    error.wait_for()
    assert "not available" in error.inner_text()
    assert page.locator("inspection-qa-answer li").count() == 0


@pytest.mark.parametrize("width", [375])
def test_the_chat_page_fits_a_phone_screen(browser, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(server + "/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
    context.close()
