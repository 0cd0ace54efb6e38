"""Extractive, grounded answers: the sentences of the top passages that answer the question,
each marked ``[n]`` and cited with its exact span; abstention when the evidence is weak."""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from index.ingest.boilerplate import sentence_shape
from index.retrieval.expansion import Lexicon, load_lexicon
from index.retrieval.lexical import tokenize, word_family
from index.text import sentence_spans, sentences_of, words
from index.types import Citation, CosinesOf, Document, Hit, Passage
from index.understanding.answer_type import (
    AMOUNT,
    COUNT,
    DATE,
    GRADE_ASKING,
    MONEY,
    MONEY_ASKING,
    NEGATIVE,
    ORGANISATION,
    PERSON,
    QUOTE_ASKING,
    RUNNING_ASKING,
    counts,
    offers,
    quotes_someone,
    states_grade,
)
from index.understanding.lexicon import MONTHS
from index.understanding.question import under_section

ABSTAIN_MESSAGE = "I could not find this in the documents."


@dataclass(frozen=True)
class AnswerSettings:
    # From the one Settings object (answer_*, abstain_min_*): no second default.
    max_sentences: int
    min_dense: float
    min_overlap: float
    passages_considered: int
    max_per_passage: int = 2
    relative_floor: float = 0.6  # drop sentences far weaker than the best one
    type_bonus: float = 0.2  # for a span that gives the kind of answer asked for (who, when)
    rank_penalty: float = 0.02  # per place of its passage in the ranking
    follow_on: int = 0  # sentences of the same paragraph quoted after each chosen one
    semantic_weight: float = 0.0  # for a sentence's cosine with the question
    semantic_min: float = 0.0  # a cosine that answers despite low overlap (0: never)
    semantic_per_overlap: float = 0.0  # how far each unit of overlap lowers semantic_min
    unasked_penalty: float = 0.0  # for a document of another time or kind than the one asked


@dataclass(frozen=True)
class Candidate:
    hit_rank: int
    hit: Hit
    start: int  # offsets within the passage text
    end: int
    overlap: float
    score: float
    covered: int = 0  # distinct question terms the span (with its context) contains
    cosine: float = 0.0  # with the question (0 without sentence vectors)
    labelled: bool = False  # a line labelled with the role asked about ("Author:" for "who wrote")
    # Shares only the time asked with the question ("Report published: 20 January 2016" for
    # "what did Ofsted say about the MASH in its January 2016 report?"), or states what its
    # paper is for ("To share the feedback letter …"): said last.
    when_only: bool = False


@dataclass(frozen=True)
class Composed:
    answer: str
    abstained: bool
    citations: list[Citation]
    # A judgements-table abstention ("no 2013 inspection of X") that text naming the year
    # asked about may still answer.
    text_may_answer: bool = False
    # Why the composer abstained (for analysis and logs): no_hits, unmentioned_name,
    # no_sentence, low_overlap, weak_dense, thin, no_amount.
    reason: str = ""
    best_overlap: float = 0.0  # the best sentence's share of the question's weighted terms
    best_cosine: float = 0.0  # the closest in meaning of the sentences quoted


class IdfTable:
    """Inverse document frequency of stemmed terms over the indexed passages."""

    def __init__(self, document_frequencies: dict[str, int], total: int) -> None:
        self._df = document_frequencies
        self._total = max(total, 1)

    def __call__(self, term: str) -> float:
        df = self._df.get(term, 0)
        return math.log(1 + (self._total - df + 0.5) / (df + 0.5))


def _units(passage: Passage) -> list[tuple[int, int, str]]:
    """Quotable spans of a passage, each with the context its words are matched with.

    A short table row is quoted whole; a long one cell by cell, each cell matched together
    with the row's first cell (its label) so "who owns it" finds the Owner cell of the row.
    """
    text = passage.text
    if passage.kind == "row":
        if len(text.split()) <= 60 or " | " not in text:
            spans = [(0, len(text))] if len(text.split()) <= 60 else sentences_of(text)
            return [(s, e, passage.section) for s, e in spans]
        cells, pos = [], 0
        while pos < len(text):
            sep = text.find(" | ", pos)
            stop = len(text) if sep < 0 else sep
            cells.append((pos, stop))
            pos = stop + 3 if sep >= 0 else len(text)
        label = " ".join(text[s:e] for s, e in cells[:2])
        return [(s, e, f"{passage.section} {label}") for s, e in cells]
    return [(s, e, passage.section) for s, e in sentences_of(text)]


_MIN_UNIT_CHARS = 12  # shorter spans ("1.", "Good") are never quoted
_HYPHENATED = re.compile(r"\b([A-Za-z]{2,})-([A-Za-z]{2,})\b")


