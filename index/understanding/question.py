"""One parsed question: built once per ask and read by the searcher, the router, the composer
and the judgement answers, so no part reads the words again."""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from index.gazetteer import find_authority_spans
from index.retrieval.lexical import tokenize, topic_terms
from index.understanding.answer_type import (
    DATE,
    PERSON,
    answer_type,
    named_terms,
    without_kind_asked,
)
from index.understanding.follow_ups import PERSON_PRONOUN, ResolvedQuestion, resolve
from index.understanding.grade_request import (
    BEFORE_FIRST,
    GRADE_QUESTION_STEMS,
    GradeRequest,
    area_phrases,
    areas_named,
    grade_request,
    ranked_alone,
    standalone_grade_question,
)
from index.understanding.lexicon import (
    ASKS_OFSTED,
    EVENTS,
    FRAMEWORKS,
    OFSTED_SOURCE,
    SECTIONS,
    SOURCES,
)
from index.understanding.query import (
    YEAR,
    When,
    acted_on_words,
    asks_if_acted_on,
    asks_what_was_said,
    new_topic,
    refers_back,
    refers_to_one_document,
    strip_authorities,
    time_shift,
    when_asked,
)

_SOURCES = tuple((types, re.compile(rf"\b(?:{pattern})\b", re.I)) for types, pattern in SOURCES)
_EVENTS = tuple((name, re.compile(rf"\b(?:{pattern})\b", re.I)) for name, pattern in EVENTS)
# Nouns for a document itself ("the Community Care write-up", "the press release piece"): once
# a kind of source is named, they say which document, not what about.
_DOCUMENT_NOUN = re.compile(r"\b(?:write[\s-]?ups?|piece|coverage)\b", re.I)
_SECTIONS_ASKED = tuple((kind, re.compile(asked, re.I)) for kind, asked, _ in SECTIONS)
_SECTION_HEADINGS = tuple((kind, re.compile(heading, re.I)) for kind, _, heading in SECTIONS)


def _titled(source: re.Pattern[str]) -> re.Pattern[str]:
    """Capitalised words directly before a source's name ("Wirral View" in "the Wirral View
    story")."""
    return re.compile(rf"((?:\b[A-Z][\w'’]*\s+)+)(?={source.pattern})")


def under_section(section: str, kinds: tuple[str, ...]) -> bool:
    """Whether a passage's section label is a heading of one of the report sections ``kinds``."""
    return any(kind in kinds and pattern.search(section) for kind, pattern in _SECTION_HEADINGS)


