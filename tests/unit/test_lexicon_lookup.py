"""The lexicon finds the names a question says by lookup, not by testing every name: what it
finds is what testing every name finds, for every question of the development sets."""

import json
from pathlib import Path

from index.retrieval.expansion import Expansion, Lexicon, _Said, load_lexicon
from index.retrieval.lexical import tokenize

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"


def _questions() -> list[str]:
    questions = []
    for path in sorted(GOLD.glob("dev*/dev*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                questions.append(json.loads(line)["question"])
    return questions


def _expand_by_testing_every_name(lexicon: Lexicon, query: str) -> Expansion:
    said = _Said.of(query, lexicon._lengths)
    names: list[str] = []
    for k, group in enumerate(lexicon.groups):
        # A group named by its acronyms only is not named by its long forms.
        only = k in lexicon._by_acronym_only
        if any(said.names(n) for n in group if n.acronym or not only):
            names.extend(n.text for n in group if not said.names(n))
    present = set(tokenize([query])[0])
    extra = dict.fromkeys(s for n in names for s in tokenize([n])[0] if s not in present)
    return Expansion(tuple(names), tuple(extra))


def _names_within_by_testing_every_name(lexicon: Lexicon, terms: frozenset[str]) -> list:
    out = []
    for group, tokens in zip(lexicon.groups, lexicon._tokens, strict=True):
        for n, name in zip(group, tokens, strict=True):
            # An acronym is also named by its plural ("DCSs"), unless the group names it.
            plural = tuple(tokenize([f"{n.text}s"])[0]) if n.acronym else ()
            for form in (name, () if plural in tokens else plural):
                if form and set(form) <= terms:
                    out.append((form, [t for t in tokens if t and t != name]))
                    break
    return out


def test_lookup_finds_what_testing_every_name_finds() -> None:
    # The file's groups and acronyms a corpus defines, as the engine's lexicon has them.
    lexicon = load_lexicon().with_groups(
        [["FGM", "female genital mutilation"], ["IRO", "independent reviewing officer"]]
    )
    questions = [
        *_questions(),
        "Any LACs placed out of area?",
        "What about the IROs and FGM?",
        "How many DCSs and SGOs?",
    ]
    assert len(questions) > 1000
    expanded = 0
    for question in questions:
        expected = _expand_by_testing_every_name(lexicon, question)
        assert lexicon.expand(question) == expected, question
        expanded += bool(expected.names)
        terms = frozenset(tokenize([question])[0])
        within = [(a.tokens, a.others) for a in lexicon.names_within(terms)]
        assert within == _names_within_by_testing_every_name(lexicon, terms), question
    assert expanded > 100  # the sets name the lexicon's things often