class Unit(NamedTuple):
    """A quotable span of a passage and what the composer reads of it whatever the question."""

    start: int  # offsets within the passage text
    end: int
    terms: frozenset[str]  # its stemmed words and its context's (the heading, a row's label)
    text: str
    own_terms: frozenset[str]  # its own stemmed words only
    words: int
    shape: int  # boilerplate's sentence shape, to test against the index's template
    page_header: bool  # a saved web page's "SOURCE: <url> TITLE: …" header
    colophon: bool  # Ofsted's back page: "© Crown copyright", "E: enquiries@…"
    purpose: bool  # an agenda item's statement of its own purpose ("To share …")


@lru_cache(maxsize=8192)
def _unit_terms(passage: Passage) -> tuple[Unit, ...]:
    """A passage's quotable units with the stemmed terms each is matched by.

    Cached per passage: popular passages come back question after question (and twice or
    more in one answer: the gate and the answer per inspection read them again), and
    splitting, stemming and pattern-matching them each time was most of the answer's cost.
    """
    spans = [(s, e, c) for s, e, c in _units(passage) if e - s >= _MIN_UNIT_CHARS]
    texts = [passage.text[s:e] for s, e, _ in spans]
    # "tri-borough" is also "triborough" as a question may write it ("co-ordination",
    # "multi-agency"): the tokenizer splits a word at its hyphen. Each unit is read with its
    # hyphenated words joined after it, in one pass.
    terms = tokenize(
        [t + " " + " ".join(m[1] + m[2] for m in _HYPHENATED.finditer(t)) for t in texts]
        if "-" in passage.text
        else texts
    )
    # The context (the section heading, a row's label) is the same for many units: its words
    # are read once, not once per sentence; so are the families of the passage's words.
    contexts = {c: frozenset(tokenize([c])[0]) for c in {c for _, _, c in spans}}
    derived = {w: f for w in {w for t in terms for w in t} if (f := word_family(w)) != w}
    units = []
    for (s, e, c), text, t in zip(spans, texts, terms, strict=True):
        own = frozenset(t)
        units.append(
            Unit(
                s,
                e,
                own | contexts[c] | {derived[w] for w in own & derived.keys()},
                text,
                own,
                len(text.split()),
                sentence_shape(text),
                bool(_PAGE_HEADER.match(text)),
                bool(_COLOPHON.search(text)),
                bool(_PURPOSE.match(text)),
            )
        )
    return tuple(units)


@lru_cache(maxsize=8192)
def _passage_terms(passage: Passage) -> frozenset[str]:
    return frozenset(tokenize([passage.embedding_text()])[0])


# Whether a span holds the kind of answer asked for, or quotes someone: pattern scans (a
# count's is dozens of microseconds a sentence), asked again of a sentence by the gate, the
# answer per inspection and the next question on the topic.
_offers = lru_cache(maxsize=65536)(offers)
_quotes_someone = lru_cache(maxsize=65536)(quotes_someone)


# Words naming the kind of finding asked for ("what weakness…", "how good is…") rather than
# its topic: evidence often shows them without the word ("plans focus too much on the needs
# of adults"), so they add to a sentence's match but are not required of it.
_EVALUATIVE = frozenset(
    tokenize(
        [
            """weakness weaknesses strength strengths concern concerns criticism criticisms
            shortcoming shortcomings failing failings problem problems issue issues worry
            worries praise praised"""
        ]
    )[0]
)

# A sentence that announces a list ("… identified the following areas for improvement.",
# "… in relation to:") is only half an answer without the items after it.
_ANNOUNCES_LIST = re.compile(r"(:\s*$|\bthe following\b[^.]*\.?\s*$)", re.I)
_LIST_ITEM = re.compile(r"\s*(?:[•◼▪·*\-–]|\(?(?:\d{1,2}|[a-z])[.)])\s")
_LIST_ITEMS = 4
_ANNOUNCING_WORDS = 4  # a heading announcing a list says what it lists, in some words
_YEAR_TERM = re.compile(r"(?:19|20)\d\d")
# The months as the lexical index stems them ("januari"), but "may" (the verb far more often):
# with the years, the words of a question that say when, not what.
_MONTH_TERMS = frozenset(tokenize([" ".join(m for m in MONTHS if m != "may")])[0])
# A month as staff shorten it ("lambeth dec 2022 ilacs"): rare in the documents, so by idf it
# weighed as the question's rarest topic word, which no sentence on the topic holds. It counts
# as a year does. (A month written whole is in every report's dates line.)
_MONTHS_SHORT = frozenset(tokenize(["jan feb apr jun jul aug sep sept oct nov dec"])[0])
_PAGE_HEADER = re.compile(r"^\s*SOURCE:\s*\S+")
# An agenda item's statement of its own purpose ("To share the feedback letter from Ofsted
# following …", "The purpose of this report is to present …"): what the paper is, said after
# what it says.
_PURPOSE = re.compile(
    r"\W*(?:[a-z]\)\s*)?(?:to\s+(?:share|receive|consider|note|agree|approve|provide|present"
    r"|update|inform)\b|the\s+purpose\s+of\s+(?:this|the)\s+(?:report|paper|item)\b)",
    re.I,
)
# A document's colophon, never an answer: Ofsted's back page ("W: www.gov.uk/ofsted © Crown
# copyright 2022", "E: enquiries@ofsted.gov.uk"), too short and dated to count as template.
_COLOPHON = re.compile(r"©|\bCrown copyright\b|(?:^|\s)[TEW]:\s*(?:\S+@|www\.|\+?\d)")
_SHORT_LINE_WORDS = 12
# Answer kinds that are a figure: another year's figure is not the one asked for.
_FIGURES = (AMOUNT, MONEY, COUNT)
# At most this many words and no answer of the kind asked: a heading, not a statement.
_BARE_LINE_WORDS = 3


