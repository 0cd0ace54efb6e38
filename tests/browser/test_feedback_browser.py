"""👍/👎 in real Chromium: a 👎 with a note given in the chat page comes out of
`inspection-qa feedback export` as a valid gold line; the widget's buttons save a rating."""

import json
import subprocess
import sys
from pathlib import Path

from eval.goldset import parse_line
from index.settings import REPO_ROOT

QUESTION = "What did Ofsted say about care leavers in Calderdale?"


def export(db: Path, rating: str) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", "feedback", "export", "--db", str(db),
         "--rating", rating],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_a_thumbs_down_in_the_chat_page_is_exported_as_a_gold_line(
    page, server: str, server_dir: Path
) -> None:
    page.goto(server + "/")
    page.fill("#question", QUESTION)
    page.keyboard.press("Enter")
    turn = page.locator(".turn").first
    turn.locator(".feedback").wait_for()
    turn.get_by_role("button", name="This answer is wrong or unhelpful").click()
    status = turn.locator(".feedback-status")
    status.filter(has_text="saved").wait_for()
    note = "The answer should mention the personal advisers"
    turn.get_by_label("Feedback note").fill(note)
    with page.expect_response(lambda r: r.url.endswith("/v1/feedback")) as sent:
        turn.get_by_role("button", name="Send the note").click()
    assert sent.value.status == 201
    status.filter(has_text="saved").wait_for()
    assert (
        turn.get_by_role("button", name="This answer is wrong or unhelpful").get_attribute(
            "aria-pressed"
        )
        == "true"
    )

    lines = [g for g in export(server_dir / "c.sqlite3", "down") if g["note"] == note]
    assert len(lines) == 1, lines
    gold = lines[0]
    parse_line(gold, "chat page feedback")  # the eval loader accepts it as a gold line
    assert gold["question"] == QUESTION and gold["rating"] == "down"
    assert gold["evidence"] and gold["answer"]
    shown = turn.locator(".answer").inner_text()
    assert gold["answer"].split("[1]")[0].strip()[:40] in shown


def test_the_widgets_buttons_save_a_rating(
    page, server: str, server_dir: Path, intranet_origin: str, serve_page
) -> None:
    question = "What did Ofsted say about care leavers in Hertfordshire?"
    html = f"""<!doctype html><html><body><h1>Intranet</h1>
      <script src="{server}/widget.js" data-question="{question}" data-mode="live"></script>
      </body></html>"""
    page.goto(serve_page(intranet_origin, html))
    widget = page.locator("inspection-qa-answer")
    widget.locator(".answer").filter(has_text="[1]").wait_for()
    widget.get_by_role("button", name="This answer helped").click()
    widget.locator(".feedback .status").filter(has_text="saved").wait_for()
    widget.get_by_label("Feedback note").fill("clear and cited")
    with page.expect_response(lambda r: r.url.endswith("/v1/feedback")) as sent:
        widget.get_by_role("button", name="Send note").click()
    assert sent.value.status == 201  # cross-origin from the intranet page, allowed by CORS
    widget.locator(".feedback .status").filter(has_text="saved").wait_for()
    ups = [g for g in export(server_dir / "c.sqlite3", "up") if g["question"] == question]
    assert ups and ups[-1]["rating"] == "up"
    assert any(g["note"] == "clear and cited" for g in ups)
    for gold in ups:
        parse_line(gold, "widget feedback")