# "Did they improve by the next inspection?", "has Bury improved?": whether it got better, a
# change, not the report's list of what needs to improve.
_WHETHER_IMPROVED = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:did|has|have|had|will)\s+(?:(?!to\b|must\b|need\w*\b)[\w’'-]+\s+)"
    r"{1,4}?improve\b",
    re.I,
)


def _sections_asked(query: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The report sections ``query`` asks for, and its stemmed words that ask for them."""
    kinds: list[str] = []
    words: dict[str, None] = {}
    whether_improved = _WHETHER_IMPROVED.match(query)
    for kind, pattern in _SECTIONS_ASKED:
        for match in pattern.finditer(query):
            if whether_improved and match.end() == whether_improved.end():
                continue
            if kind not in kinds:
                kinds.append(kind)
            words.update(dict.fromkeys(tokenize([match.group(0)])[0]))
    return tuple(kinds), tuple(words)


_ASKS_OFSTED = re.compile(ASKS_OFSTED, re.I)
_FRAMEWORKS = tuple((name, re.compile(pattern, re.I)) for name, pattern in FRAMEWORKS)
# "How was Lancashire rated at its re-inspection?": the report its cover calls one.
_REINSPECTION = re.compile(r"\bre-?\s?inspect(?:ion|ed)\b", re.I)
_FRAMEWORK_OF_YEAR = re.compile(
    rf"(?:{'|'.join(p for _, p in FRAMEWORKS)})\s+(?:19[89]\d|20\d\d)\b"
    rf"|\b(?:19[89]\d|20\d\d)\s+(?:{'|'.join(p for _, p in FRAMEWORKS)})",
    re.I,
)
_OFSTED_SOURCE = re.compile(OFSTED_SOURCE, re.I)
# A follow-up naming what it asks of itself: an inspection, or a visit of its own.
_INSPECTION_OR_VISIT = re.compile(r"\b(?:inspect\w*|ilacs|sif|visit\w*)\b", re.I)
# "By the 2016 inspection", "in the actual report", "at the next inspection": an inspection of
# its own, so Ofsted's words; not "their last full inspection before that", a time the
# council's paper may give.
_DATED_INSPECTION = re.compile(
    r"\b(?:19[89]\d|20\d\d|actual|next)\s+(?:full\s+)?(?:ofsted\s+)?"
    r"(?:inspection|report|ilacs|re-?inspection)\b|\breport\s+itself\b",
    re.I,
)
# "What did Ofsted actually write?", "the report itself": Ofsted's words set against the
# paper's, not Ofsted's words as the paper (or an interview) told them.
_AGAINST_THE_PAPER = re.compile(r"\b(?:actual(?:ly)?|itself|really|own)\b", re.I)


@dataclass(frozen=True)
class Question:
    """What a question asks, read once."""

    text: str  # as asked
    query: str  # standalone: a follow-up rewritten with what it carries over
    from_history: bool
    authorities: tuple[str, ...]
    authority_spans: tuple[tuple[int, int, str], ...]  # in ``query``
    when: When | None
    framework: str | None  # "SIF" or "ILACS" when named
    reinspection: bool  # "the lancashire re-inspection": a re-inspection's report
    sources: tuple[str, ...]  # doc types of a source the question names ("committee minutes")
    events: tuple[str, ...]  # visits it names ("monitoring visit"), as documents' titles do
    sections: tuple[str, ...]  # report sections it asks for ("improve": what needs to improve)
    section_terms: tuple[str, ...]  # its words that ask for them ("work on", "recommendations")
    asks_ofsted: bool  # "what did Ofsted say / inspectors find": Ofsted's own words asked for
    answer_kind: (
        str | None
    )  # see index.understanding.answer_type: person, date, grade, money, amount, count
    topic: str  # the query without authority names
    topic_terms: tuple[str, ...]  # stemmed, without framing words
    # Words naming the source asked for ("cabinet", "press release"): they add to a
    # sentence's match where it has them, but an answer need not say them.
    source_terms: tuple[str, ...]
    names: tuple[str, ...]  # stemmed proper names the evidence must mention
    grades: GradeRequest | None  # what it asks of the judgements table, if anything
    # Topic terms beyond grades, areas and the inspection: what a grade answer leaves unsaid.
    beyond_grades: tuple[str, ...]
    points_to_document: bool  # "what did it say …": the document the last answer cited
    # Its words asking whether a finding was acted on ("fixed", "sorted"): they add to a
    # sentence's match, but the evidence of what was done need not say them.
    acted_on: tuple[str, ...] = ()

    @property
    def names_council_source(self) -> bool:
        """Whether it asks what a council's own document (minutes, a press release) says."""
        return bool(self.sources) and "inspection report" not in self.sources


# "Back" saying when ("why were care leavers judged inadequate back in 2016?"), not a topic.
_BACK_IN_TIME = re.compile(r"\bback\s+(?:in|at|then|when|around|during)\b", re.I)
_BACK = frozenset(tokenize(["back"])[0])
_ONE = frozenset(tokenize(["one"])[0])
_THE_ONE = re.compile(
    r"\b(?:(?:19|20)\d\d|that|this|latest|last|first|previous|earlier|recent|newest|oldest)"
    r"\s+one\b"
    # "St Helens' SIF, the one published in January 2015": the inspection it describes.
    r"|\bthe\s+one\s+(?:that|which|where|when|published|in|from|with|before|after|graded|rated"
    r"|judged)\b",
    re.I,
)

# A follow-up's words that only move in time ("and at the next one?", "since then?").
_SHIFT_STEMS = frozenset(
    {
        "next",
        "one",
        "sinc",
        "then",
        "follow",
        "later",
        "subsequ",
        "befor",
        "that",
        "do",
        "did",
        "back",
    }
)


# "Did they hold onto that?", "did it stay that way?", "did they keep it?": a grade kept.
_KEPT = re.compile(
    r"\b(?:hold|held|hang|hung)\s+on(?:\s*to)?\s+(?:that|it|this|the\s+(?:grade|rating))\b"
    r"|\b(?:keep|kept|maintain\w*|retain\w*|sustain\w*)\s+(?:that|it|this|the\s+(?:grade|rating))\b"
    r"|\bstay(?:ed)?\s+(?:that\s+way|the\s+same)\b",
    re.I,
)
# "Was that up on 2018?": against that year's grade.
_CHANGE_WORD = re.compile(
    r"\b(?:chang\w*|compar\w*|better|worse|improv\w*|declin\w*)\b|\b(?:up|down)\s+on\b", re.I
)


def _moved_in_time(
    last: GradeRequest, shift: str, when: When | None, changed: bool = False
) -> GradeRequest | None:
    """``last`` asked again at the time a follow-up moves to: the inspection before ("and the
    one before that?"; the previous one when ``last`` was of the newest), from it on ("and at
    the next one?", "has it improved since?" after "what did Halton get in its 2020
    inspection?"; for its dates or every judgement, the one inspection next after it), or the
    one year it names alone ("what was it back in 2014?" after "what
    grade did Sheffield get for children in care in 2023?")."""
    if not shift:
        if when is None:
            return None
        year = int(when.years[0])
        if changed and last.year and last.year != year:
            # "What had changed by the 2024 inspection?" after "how was Suffolk rated in
            # 2019?": the change between the two, not the 2024 grade alone.
            return replace(
                last, kind="change", year=None, years=tuple(sorted((last.year, year))), pick=""
            )
        return replace(last, year=year, years=(), before="", pick="")
    if not last.year:
        # Undated, the last question was of the newest inspection: the one before it is the
        # previous ("what was it before that?" after "what's Oldham's current rating?"); of
        # the first, the one before any report ("… after "how did Cumberland do in their
        # first ILACS?").
        if shift != "before" or last.pick not in ("", "first"):
            return None
        return replace(last, pick="previous" if not last.pick else BEFORE_FIRST)
    if shift == "before":
        if when and when.before:
            return replace(last, year=None, before=when.before, pick="")
        if when and len(when.years) == 1:
            # "And the one before, in 2016?" after "who led the 2019 inspection?": the year
            # the follow-up names is the one before.
            return replace(last, year=int(when.years[0]), years=(), before="", pick="")
        return None
    if last.kind in ("areas", "inspection"):
        # "And the next one?" after "sheffield 2013 grades": the one inspection after it.
        return replace(last, year=None, after=str(last.year), pick="")
    return replace(last, kind="change", year=None, years=(last.year,), pick="")


def _its_inspection(request: GradeRequest, inspector_first: bool) -> GradeRequest:
    """The inspection a grade request is of, asked for its dates (or who led it first)."""
    return replace(
        request, kind="inspection", areas=(), area_named=False, inspector_first=inspector_first
    )


# "The one before 2020": the year a move back in time counts from.
_BEFORE_YEAR = re.compile(r"\bbefore\s+((?:19|20)\d\d)\b", re.I)

# "Was it the same person?", "the same inspector again?": who led the inspection asked.
_SAME_PERSON = re.compile(
    r"\bsame\s+(?:person|people|inspectors?|lead(?:\s+inspector)?|hmi)\b", re.I
)

# "Did Nottinghamshire's leaders get the same?", "the same rating for care leavers?": the grade
# just asked about, asked of the area named.
_SAME_GRADE = re.compile(
    r"\b(?:get|got|gets|getting|receive[ds]?|achieve[ds]?|score[ds]?|given|awarded)\s+"
    r"(?:the\s+)?same\b|\bsame\s+(?:grade|rating|judgement|judgment|result|score)s?\b",
    re.I,
)

# "Has she inspected them before?": an earlier time, said as an adverb closing its clause.
_BEFORE_ALONE = re.compile(r"\b(?:before|previously|earlier)\s*(?=[?.,;!]|$)", re.I)
# What asking whether a person did the same elsewhere says besides ("did she do … as well?").
_DID_IT_TOO = frozenset(
    tokenize(["do did does done also too well as lead led inspect same person right"])[0]
)
# "Better than last time?", "any worse than before?": a grade against the one before it.
_BETTER_THAN_LAST = re.compile(
    r"\b(?:better|worse|improved?|different)\s+(?:than|from)\s+(?:last\s+time|before|"
    r"previously|the\s+(?:last|previous)\b)",
    re.I,
)
# "after / following the 2022 inspection" (not "since"): for a part of a report asked about,
# the inspection named is the one whose part it is.
_AFTER_INSPECTION = re.compile(r"\b(?:after|following)\b(?![^?.!]*\bsince\b)", re.I)


def _another_council(text: str, talked_about: tuple[str, ...]) -> tuple[str, ...]:
    """The words of ``text`` asking whether the person just named did the same for one other
    council than ``talked_about`` ("did she do St Helens as well? when was that?"), or () when
    it names none or asks anything else of it ("did he say anything about their fostering?")."""
    named = {name for _, _, name in find_authority_spans(text)}
    if len(named) != 1 or named & set(talked_about):
        return ()
    words = topic_terms(strip_authorities(text))
    if set(words) - GRADE_QUESTION_STEMS - _SHIFT_STEMS - _DID_IT_TOO:
        return ()
    return tuple(words)


def _same_lead_asked(
    text: str, grades: GradeRequest | None, shift: str, answer_kind: str | None, previous: Question
) -> GradeRequest | None:
    """The inspection a follow-up about the lead inspector just named asks for, by her name:
    of another council ("did she do St Helens as well?" after "who led Blackpool's 2018
    inspection?": the one of St Helens she led, not its latest), or of the same council before
    ("has she inspected them before? when?": the one before that she led, if one was). None
    when ``text`` asks neither or ``previous`` asked no lead inspector."""
    last, talked_about = previous.grades, previous.authorities
    if not (last and last.kind == "inspection" and last.inspector_first and talked_about):
        return None
    same_lead = (talked_about[0], last)
    inspector_first = answer_kind != DATE
    if elsewhere := _another_council(text, talked_about):
        asked = grades if grades and grades.kind == "inspection" else None
        asked = asked or GradeRequest("inspection", (), (), None, False)
        frame = (*asked.frame, *elsewhere)
        return replace(asked, same_lead=same_lead, inspector_first=inspector_first, frame=frame)
    if (
        (shift == "before" or _BEFORE_ALONE.search(text))
        and not find_authority_spans(text)
        and not (grades and grades.kind != "inspection")
    ):
        moved = (
            replace(last, year=None, before=str(last.year), pick="")
            if last.year
            else _moved_in_time(last, "before", None)
        )
        if moved is not None:
            return replace(moved, same_lead=same_lead, inspector_first=inspector_first)
    return None


def parse_question(
    text: str,
    history: list[str] | None = None,
    authorities: tuple[str, ...] = (),
    carry_topic: bool = False,
) -> Question:
    """Read ``text`` (a follow-up of ``history`` when given) once, for every later stage;
    ``authorities`` (a request's filter) stand in when the question names none;
    ``carry_topic`` as for ``resolve``."""
    resolved = resolve(text, history, carry_topic)
    about = resolved.authorities or authorities

    @cache
    def previous() -> Question:
        """The question before, parsed once however many of the rules below ask for it."""
        assert history
        return parse_question(history[-1], history[:-1])

    query = _source_carried(text, resolved, about, previous if history else None)
    when = when_asked(query, resolved.before)
    topic = strip_authorities(query) or query
    own_sources = _sources_named(text)
    ofsted_named = bool(_OFSTED_SOURCE.search(text))
    sources = () if ofsted_named else own_sources
    if resolved.from_history and not sources and not ofsted_named:
        # A follow-up naming no source keeps the one the conversation named ("did staff have
        # any input into it?" after "what did the committee hear about the action plan?").
        sources = () if _OFSTED_SOURCE.search(query) else _sources_named(query)
    # The source a question names says where to look, not what about: "press release" is not
    # a word its answer must contain.
    subject = topic
    for _types, pattern in _SOURCES if sources else ():
        subject = pattern.sub(" ", subject)
    if sources:
        subject = _DOCUMENT_NOUN.sub(" ", subject)
    # "What did Ofsted actually write about them?" after a council paper's account: Ofsted's
    # report is asked, set against the paper; "actually" says so, it is no topic word.
    against_the_paper = bool(
        history
        and resolved.from_history
        and not own_sources
        and _against_the_paper(text)
        and previous().names_council_source
    )
    if against_the_paper:
        subject = _AGAINST_THE_PAPER.sub(" ", _ASKS_OFSTED.sub(" ", subject))
    # "The Wirral View story": the capitalised words before the source name the publication,
    # which its own text need not mention; they are neither a topic nor a name to find.
    titled = frozenset(
        tokenize([" ".join(m.group(1) for _, p in _SOURCES for m in _titled(p).finditer(text))])[0]
    )
    terms = tuple(t for t in topic_terms(without_kind_asked(subject)) if t not in titled)
    # "The Community Care piece": the publication's own name is no name its text must hold.
    source_named = frozenset(
        tokenize([" ".join(m.group(0) for _, p in _SOURCES for m in p.finditer(text))])[0]
    )
    not_names = titled | source_named
    # What kind of answer is wanted: a follow-up asking anew says it in its own words.
    asking = text if resolved.asks_anew else query
    answer_kind = answer_type(text)  # the kind of answer the question asks in its own words
    # "Did they deal with the recommendations from 2015?" asks what the next report says of
    # them, not for the 2015 list.
    sections, section_terms = ((), ()) if asks_if_acted_on(asking) else _sections_asked(asking)
    if sections and when and when.after and _AFTER_INSPECTION.search(query):
        # "What did Lancashire need to improve after the Dec 2022 inspection?": that
        # inspection's own list, not a later report's ("improved since 2022" is the later one).
        when = When(years=(when.after[:4],))
    grades = grade_request(asking, about, when)
    if grades is None and history and (topic_only := new_topic(text)):
        # "And what about leadership?" after "how was Luton rated overall in 2022?": the
        # same grade question of the area named.
        named_area = areas_named(topic_only)
        last = previous().grades if named_area else None
        if last and last.kind in ("grade", "change"):
            grades = replace(last, areas=named_area, area_named=True)
    # A follow-up whose words only move in time ("and at the next one?", "what was it back in
    # 2014?") asks the last question's grade at that time.
    shift = time_shift(text) if history else ""
    before_year = _BEFORE_YEAR.search(text) if history else None
    if before_year and not shift:
        # "What was it before 2018?" after "how was Hounslow rated in 2023?": a move back.
        shift = "before"
    if (
        shift == "before"
        and not sections
        and answer_kind is None
        and refers_back(text)
        and previous().sections
        # "They'd had a focused visit before that - what did it find?": the visit's findings.
        and not any(pattern.search(text) for _, pattern in _EVENTS)
    ):
        # "Was that flagged last time as well?" after "anything left to improve?": the same
        # part of the report before (what it had to improve). Not "had they fixed that by the
        # next one?": the next report's findings on it.
        sections, section_terms = previous().sections, previous().section_terms
    only_time = (
        bool(history)
        and grades is None
        and set(topic_terms(YEAR.sub(" ", text))) <= GRADE_QUESTION_STEMS | _SHIFT_STEMS
        # "What did the 2025 one say about help and protection?": its findings, not its grade.
        and not asks_what_was_said(text)
    )
    # The one year the follow-up names ("… at the 2026 inspection?"), with no shift word.
    to_one_year = (
        not shift and when is not None and len(when.years) == 1 and bool(YEAR.search(text))
    )
    to_year = only_time and to_one_year
    # "And the one before 2020?": the grade asked again before the year it names, not at it
    # (only the grade moves: the search's time is the question's own).
    moved_when = (
        replace(when, years=(), before=before_year.group(1))
        if shift == "before" and when and not when.before and before_year
        else when
    )
    if only_time and (shift or to_year):
        last = previous().grades
        if last and (
            last.kind == "grade"
            # "The one before that?" after "who led Hertfordshire's 2023 inspection?".
            or (last.kind == "inspection" and bool(shift))
            or last.kind == "areas"
        ):
            # "And from the inspection before?" after "give me Oldham's 2024 judgements".
            grades = _moved_in_time(last, shift, moved_when, bool(_CHANGE_WORD.search(text)))
            if grades is not None and grades.kind == "grade" and answer_kind in (DATE, PERSON):
                # "When was the one before that?" after "how did Bexley do in 2023?": that
                # inspection's dates (or who led it), not its grade.
                grades = _its_inspection(grades, answer_kind == PERSON)
    elif (
        shift == "before"
        and grades is not None
        and grades.kind == "grade"
        and not grades.names_its_inspection
    ):
        # "What was it rated at the inspection before?" after "how did Cumberland do in their
        # first ILACS?" or "what's Oldham's current rating?": before the one the last asked.
        last = previous().grades
        moved = _moved_in_time(last, shift, when) if last and last.kind == "grade" else None
        if moved is not None:
            grades = replace(grades, pick=moved.pick)
    if (
        history
        and grades is not None
        and grades.kind == "grade"
        and grades.year
        and _CHANGE_WORD.search(text)
        and YEAR.search(text)
    ):
        # "Any better at the 2026 one?" after "North Northants 2022 ofsted - what grade did
        # they get?": the change between the two, not the 2026 grade alone.
        last = previous().grades
        if last and last.kind == "grade" and last.year and last.year != grades.year:
            years = tuple(sorted((last.year, grades.year)))
            grades = replace(grades, kind="change", year=None, years=years, pick="")
    kept = (
        _KEPT.search(text)
        if history and grades is None and (shift == "after" or to_one_year)
        else None
    )
    if kept:
        # "Did they hold onto that next time round?" after "what grade did suffolk get at the
        # 2019 ilacs": whether the grade held, inspection by inspection from then on; "did they
        # keep that at the 2026 inspection?": the grade at that one.
        # After every area's grades ("what grades did Halton get in 2020?"): every area's at
        # the next inspection.
        last = previous().grades
        if last and last.kind in ("grade", "areas") and last.year:
            moved = _moved_in_time(last, shift, when)
            frame = (*moved.frame, *kept.group(0).split()) if moved else ()
            grades = replace(moved, frame=frame) if moved else None
    if grades is None and only_time and not shift and _BETTER_THAN_LAST.search(text):
        # "Was that better than last time?" after "how was Havering rated in 2024?": that
        # grade inspection by inspection, the one before included. ("How does that compare
        # with last time?" is the report's own comparison, which the text answers.)
        last = previous().grades
        if last and last.kind == "grade":
            grades = replace(last, kind="change", year=None, years=(), pick="")
        elif last and last.kind == "areas":
            # After every area's grades ("newham 2026 grades"): the overall judgement's.
            grades = replace(last, kind="change", areas=("overall",), year=None, years=(), pick="")
    if grades is None and history and (shift or to_one_year) and _SAME_PERSON.search(text):
        # "And was it the same person for the 2016 inspection?" after "who led it?": who led
        # that one.
        last = previous().grades
        if last and last.kind == "inspection" and last.inspector_first:
            grades = _moved_in_time(last, shift, when)
    if (
        history
        # "Same person did West Northamptonshire's first one, right?"
        and (PERSON_PRONOUN.search(text) or _SAME_PERSON.search(text))
        and (same := _same_lead_asked(text, grades, shift, answer_kind, previous()))
    ):
        grades = same
    if grades is None and history and _SAME_GRADE.search(text) and (named := areas_named(text)):
        # "Did Nottinghamshire's leaders get the same in 2024?" after "which judgement did
        # Herts get outstanding for?": whether that area was judged that grade.
        last = previous().grades
        if last and last.kind in ("grade", "areas"):
            year = int(when.years[0]) if when and len(when.years) == 1 else None
            grades = GradeRequest("grade", named, last.grades[:1], year, True)
    if grades is None and history and (superlative := ranked_alone(text)):
        # "And the weakest?" after "which part was outstanding?": the same inspection's
        # areas, in that order of grade.
        last = previous().grades
        if last and last.kind in ("areas", "grade") and not last.counted:
            ranked, word = superlative
            grades = replace(
                last,
                kind="areas",
                areas=(),
                grades=(),
                area_named=False,
                ranked=ranked,
                frame=(word,),
            )
    if grades is None and history and refers_back(text) and answer_kind in (DATE, PERSON):
        # "When did it take place?" after "who led Essex's 2023 inspection?": "it" is that
        # inspection, whose dates and inspector the table holds.
        last = previous().grades
        if last and last.kind == "inspection":
            # "And when was it?" after "who led it?": the dates first now.
            grades = replace(last, inspector_first=answer_kind == PERSON)
            if to_one_year and when is not None:
                # "… for the one that came out in July 2024?": the one of the year it names.
                year = int(when.years[0])
                grades = replace(grades, year=year, years=(), before="", after="", pick="")
    if (
        resolved.from_history
        and grades is not None
        and grades.year
        and grades.kind in ("grade", "areas", "inspection")
        and _REINSPECTION.search(text)
        and not YEAR.search(text)
        and not (previous().reinspection and YEAR.search(previous().text))
    ):
        # "Who was lead inspector on the reinspection?" after "rotherham 2014 ofsted why
        # inadequate": the re-inspection after the inspection talked about, not that one
        # (unless that one was the re-inspection: "west berkshire 2017 re-inspection - …").
        grades = replace(grades, year=None, after=str(grades.year))
    carried = areas_named(query) if asking is not query else ()
    if grades and grades.kind in ("grade", "change") and not grades.area_named and carried:
        # "Was it rated good?" after "what did Ofsted say about care leavers?": "it" is the
        # area the conversation is about.
        grades = replace(grades, areas=carried, area_named=True)
    # What the grade is of (its area, its framework) and the words its shape used are not
    # something beyond it.
    frameworks = tuple(m.group(0) for _, p in _FRAMEWORKS if (m := p.search(query)))
    framework = next((name for name, p in _FRAMEWORKS if p.search(query)), None)
    if framework and (
        (shift and not any(p.search(text) for _, p in _FRAMEWORKS))
        or (grades and (grades.before or grades.after) and _FRAMEWORK_OF_YEAR.search(query))
    ):
        # "When was the inspection before that one?" after "ealing ilacs 2019 grades", or
        # "sheffield ilacs 2019: when was the previous inspection?": the framework names the
        # inspection the question counts from, not the one before it (a SIF report).
        framework = None
    framed = (
        frozenset(tokenize([" ".join((*grades.frame, *area_phrases(query), *frameworks))])[0])
        if grades
        else frozenset()
    )
    events = tuple(name for name, pattern in _EVENTS if pattern.search(query))
    if grades and grades.kind == "inspection" and events and not _INSPECTION_OR_VISIT.search(text):
        # "Who led it?" after "what did the cabinet hear about the fifth monitoring visit?":
        # the visit's, which the judgements table (inspections only) does not hold.
        grades = None
    dates_asked = bool(grades and grades.kind == "inspection" and resolved.from_history)
    if grades and grades.asks_lead_inspector and resolved.from_history and not own_sources:
        # "Who was the lead inspector on that one?" after "what did the scrutiny committee hear
        # about the autumn 2019 inspection?": an inspection's lead inspector is named by its
        # report (and the table), not by the council paper the conversation was reading.
        sources = ()
    if against_the_paper and grades is None:
        # "Does the report itself back that up?" after what the press release said: Ofsted's
        # report, which the paper's own retelling outranked.
        sources = ("inspection report",)
    own_words = frozenset(topic_terms(text)) if dates_asked else frozenset()
    question = Question(
        text=text,
        query=query,
        from_history=resolved.from_history,
        authorities=about,
        authority_spans=tuple(find_authority_spans(query)),
        when=when,
        framework=framework,
        # Not carried into a move in time ("and the next one?" after "norfolk reinspection").
        reinspection=bool(_REINSPECTION.search(text if shift else query)),
        sources=sources,
        events=events,
        sections=sections,
        section_terms=section_terms,
        asks_ofsted=bool(_ASKS_OFSTED.search(query)),
        answer_kind=answer_kind,
        topic=topic,
        topic_terms=terms,
        source_terms=tuple(t for t in topic_terms(topic) if t not in terms),
        acted_on=tuple(topic_terms(acted_on_words(text))) if resolved.from_history else (),
        names=tuple(n for n in named_terms(strip_authorities(text)) if n not in not_names),
        grades=grades,
        beyond_grades=tuple(
            t
            for t in terms
            if t
            not in GRADE_QUESTION_STEMS
            | framed
            # "The inspection before the 2018 one": "one" is that inspection.
            | (
                _SHIFT_STEMS
                if shift or to_year or dates_asked or (grades and grades.before)
                else frozenset()
            )
            | (_BACK if _BACK_IN_TIME.search(query) else frozenset())
            # "Who led the 2016 one?": "one" is the inspection it asks about.
            | (_ONE if _THE_ONE.search(query) else frozenset())
            and not t.isdigit()
            # "How long were inspectors in for that one?" after a question about children in
            # care: the dates of that inspection, not more about its topic.
            and (not dates_asked or t in own_words)
        ),
        points_to_document=refers_to_one_document(text),
    )
    if (
        history
        and grades is not None
        and (grades.terse or _shape(parse_question(query).grades) != _shape(grades))
        # An inspection asked after a question on its dates or inspector ("the one before
        # that?" after "who led …?"); after one on a council's paper, the paper stays asked.
        and (grades.kind != "inspection" or _asked_an_inspection(previous()))
    ):
        # The follow-up's grades come from the question before ("and leadership?"): said in
        # words of their own, the resolved question reads the same without the history (as
        # /v1/search reads it, and as staff see it). So does a terse line's.
        standalone = standalone_grade_question(grades, about)
        alone = parse_question(standalone, authorities=about) if standalone else None
        if (
            alone is not None
            and _shape(alone.grades) == _shape(grades)
            and set(alone.beyond_grades) <= set(question.beyond_grades)
        ):
            # Whose inspection it is ("has she inspected them before?") stays the history's.
            assert alone.grades is not None  # its shape is the follow-up's
            carried = replace(alone.grades, same_lead=grades.same_lead)
            return replace(alone, text=text, from_history=True, grades=carried)
    return question


def _asked_an_inspection(question: Question) -> bool:
    return question.grades is not None and question.grades.kind == "inspection"


def _source_carried(
    text: str,
    resolved: ResolvedQuestion,
    about: tuple[str, ...],
    previous: Callable[[], Question] | None,
) -> str:
    """The resolved question, naming the source the conversation named when the follow-up
    names none: "what did they say about children's plans?" after "what did Herefordshire's
    cabinet hear about the visit?" asks the cabinet's papers, and says so (as /v1/search and
    staff read it). A grade asked next is Ofsted's ("so what grade did care leavers actually
    get?" after a press release's)."""
    query = resolved.query
    if previous is None or not resolved.from_history:
        return query
    if _against_the_paper(text):
        # "Had that got any better by the 2016 inspection?" after the committee's minutes,
        # "what did Ofsted actually write about them?" after a press release: the report, so
        # the paper is neither carried as the source nor left in the topic carried ("…, Jan
        # press release care leavers" searched the release).
        return _unsaid_sources_out(query, text)
    if _OFSTED_SOURCE.search(text) or _ASKS_OFSTED.search(text):
        # "And what did Ofsted conclude?" after the council's page: Ofsted's own words, maybe
        # as the paper tells them.
        return query
    if any(p.search(query) for _, p in _SOURCES):
        return query
    request = grade_request(text if resolved.asks_anew else query, about, None)
    if request is not None and not request.team_asked:
        # Not the team: "did they grumble about the size of the inspection team?" after the
        # scrutiny committee is the committee's.
        return query
    earlier = previous().query
    if _OFSTED_SOURCE.search(earlier):
        return query
    named = next((m.group(0) for _, p in _SOURCES if (m := p.search(earlier))), None)
    return f"{query.rstrip(' ?.')}, according to the {named}?" if named else query


# A kind of source named with what leads it in ("Rotherham's press release", "the cabinet
# minutes on") and the verb that says it said something ("… says", "… mentions").
_SOURCE_SAID = re.compile(
    r"(?:\b(?:the|a|its|their)\s+|\b[\w-]+['’]s?\s+)?\b(?:"
    + "|".join(f"(?:{pattern})" for _, pattern in SOURCES)
    + r")\b(?:\s+(?:on|says?|said|mentions?|mentioned|minutes|panel|papers?|reports?))*",
    re.I,
)


def _against_the_paper(text: str) -> bool:
    """Whether ``text`` asks Ofsted's own report, set against a council paper's account ("the
    report itself", "what did Ofsted actually write?", "by the 2016 inspection")."""
    return bool(
        _DATED_INSPECTION.search(text)
        or (_ASKS_OFSTED.search(text) and _AGAINST_THE_PAPER.search(text))
    )


def _unsaid_sources_out(query: str, text: str) -> str:
    """``query`` without the kinds of source it names that the follow-up ``text`` does not
    (those a carried topic brought along)."""
    said = text.lower()
    out = _SOURCE_SAID.sub(lambda m: m.group(0) if m.group(0).lower() in said else " ", query)
    return re.sub(r"\s+([,?])", r"\1", " ".join(out.split()))


def _sources_named(text: str) -> tuple[str, ...]:
    """The doc types of the kinds of source ``text`` names ("the press release", "minutes")."""
    return tuple(
        dict.fromkeys(t for types, pattern in _SOURCES if pattern.search(text) for t in types)
    )


def _shape(grades: GradeRequest | None) -> tuple[object, ...] | None:
    """What a grade request asks: its kind, areas, grades and inspection."""
    if grades is None:
        return None
    g = grades
    return (g.kind, g.areas, g.area_named, g.grades, g.year, g.before, g.years, g.pick, g.few)