# A labelled line's label, and the question words that ask for that role.
_ROLE_LABEL = re.compile(r"(?:^|\|)[^\w|]*([A-Za-z][A-Za-z ]{1,30}?)\s*:", re.M)  # line or cell
_ROLE_ASKED = {
    "author": ("wrote", "written", "write", "author"),
    "owner": ("own", "owner", "respons", "lead", "charg"),
    "lead inspector": ("inspector", "led", "lead", "inspect"),
    "inspector": ("inspector", "inspect"),
    "chair": ("chair",),
    "contact": ("contact",),
}


# A role whose label says more than the words that ask for it: "who is the lead member?" does
# not ask for the "Lead inspector:" line; "who led the inspection?", "the lead HMI" do. Read
# from all the question's words ("inspector" is a question word, not a topic term).
_ROLE_NEEDS = {"lead inspector": ("inspect", "hmi", "visit", "ofst")}
# ... and is not asked by a question naming the council's own roles ("which councillor is
# Havering's lead for children after the 2024 inspection?").
_ROLE_UNASKED = {"lead inspector": ("councillor", "cabinet", "member", "director", "portfolio")}


# Minutes say who presented an item in one way: "The Leader of the Council introduced the
# report." That line answers "who presented / introduced / brought it?".
_PRESENTED = re.compile(
    r"\b(?:introduced|presented)\s+(?:the\s+|this\s+)?(?:report|item|paper|update|letter)\b", re.I
)
_PRESENTING = ("present", "introduc", "brought", "bring")


def _role_asked(line: str, terms: list[str], said: frozenset[str] = frozenset()) -> frozenset[str]:
    """The question's terms that ask for the role ``line`` is labelled with ("own" for an
    "Owner:" line), or for the act it says someone did ("introduced the report"); empty when
    it names someone in another role. ``said``: every stemmed word of the question, for a
    role that needs more than its asking words."""
    roles = [label.group(1).strip().lower() for label in _ROLE_LABEL.finditer(line)]
    if _PRESENTED.search(line):
        return frozenset(t for t in terms if t.startswith(_PRESENTING))
    asked = [
        word
        for role in roles
        if role not in _ROLE_NEEDS or any(w.startswith(_ROLE_NEEDS[role]) for w in said)
        if role not in _ROLE_UNASKED or not any(w.startswith(_ROLE_UNASKED[role]) for w in said)
        for word in _ROLE_ASKED.get(role, ())
    ]
    return frozenset(
        t for t in terms for a in asked if len(t) >= 3 and (t.startswith(a) or a.startswith(t))
    )


# "… director of children's and young people services, Julie Jenkins": a role, then the name
# of who holds it.
_NAMED_IN_ROLE = re.compile(
    r"((?:[\w’'&-]+\s+){1,8}?[\w’'&-]+),\s+([A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+)+)"
)
# The words that make a lexicon name a post someone holds ("director of children's
# services", "chief executive"), not a group ("children and young people").
_ROLE_HEADS = frozenset(tokenize(["director chief executive chair head officer manager"])[0])
# Capitalised words that make a title, not a name: "the DCS, Lead Member for Children's
# Services and Chair of …" names no one.
_TITLE_WORDS = frozenset(
    "lead member chief executive director chair head cabinet council councillor service "
    "services children children's officer manager board portfolio holder deputy leader".split()
)


def _content_words(stems: Sequence[str]) -> frozenset[str]:
    """A lexicon name's stemmed words without its stopwords ("director of children's
    services" → director, children, servic): what a sentence naming it must hold."""
    return frozenset(t for t in stems if tokenize([t])[0])


def _role_named(line: str, roles: tuple[frozenset[str], ...]) -> bool:
    """Whether ``line`` names someone right after one of ``roles`` (each the stemmed words of
    a role asked about: "dcs", or "director children servic")."""
    for match in _NAMED_IN_ROLE.finditer(line):
        if _TITLE_WORDS & set(match.group(2).lower().replace("’", "'").split()):
            continue
        words = set(tokenize([match.group(1)])[0])
        if any(role and role <= words for role in roles):
            return True
    return False


