"""A word the evidence hyphenates is the same word written whole: "when did the triborough
split happen?" is answered by "The tri-borough arrangements ended in April 2018" (the
tokenizer splits "tri-borough" at its hyphen, so the sentence shared none of "triborough")."""

from pathlib import Path

from one_document import engine_over

TEXT = """Hammersmith and Fulham children's services

Governance

The tri-borough arrangements with Westminster and Kensington and Chelsea ended in April 2018.
Since then the council has built its own front door, and recruitment of permanent social
workers has improved. Leaders meet partners monthly to review performance data.

Practice

Social workers visit children regularly and know them well. Plans are reviewed on time.
"""


def test_a_word_written_whole_matches_its_hyphenated_form(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, TEXT)
    answer = engine.ask("when did the triborough split happen?")
    assert not answer.abstained, answer.answer
    assert answer.answer.startswith("The tri-borough arrangements"), answer.answer