def _label_terms(line: str) -> frozenset[str]:
    """The stemmed words of a line's labels for roles we know ("lead", "inspector" of "Lead
    inspector:"); a label we know nothing of ("Executive Member:") may be what is asked."""
    labels = [
        m.group(1) for m in _ROLE_LABEL.finditer(line) if m.group(1).strip().lower() in _ROLE_ASKED
    ]
    return frozenset(tokenize([" ".join(labels)])[0]) if labels else frozenset()


def _jaccard(a: str, b: str) -> float:
    sa, sb = _word_set(a), _word_set(b)
    return len(sa & sb) / max(1, len(sa | sb))


@lru_cache(maxsize=8192)  # each chosen sentence is compared with every later candidate
def _word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))


def mentioned(name: str, seen: set[str] | frozenset[str], lexicon: Lexicon | None = None) -> bool:
    """The evidence mentions ``name`` itself or another name of its lexicon group (the MASH
    as "the multi-agency safeguarding hub")."""
    lexicon = lexicon or load_lexicon()
    return any(
        form in seen or any(_any_in(n.others, seen) for n in lexicon.names_within({form}))
        for form in _singular_and_plural(name)
    )


def _singular_and_plural(name: str) -> tuple[str, ...]:
    """An acronym's forms ("sws" and "sw"; "pa" and "pas"): the index does not stem them,
    and staff write "SWs" where a report writes "social workers" or its "SW"."""
    return (name, name[:-1]) if name.endswith("s") and len(name) > 2 else (name, f"{name}s")


def _any_in(names: list[tuple[str, ...]], seen: set[str] | frozenset[str]) -> bool:
    """Whether every token of one of ``names`` is in ``seen``."""
    return any(set(name) <= seen for name in names)


def compose_answer(
    question_terms: list[str],
    hits: list[Hit],
    documents: dict[str, Document],
    idf: IdfTable,
    settings: AnswerSettings,
    kind: str | None = None,
    names: list[str] | None = None,
    template: frozenset[int] = frozenset(),
    optional: tuple[str, ...] = (),
    own_words: bool = False,
    sections: tuple[str, ...] = (),
    section_terms: tuple[str, ...] = (),
    cosines: CosinesOf | None = None,
    passages: Sequence[Passage] = (),
    unasked: frozenset[int] = frozenset(),
    grade_in_words: bool = False,
    source_read: bool = False,
    quote_wanted: bool = False,
    said: frozenset[str] | None = None,
    lexicon: Lexicon | None = None,
    counted: tuple[str, ...] = (),
) -> Composed:
    """Pick, order and cite the sentences that answer; abstain when none does well enough.

    ``kind`` is the answer type asked for (see ``answer_type``); ``names`` are stemmed proper
    names from the question, each of which some considered passage must contain; ``optional``
    terms add to a sentence's match but are not required of it. ``passages`` are the index's,
    in order: a list announced at the end of one passage is read on into the next.
    ``unasked`` are the rows of considered passages of another time or kind of document than
    the question names (some being of it): their sentences lose ``unasked_penalty``.
    ``grade_in_words``: a grade is asked of the passages (a council's document was named, so
    not of the judgements table): a sentence giving one in prose answers the words asking for
    it. ``said``: every stemmed word of the question, its question words too (who-roles).
    ``lexicon``: the names things go by (the file's and the corpus's acronyms). ``counted``:
    what "how many" counts, stemmed: a sentence giving a number of it is the answer's kind
    twice over ("227 children were looked after", not "62% of children looked after").
    """
    lexicon = lexicon or load_lexicon()
    if not hits:
        return Composed(ABSTAIN_MESSAGE, True, [], reason="no_hits")
    considered = hits[: settings.passages_considered]
    if names:
        seen = set().union(*(_passage_terms(h.passage) for h in considered))
        if any(not mentioned(n, seen, lexicon) for n in names):
            # The question names someone or something the evidence never mentions.
            return Composed(ABSTAIN_MESSAGE, True, [], reason="unmentioned_name")
    terms = list(dict.fromkeys(question_terms))
    # Every passage read is of the source named: its name in a sentence ("In the latest of
    # Community Care's Ofsted Interview series …") no longer says the sentence is on point.
    muted = frozenset(optional) if source_read else frozenset()
    said = frozenset(terms) if said is None else said | frozenset(terms)
    terms += [t for t in optional if t not in terms]
    required = [t for t in terms if t not in _EVALUATIVE and t not in optional] or terms
    # A question is "about several things" for the thin test below by its topic, not the
    # year asked: that is checked against the documents' dates (qa._of_another_time).
    years = {t for t in terms if _YEAR_TERM.fullmatch(t)} | (_MONTHS_SHORT & set(terms))
    topical = [t for t in required if t not in years]
    when_terms = years | (_MONTH_TERMS & set(terms))
    # The year asked is rare in the passages, so by idf it outweighed the topic ("planned
    # payment changes … in 2023" for "what did the 2023 press release say about care
    # leavers?"); it counts as much as the topic's weakest word, enough to prefer the
    # sentence of the right inspection among those on the topic.
    weakest = min((idf(t) for t in topical), default=None)
    weight = {
        t: min(idf(t), weakest) if t in years and weakest is not None else idf(t) for t in terms
    }
    weight_total = sum(weight[t] for t in required) or 1.0
    # The question's derived words and their families ("leadership": "leader"); a word that is
    # its own family is matched by the family forms each unit holds already.
    derived = {t: f for t in terms if (f := word_family(t)) != t}
    # Words the lexicon gives other names for are present where one of them is ("LAC" in a
    # sentence on "looked after children", "MASH" in one on "the front door").
    other_names = lexicon.names_within(frozenset(terms))
    # "How many LAC …": "227 children were being looked after" counts them in other words.
    counted_as = tuple(
        _content_words(other)
        for n in lexicon.names_within(frozenset(counted))
        for other in n.others
    )
    grade_asked = (
        frozenset(t for t in terms if t in GRADE_ASKING) if grade_in_words else frozenset()
    )
    money_asked = frozenset(t for t in terms if t in MONEY_ASKING) if kind == MONEY else frozenset()
    running_asked = (
        frozenset(t for t in terms if t in RUNNING_ASKING) if kind == ORGANISATION else frozenset()
    )
    quote_asked = frozenset(t for t in terms if t in QUOTE_ASKING and kind == PERSON)
    # The roles a who-question names, in its words and the lexicon's ("DCS", "director of
    # children's services"), each as the stemmed words a sentence naming its holder has.
    role_names = [
        n
        for n in (lexicon.names_within(frozenset(topical)) if kind == PERSON else [])
        if _ROLE_HEADS & {t for words in (n.tokens, *n.others) for t in words}
    ]
    roles_asked = tuple(
        _content_words(words) for n in role_names for words in (n.tokens, *n.others)
    )
    role_words = frozenset(t for n in role_names for t in n.tokens)
    top_score = hits[0].score or 1.0
    candidates: list[Candidate] = []
    for rank, hit in enumerate(considered):
        relevance = hit.score / top_score
        # Under the section the question asks for ("What needs to improve?" for "what must
        # they work on?"), the heading says what the asking words say.
        asked_for = (
            frozenset(section_terms)
            if under_section(hit.passage.section, sections)
            else frozenset()
        )
        meaning = cosines(hit.row) if cosines else None
        # "In 2024" asks for that inspection's words, "the press release" for its words:
        # another report's sentence on the topic ("personal advisers" in 2015) comes after
        # them, though its passage ranked near.
        aside = settings.unasked_penalty if hit.row in unasked else 0.0
        for unit in _unit_terms(hit.passage):
            start, end, present, sentence = unit.start, unit.end, unit.terms, unit.text
            if (template and unit.shape in template) or unit.page_header or unit.colophon:
                # Ofsted's back page run on into a report's last section; a saved web page's
                # "SOURCE: <url> TITLE: …" header (its metadata, not what it says).
                continue
            # "What did she say about the report?": her quoted words give what is asked.
            typed = (_offers(kind, sentence) and not (aside and kind in _FIGURES)) or (
                quote_wanted and _quotes_someone(sentence)
            )
            if not typed and unit.words <= _BARE_LINE_WORDS:
                # A heading or a page's furniture ("CABINET PANEL", "Ofsted Action Plan",
                # "Comments are closed."): it names a topic, says nothing of it.
                continue
            # A line labelled with the role asked about answers the question's word for it
            # ("Author:" for "who wrote"); a name under another label answers another question.
            role = _role_asked(sentence, terms, said) if kind == PERSON else frozenset()
            if kind == PERSON and not role and roles_asked and _role_named(sentence, roles_asked):
                # "Who was the DCS then?": "… director of children's services, Julie Jenkins".
                role = frozenset(t for t in terms if t in role_words)
            if kind == PERSON and not role:
                # "Lead inspector: Tara Geere" names the lead inspector: its label's "lead" is
                # not the "lead member" asked for.
                present = present - _label_terms(sentence)
            short = typed and kind in (DATE, PERSON) and unit.words <= _SHORT_LINE_WORDS
            if short and (kind != PERSON or role):
                # A short line giving the kind of answer asked for (a cover page's meeting
                # date, an "Author:" line) is about what its passage is about (a short "not"
                # is about its own words).
                present = present | _passage_terms(hit.passage)
            if money_asked and typed:
                # "How much extra money did they put in?": "investing an additional £5.5m".
                present = present | money_asked
            if running_asked and typed:
                # "Who actually runs social care there?": "delivered by … Children's Trust".
                present = present | running_asked
            if quote_asked and _quotes_someone(sentence):
                # "Who was quoted?": "Councillor Jones said: “…”".
                present = present | quote_asked
            if grade_asked and not aside and states_grade(sentence):
                # "What grade did the press release say …?": "rated as 'good' overall" there.
                present = present | grade_asked
            present = (
                present
                | role
                | asked_for
                | {t for n in other_names if _any_in(n.others, present) for t in n.tokens}
            )
            # A word of the question whose family the sentence holds ("leadership" in "senior
            # leaders") is in it.
            if derived:
                present = present | {t for t, f in derived.items() if f in present}
            covered = [t for t in terms if t in present]
            # Sharing only the time asked, or that and the source named, with the question
            # ("The latest of Community Care's Ofsted Interview podcast series features …" for
            # "what does the Community Care piece say about IROs?"): said after the sentences
            # on what was asked.
            when_only = (
                kind != DATE
                and bool(topical and covered)
                and set(covered) <= when_terms | set(optional)
            ) or (kind is None and unit.purpose)
            overlap = min(1.0, sum(weight[t] for t in covered if t not in muted) / weight_total)
            score = 0.7 * overlap + 0.3 * relevance - settings.rank_penalty * rank - aside
            cosine = meaning.at(start) if meaning else 0.0
            # What the sentence means, beside the words it shares with the question.
            score += settings.semantic_weight * cosine
            if overlap and typed:
                score += settings.type_bonus
                if counted and counts(sentence, counted[-1], counted_as):
                    score += settings.type_bonus
            # The source's own words ("cabinet panel") are evidence the span is on point.
            if own_words and not set(required) & unit.own_terms:
                continue
            required_covered = sum(t in present for t in required) + sum(
                t in present for t in optional
            )
            candidates.append(
                Candidate(
                    rank,
                    hit,
                    start,
                    end,
                    overlap,
                    score,
                    required_covered,
                    cosine,
                    bool(role),
                    when_only,
                )
            )
    best_dense = max((h.dense_score for h in hits if h.dense_score is not None), default=None)
    best_overlap = max((c.overlap for c in candidates), default=0.0)
    weak_dense = best_dense is not None and best_dense < settings.min_dense
    # A sentence that says what was asked in other words ("staff turnover" for "workforce
    # stability") answers, though it shares few of the question's words. The more of them it
    # holds, the less its meaning must make up for the rest: the cosine bar falls along a line
    # from semantic_min at none. Near a question asking who, when or how much, it must also
    # say a person, a date or an amount: near in meaning, it may only be on the topic.
    close = (
        settings.semantic_min > 0
        and any(
            c.overlap
            and c.cosine + settings.semantic_per_overlap * c.overlap >= settings.semantic_min
            # (A yes-or-no question's close sentence may say yes.)
            and (kind in (None, NEGATIVE) or _offers(kind, c.hit.passage.text[c.start : c.end]))
            for c in candidates
        )
    )
    # One rare word in common is not an answer to a question about several things.
    most_covered = max((c.covered for c in candidates), default=0)
    thin = len(topical) >= 3 and most_covered < 2 and not close
    low_overlap = best_overlap < settings.min_overlap and not close
    # Passages far from the question as wholes may still hold a sentence close to it.
    weak_dense = weak_dense and not close
    if not candidates or low_overlap or weak_dense or thin:
        reason = (
            "no_sentence"
            if not candidates
            else "low_overlap"
            if low_overlap
            else "weak_dense"
            if weak_dense
            else "thin"
        )
        return Composed(ABSTAIN_MESSAGE, True, [], reason=reason, best_overlap=best_overlap)

    candidates.sort(key=lambda c: -c.score)
    # A line labelled with the very role asked about answers a who-question outright, ahead
    # of a title or summary sharing more of its words ("Author: …" for "who wrote the paper?").
    labelled = next((c for c in candidates if c.labelled and c.overlap), None)
    if labelled is not None:
        candidates.remove(labelled)
        candidates.insert(0, replace(labelled, score=max(labelled.score, candidates[0].score)))
    floor = candidates[0].score * settings.relative_floor
    chosen: list[Candidate] = []
    per_passage: dict[str, int] = {}
    for cand in candidates:
        if len(chosen) >= settings.max_sentences or cand.score < floor:
            break
        pid = cand.hit.passage.passage_id
        if cand.overlap == 0 or per_passage.get(pid, 0) >= settings.max_per_passage:
            continue
        text = cand.hit.passage.text[cand.start : cand.end]
        if any(_jaccard(text, c.hit.passage.text[c.start : c.end]) > 0.6 for c in chosen):
            continue
        chosen.append(cand)
        per_passage[pid] = per_passage.get(pid, 0) + 1
    chosen = _one_span_per_passage(
        _with_following(_with_announced_lists(chosen, passages), settings, passages, documents)
    )
    # A line that only dates what was asked about ("Inspection dates: …") still shows the
    # answer is of the time asked, but after the sentences that say what was asked.
    chosen = [c for c in chosen if not c.when_only] + [c for c in chosen if c.when_only]
    if kind in _FIGURES and not any(
        _offers(kind, c.hit.passage.text[c.start : c.end]) and c.hit.row not in unasked
        for c in chosen
    ):
        # "How much is the council putting council tax up by?" answered by "council tax has
        # been waived": an amount was asked and nothing chosen states one. Nor does another
        # year's report ("NEET in 2026?" answered by 2017's "fallen from 47% to 20%").
        return Composed(ABSTAIN_MESSAGE, True, [], reason="no_amount", best_overlap=best_overlap)

    citations: list[Citation] = []
    sentences: list[str] = []
    for n, cand in enumerate(chosen, start=1):
        passage = cand.hit.passage
        meta = documents[passage.doc_id].meta
        quote = passage.text[cand.start : cand.end]
        citations.append(Citation.from_passage(n, passage, meta, quote, cand.hit.score))
        sentences.append(f"{_as_sentence(quote)} [{n}]")
    return Composed(
        " ".join(sentences),
        False,
        citations,
        best_overlap=best_overlap,
        best_cosine=max((c.cosine for c in chosen), default=0.0),
    )


_CLAIM = re.compile(r".+?(?:\s*\[\d+\])+", re.S)


def joined(first: Composed, second: Composed, claims: int | None = None) -> Composed:
    """``first`` followed by ``second`` (its first ``claims`` claims, when given), its markers
    and citations renumbered after ``first``'s."""
    offset = len(first.citations)
    said = second.answer.strip()
    if claims is not None:
        said = " ".join([m.group(0).strip() for m in _CLAIM.finditer(said)][:claims])
    cited = sorted({int(n) for n in re.findall(r"\[(\d+)\]", said)})
    number = {old: offset + k for k, old in enumerate(cited, start=1)}
    more = [replace(c, n=number[c.n]) for c in second.citations if c.n in number]
    said = re.sub(r"\[(\d+)\]", lambda m: f"[{number[int(m.group(1))]}]", said)
    return replace(first, answer=f"{first.answer} {said}", citations=[*first.citations, *more])


def _with_announced_lists(
    chosen: list[Candidate], passages: Sequence[Passage] = ()
) -> list[Candidate]:
    """Each chosen sentence that announces a list, followed by the list's first items (the
    first sentence of each of the next lines of its passage, and of the next passage of its
    document where the list runs on past the passage's end); the list ends the answer."""
    out: list[Candidate] = []
    # Only what the answer already says: an item chosen for its own words after the sentence
    # announcing it still comes, in the list's place, as the list ends the answer.
    taken: set[tuple[str, int]] = set()
    for cand in chosen:
        out.append(cand)
        taken.add((cand.hit.passage.passage_id, cand.start))
        found = _announced_items(cand, passages)
        for holder, start, end in found:
            key = (holder.hit.passage.passage_id, start)
            if key not in taken:
                out.append(replace(holder, start=start, end=end))
                taken.add(key)
        if found:
            break
    return out


def _announced_items(
    cand: Candidate, passages: Sequence[Passage]
) -> list[tuple[Candidate, int, int]]:
    """The first items of the list ``cand`` is announced by or announces, each with the
    candidate that holds its passage; empty when it is neither."""
    text = cand.hit.passage.text
    if _under_announced_list(cand.hit.passage):
        # Its heading announces the list it is an item of ("The key areas for improvement
        # identified by Ofsted were around:"): the list from its first item. Not from the
        # first of a later passage's items, which the list does not start with: the item
        # chosen for its own words answers alone there ("12. Improve arrangements for keeping
        # in touch with all care leavers", not items 10 to 13).
        if _continues_section(cand.hit, passages):
            return []
        return [(cand, start, end) for start, end in _list_items(text, 0)]
    if not _ANNOUNCES_LIST.search(text[cand.start : cand.end]):
        return []
    items = _list_items(text, cand.end)
    found = [(cand, start, end) for start, end in items]
    following = _next_passage(cand.hit, passages)
    if len(items) < _LIST_ITEMS and following is not None:
        # The chunker closed the passage inside the list ("…in the following areas:" and its
        # bullets in the next passage): an item there opens the next passage.
        more = _list_items(following.passage.text, 0)
        if more and (not items or _LIST_ITEM.match(following.passage.text)):
            moved = replace(cand, hit=following)
            found += [(moved, start, end) for start, end in more]
    return found[:_LIST_ITEMS]


def _continues_section(hit: Hit, passages: Sequence[Passage]) -> bool:
    """Whether the passage before ``hit``'s in its document is under the same heading."""
    if hit.row < 1 or hit.row >= len(passages):
        return False
    before = passages[hit.row - 1]
    return before.doc_id == hit.passage.doc_id and before.section == hit.passage.section


def _under_announced_list(passage: Passage) -> bool:
    """Whether ``passage`` stands under a heading announcing a list ("This local authority is
    good because:"), not a one-word label ("Minutes:")."""
    heading = passage.section.split(" › ")[-1]
    return (
        passage.kind != "row"
        and len(heading.split()) >= _ANNOUNCING_WORDS
        and bool(_ANNOUNCES_LIST.search(heading))
    )


def _list_items(text: str, after: int) -> list[tuple[int, int]]:
    """The first sentence of each line of ``text`` after the line holding offset ``after``
    (from its first line when ``after`` is 0): a list's items."""
    items: list[tuple[int, int]] = []
    line_start = 0
    if after:
        newline = text.find("\n", after)
        if newline < 0:
            return items
        line_start = newline + 1
    bulleted = False
    while len(items) < _LIST_ITEMS:
        line_end = text.find("\n", line_start)
        spans = sentence_spans(text, line_start, len(text) if line_end < 0 else line_end)
        if spans:
            # A bulleted list ends at the first line without a bullet (what follows it).
            marked = bool(_LIST_ITEM.match(text, spans[0][0]))
            if items and bulleted and not marked:
                break
            bulleted = bulleted or (marked and not items)
            items.append(spans[0])
        if line_end < 0:
            break
        line_start = line_end + 1
    return items


def _next_passage(hit: Hit, passages: Sequence[Passage]) -> Hit | None:
    """The passage after ``hit``'s in its document, as a hit scored as ``hit`` is."""
    row = hit.row + 1
    if hit.row < 0 or row >= len(passages) or passages[row].doc_id != hit.passage.doc_id:
        return None
    return Hit(passages[row], hit.score, row=row)


def _with_following(
    chosen: list[Candidate],
    settings: AnswerSettings,
    passages: Sequence[Passage] = (),
    documents: dict[str, Document] | None = None,
) -> list[Candidate]:
    """Each chosen sentence runs on to the next ``follow_on`` sentences of its paragraph: the
    sentence sharing the question's words names the topic ("private fostering arrangements
    are disjointed"), the next often says what was found ("children are not seen regularly").
    A paragraph the chunker split runs on into the next passage, cited there."""
    if not settings.follow_on:
        return chosen
    out: list[Candidate] = []
    for cand in chosen:
        text = cand.hit.passage.text
        end = cand.end
        if cand.hit.passage.kind != "row":
            # The passage's sentences are already split (and cached) for scoring.
            after = [u for u in _unit_terms(cand.hit.passage) if u.start >= end]
            for unit in after[: settings.follow_on]:
                if "\n" in text[end : unit.start] or unit.colophon:
                    break
                end = unit.end
            out.append(replace(cand, end=end))
            if not after and not text[end:].strip():
                out.extend(_paragraph_run_on(cand, passages, documents))
            continue
        out.append(replace(cand, end=end))
    return out


def _paragraph_run_on(
    cand: Candidate, passages: Sequence[Passage], documents: dict[str, Document] | None
) -> list[Candidate]:
    """The first sentence of the next passage when ``cand`` ends its passage mid-paragraph
    ("… unless they explicitly request help." | "At the time of this inspection, there were
    over 200 young people in this category.")."""
    following = _next_passage(cand.hit, passages)
    if following is None or documents is None or following.passage.kind == "row":
        return []
    document = documents.get(cand.hit.passage.doc_id)
    between = document.text[cand.hit.passage.end : following.passage.start] if document else "\n"
    if "\n" in between:
        return []
    # Its first quotable sentence, as the composer's units of it would begin.
    text = following.passage.text
    first = next(((s, e) for s, e in sentences_of(text) if e - s >= _MIN_UNIT_CHARS), None)
    if first is None or _COLOPHON.search(text[first[0] : first[1]]):
        return []
    return [replace(cand, hit=following, start=first[0], end=first[1])]


def _one_span_per_passage(chosen: list[Candidate]) -> list[Candidate]:
    """Sentences chosen from one passage become one claim quoting the span from the first to
    the last, so a passage is cited once, not as [1] and [2]."""
    merged: dict[str, Candidate] = {}
    for cand in chosen:
        pid = cand.hit.passage.passage_id
        first = merged.get(pid)
        merged[pid] = (
            cand
            if first is None
            else replace(first, start=min(first.start, cand.start), end=max(first.end, cand.end))
        )
    return list(merged.values())


def _as_sentence(quote: str) -> str:
    """The quote as it reads in the answer; the marker follows it."""
    return re.sub(r"\s+", " ", quote).strip()
