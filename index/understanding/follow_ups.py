"""Rewriting a follow-up into a standalone question from the questions asked before it: the
council, topic and time it leaves unsaid are carried over from the conversation."""

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from index.gazetteer import SUCCESSORS, find_authorities, find_authority_spans
from index.understanding.grade_request import AREA_PATTERNS
from index.understanding.lexicon import (
    AREAS,
    EVENTS,
    FRAMEWORKS,
    GRADE_ASKED,
    GRADE_ASKED_WORDS,
    MONTH,
    SECTIONS,
    WHO_RUNS_A_SERVICE,
)
from index.understanding.query import (
    BEFORE_THAT,
    COMPLEMENT,
    CONNECTORS,
    FOLLOW_UP,
    FRAME,
    LATEST,
    NO_TOPIC,
    NOW,
    SINCE_THEN,
    TOKEN,
    TOPIC_REFERENCE,
    WHY,
    YEAR,
    names_a_topic,
    new_topic,
    strip_authorities,
    topic_tokens,
    why_alone,
)

# Not inside a hyphenated word ("out-of-hours cover" keeps its "of").
_FILLER = re.compile(
    r"(?<![\w-])(and|what|about|how|of|the|for|same|also|did|does|do|it|they|that|this|there|"
    r"say|said|ofsted|is|was|were|are)(?![\w-])",
    re.I,
)


# "Has it got better since?", "is it any worse?": how it changed, which grades say.
_BETTER_OR_WORSE = re.compile(r"\b(?:better|worse|improv\w*|deteriorat\w*|declin\w*)\b", re.I)


# "why?" alone asks the reasons for the last answer: its topic is carried like a pronoun's.
_GRADE_ASKED = re.compile(rf"\b(?:{GRADE_ASKED})\b", re.I)
_BARE_WHY = re.compile(
    r"(?:why|how\s+come|how\s+so|what\s+went\s+wrong|what\s+(?:were|was)\s+the\s+reasons?"
    r"(?:\s+given)?)\s*[?.!]*$",
    re.I,
)
_SAYS = re.compile(
    r"\b(?:say|said|find|found|conclude\w*|think|thought|write|wrote|mention\w*)\b", re.I
)


@dataclass(frozen=True)
class ResolvedQuestion:
    """The standalone query actually searched, and the authorities it is about."""

    query: str
    authorities: tuple[str, ...]
    from_history: bool
    # A follow-up with a question of its own ("what did they say about neglect?"): what kind
    # of answer it wants (a grade, a report's list) is read from its words, not the carried ones.
    asks_anew: bool = False
    before: str = ""  # "the inspection before that": before the year the last question asked


# "and the year before?", "what about the year after that?": the last question, a year on.
_YEAR_MOVED = re.compile(
    r"^(?:and|but|ok|so)?[\s,]*(?:what\s+about|how\s+about)?\s*(?:in\s+)?the\s+"
    r"(?:(previous|prior)\s+year|year\s+(before|after|earlier|later)(?:\s+that)?)\s*[?.!]*$",
    re.I,
)


def _topic_words(text: str) -> str:
    stripped = strip_authorities(text)
    stripped = re.sub(r"[^\w\s'’-]", " ", stripped)
    return _FILLER.sub(" ", stripped).strip()


# "What about the neighbouring council, Cumberland?", "the council next door, Bromley?": the
# council named, said as where it is; no topic.
_NEIGHBOUR = re.compile(
    r"\b(?:neighbou?ring|nearby|next[-\s]door|adjacent)\s+(?:council|authority|borough|county|la)\b"
    r"|\b(?:council|authority|borough|county|la)\s+next\s+door\b",
    re.I,
)
# "Same for Suffolk?": the last question asked of another council.
_SAME_FOR = re.compile(
    # "same q for stoke?", "same person for somerset 2015?": the same question asked again.
    r"^\W*(?:and\s+|so\s+)?(?:the\s+)?same\s+(?:q|question|thing|person|again\s+)?\s*"
    r"(?:for|in|with|at|over\s+in)\b",
    re.I,
)
# "How does Dudley compare?", "and how do Bexley compare?", "how does that stack up against
# Northumberland's, which came out the same day?", "is that better than Bury?": the last
# question of the council named, nothing else asked (the council is stripped before this is
# matched).
_HOW_IT_COMPARES = re.compile(
    r"^\W*(?:and\s+|so\s+|ok\s+)?(?:how\s+(?:does|do|did|would)\s+(?:(?:that|it|this|they)\s+)?"
    r"(?:compare|stack\s+up|measure\s+up)(?:\s+(?:with|to|against))?"
    # "Is that better than Bury?", "was it any worse than Luton's?"
    r"|(?:is|was|are|were)\s+(?:that|it|this|they)\s+(?:any\s+)?(?:better|worse|higher|lower)"
    r"(?:\s+or\s+(?:better|worse))?\s+than)"
    r"\W*(?:(?:which|that|whose)\b[^?]*)?$",
    re.I,
)
# The words that move a follow-up to another inspection ("the previous one", "the one after").
_SHIFT_WORDS = frozenset(
    "previous prior earlier before after next following later subsequent then since time "
    "visit".split()
)
# "its 2021 inspection", "the 2018 report": a year naming an inspection.
_INSPECTION_YEAR = re.compile(
    r"\b(?:19[89]\d|20\d\d)(?=\s+(?:ofsted\s+)?(?:inspection|report|ilacs|visit|judgements?)\b)",
    re.I,
)
# "june 2024": a month said of the year after it.
_MONTH_OF_YEAR = re.compile(rf"\b(?:{MONTH})\s+(?=(?:19[89]\d|20\d\d)\b)", re.I)
# "its January 2026 report" → "its latest report": the month went with the year.
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH})\s+(?=latest\b)", re.I)
# "Back then", "that year": the time the conversation was just about.
_THEN = re.compile(
    r"\b(?:back\s+then|around\s+then|(?:at|around)\s+that\s+(?:time|point|inspection)|"
    # "norfolk back in 2013?": the year is the time asked; "back" says no more.
    r"back(?=\s+(?:in\s+)?(?:19[89]\d|20\d\d)\b)|"
    r"that\s+year|in\s+those\s+days|(?:at|around|about)\s+the\s+same\s+time|"
    # "Nottinghamshire was inspected that same autumn": the year just talked about; "and
    # hammersmith's, same week?": the inspection just talked about.
    r"(?:(?:that|the)\s+)?same\s+(?:year|spring|summer|autumn|winter|month|week|day|dates))\b",
    re.I,
)
_ASKING = frozenset("who whose whom when where which why".split())
# A yes/no question's opening verb ("has staff churn affected kids in care?"): no topic word.
_YES_NO_OPENERS = frozenset("has have had can could will would should".split())
_ARTICLES = frozenset("the a an its their".split())
_TOPIC_OPENERS = frozenset("about of for on regarding was were is are".split())


def _topic_span(query: str) -> tuple[int, int] | None:
    """Where ``query`` names its topic: first to last word that is not frame, year or authority.

    "How was help and protection graded in Calderdale in 2018?" → "help and protection".
    """
    topic = topic_tokens(query)
    return (topic[0].start(), topic[-1].end()) if topic else None


# What is left of "… when it was still Cumbria" once the former council's name is taken out.
_WHEN_IT_WAS = re.compile(
    r"[,\s]*\b(?:back\s+)?(?:when|while)\s+(?:it|they)\s+(?:was|were)"
    r"(?:\s+(?:still|called|part\s+of))*\s*$",
    re.I,
)
# A demonstrative stands for something said ("is that just a herts problem?"); "it" and "its"
# are as often the council ("how did herts do at its last inspection?").
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|those|these)\b", re.I)
# "Islington uses it as well", "was that flagged for York too?": what was just said.
# "Did Herefordshire get pulled up on the same thing?", "anything similar?": the topic too.
_POINTING_BACK = re.compile(
    r"\b(?:it|them|that|this|those|these|similar|the\s+same\s+(?:thing|issue|problem|concern|"
    r"point|worry|weakness|criticism|boat|position|situation)s?)\b|\bthe\s+same\s*(?=[?.!,]|$)",
    re.I,
)


# What a follow-up says of the topic without naming one: "still an issue in the 2025 one?",
# "still a thing in the 2025 report?", "is that still the case?".
_SAID_OF_IT = frozenset(
    """issue issues problem problems concern concerns worry worries weakness weaknesses
    still tho though thing things case true happening""".split()
)


# A dash set off by spaces: where a question's scene, or its first clause, ends.
_DASH = r"\s+[-–—]\s+"


# "What did the young people themselves say?": who speaks, contrasted with whoever spoke on
# the topic before; not a topic of its own.
_WHO_THEMSELVES = re.compile(r"\b(?:[\w'’-]+\s+){1,2}themselves\b", re.I)


# Where a question asks a second thing of what its first part named ("… their own council?
# what's it called").
_CLAUSE_END = re.compile(rf"[?;]\s+|{_DASH}")


def _refers_back(text: str) -> bool:
    """Whether a pronoun in ``text`` stands for what the conversation was about: not when it
    follows a part of the same question that names a topic of its own ("do the kids in care
    there have their own council? what's it called": "it" is that council)."""
    said = TOPIC_REFERENCE.search(text)
    if said is None:
        return False
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, said.start())]
    return not ends or not _own_topic_words(text[: ends[-1]])


def _own_topic_words(text: str) -> list[str]:
    """The words of ``text`` that could name a topic of its own."""
    return [
        m.group(0)
        for m in topic_tokens(text, FRAME | NO_TOPIC)
        if m.group(0).lower() not in _SAID_OF_IT
    ]


# Where a question's scene ends and what it asks begins: "Bexley 2014 inspection - what …",
# "Calderdale: how did …".
_SCENE_SET = re.compile(
    rf"{_DASH}|:\s+(?=(?:what|how|who|why|when|where|which|did|was|is|were)\b)", re.I
)


# "What's the Harbour in Dorset, per the 2021 inspection?", "… according to the November 2025
# inspection?": where the answer is read (a council paper named so is carried apart).
_READ_WHERE = re.compile(
    r",?\s*\b(?:per\s+(?:the\s+)?[^,;?]*|according\s+to\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:inspection|report|ilacs)\b)",
    re.I,
)


def _scene_names_a_topic(question: str) -> bool:
    """Whether ``question`` names what it is about before asking ("and the improvement board
    - how many chairs had it gone through?")."""
    parts = _SCENE_SET.split(question, maxsplit=1)
    return len(parts) > 1 and bool(_own_topic_words(parts[0]))


def _last_topic(previous: str) -> tuple[str, list[str]]:
    """What the last question (``previous``, as resolved) was about, its frame and grade words
    left out, and the grade words it asked with: what "it", "them", "that" stand for."""
    # "Havering's committee went through the action plan in 2014 - what was the issue with
    # ethnicity?": the part asking says what the question was about; the part before it set
    # the scene, naming the council or the time (carried apart). "The health histories point
    # - what was that about?" names its topic first.
    parts = _SCENE_SET.split(previous, maxsplit=1)
    if (
        len(parts) > 1
        and (find_authority_spans(parts[0]) or YEAR.search(parts[0]))
        # "Herefordshire's October 2024 monitoring visit - was … raised?": the visit is what
        # the conversation is about, as much as what was raised.
        and not _EVENT_NAMED.search(parts[0])
        and _own_topic_words(parts[-1])
    ):
        previous = parts[-1]
    # A who-question's own verb ("who led …", "who at Ofsted wrote …") asked who; it is not
    # what "her team" or "it" are about. Nor is where it was read ("per the 2021 inspection").
    asked = _WHO_AND_VERB.sub(" ", _READ_WHERE.sub(" ", previous), count=1)
    words = _topic_words(YEAR.sub(" ", asked)).split()
    graded = [w.lower() for w in words if _GRADE_ASKED.fullmatch(w)]
    words = [w for w in words if w.lower() not in GRADE_ASKED_WORDS]
    while words and (
        words[0].lower() in CONNECTORS | _TOPIC_OPENERS | _ASKING | _YES_NO_OPENERS
        or words[0][0] in "'’"
    ):
        # What the frame word led in ("'s verdict on leaving care"); the last question's
        # asking word ("who owns the foster carers action?") would ask its question.
        words.pop(0)
    topic = _of_the_part_asked(" ".join(words))
    return re.sub(r"\s+\b(in|for|at|of|by|from)$", "", topic), graded


def _names_the_same_council_of_it(
    question: str, authorities: tuple[str, ...], previous: ResolvedQuestion
) -> bool:
    """Whether ``question`` names only the council the conversation is about and otherwise
    points back at what was said, in few words of its own ("is that just a herts problem?")."""
    if not authorities or set(authorities) != set(previous.authorities):
        return False
    rest = strip_authorities(question)
    return bool(
        _DEMONSTRATIVE.search(rest)
        and len(topic_tokens(rest, FRAME | NO_TOPIC)) <= _THIN_FOLLOW_UP
        and not _asks_of_a_grade_or_area(rest)
    )


def _another_council(authorities: tuple[str, ...], previous: ResolvedQuestion) -> bool:
    """Whether a follow-up names councils, none of them the one the conversation is about."""
    return bool(authorities and previous.authorities) and not (
        set(authorities) & set(previous.authorities)
    )


# "they" standing for the council talked about ("it" is more often the topic, "their
# neighbours Calderdale" names the council asked about).
_COUNCIL_PRONOUN = re.compile(r"\bthey\b", re.I)


# A council's name said as what something belongs to ("the hampshire partnership", "the
# Hampshire managers"), not as a document or inspection of it ("the Luton report").
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_OF_IT_AFTER = re.compile(
    r"^\s+(?!(?:reports?|inspections?|visits?|ofsted|ones?|press|minutes|council|judgements?"
    r"|grades?|ratings?|results?|letters?|plans?)\b)[a-z]",
    re.I,
)


# "When were they in Nottinghamshire?": the council is where "they" went, so it is asked about.
_WHERE_THEY_WENT = re.compile(r"\b(?:in|at|into|visit\w*|inspect\w*)\s+$", re.I)


def _partner_named(question: str, authorities: tuple[str, ...], previous: ResolvedQuestion) -> bool:
    """Whether ``question`` names another council after a pronoun standing for the one talked
    about ("why did they split from Peterborough?", "did they do better than Luton?") or as
    what something of it belongs to ("when does the hampshire partnership end?" about the
    Isle of Wight), not as the council it now asks about ("what about Luton, did they do
    better?", "and the Luton report?")."""
    spans = find_authority_spans(question)
    if not spans or _WHO_ASKED.search(previous.query):
        return False  # "were they on the Luton team as well?" after "who was the lead inspector?"
    start, end, _ = spans[0]
    if _THE_BEFORE.search(question[:start]) and _OF_IT_AFTER.match(question[end:]):
        # Said so, the partner leaves the conversation's council in place even when the
        # conversation named it too ("… the arrangement with Hampshire?").
        return bool(previous.authorities) and not set(previous.authorities) <= set(authorities)
    if _WHERE_THEY_WENT.search(question[:start]):
        return False  # "when were they in Nottinghamshire …?": "they" are the inspectors.
    pronoun = _COUNCIL_PRONOUN.search(question)
    return _another_council(authorities, previous) and bool(pronoun and pronoun.start() < start)


# "And how was that going …", "so was that …": how a follow-up opens, not what it asks.
_OPENER = re.compile(r"^\W*(?:and|also|so)\s+", re.I)


def _points_back_for_another_council(
    question: str, authorities: tuple[str, ...], previous: ResolvedQuestion
) -> bool:
    """Whether ``question`` names another council than the one talked about and otherwise
    points back at what was said, in few words of its own ("was that flagged for York as
    well?" after a question on Harrow's help for homeless 16 and 17 year olds)."""
    if not _another_council(authorities, previous):
        return False
    rest = strip_authorities(question)
    return bool(
        _POINTING_BACK.search(rest)
        # "How does that compare with Dudley?" asks the last question of Dudley.
        and not _HOW_IT_COMPARES.match(_trailing_preposition(rest))
        and len(topic_tokens(YEAR.sub(" ", rest), FRAME | NO_TOPIC)) <= _THIN_FOLLOW_UP
        and not _asks_of_a_grade_or_area(rest)
    )


def _same_person_elsewhere(
    question: str, authorities: tuple[str, ...], previous: ResolvedQuestion
) -> bool:
    """Whether ``question`` asks if the person the last question asked for did the same for
    another council ("did she also do Tower Hamlets' latest one?" after "who led Medway's 2023
    inspection?"): the last question, asked of that council, answers it."""
    rest = strip_authorities(question)
    return bool(
        _another_council(authorities, previous)
        and PERSON_PRONOUN.search(question)
        and _WHO_ASKED.search(previous.query)
        and len(_own_topic_words(YEAR.sub(" ", rest))) <= _THIN_FOLLOW_UP
        # "Did she lead Wirral's inadequate inspection the year before too?" says which.
        and not _asks_of_a_grade_or_area(rest)
        and not _SHIFT_WORDS & {w.lower() for w in re.findall(r"[\w'’]+", rest)}
    )


def _only_when_or_change(text: str) -> bool:
    """Whether ``text`` asks only when, or whether things changed ("since when?", "any
    improvement by 2022?"): of the topic just asked, whatever the question before it carried.
    Not of a person ("was she on the 2017 inspection too?" asks about her)."""
    own = [
        w
        for w in _own_topic_words(text)
        if w.lower() not in _SHIFT_WORDS and not _BETTER_OR_WORSE.fullmatch(w)
    ]
    return not own and not PERSON_PRONOUN.search(text)


def _asks_of_a_grade_or_area(text: str) -> bool:
    """Whether ``text`` asks a grade, names one or names a judgement area ("and how was
    leadership graded?"): a topic of its own, not a part of the last one."""
    return bool(_GRADE_ASKED.search(text) or _GRADE_NAMED.search(text) or _AREA_NAMED.search(text))


def _swap_topic(previous: str, topic: str) -> str | None:
    """``previous`` asked of ``topic`` instead of its own, keeping its frame, authority and year.

    Only where the old topic plainly is one: after "about", "of", "for", "on" or "was/were"
    ("say about care leavers", "how was help and protection graded"); in "who owns the foster
    carers action" the span would take the verb along, so that is left to the plain carry-over.
    """
    span = _topic_span(previous)
    if span is None:
        return None
    before = [w.lower() for w in TOKEN.findall(previous[: span[0]]) if w.lower() not in _ARTICLES]
    if not before or before[-1] not in _TOPIC_OPENERS:
        return None
    old = previous[span[0] : span[1]]
    if (their := _THEIR.match(topic)) and _PEOPLE.search(old):
        # "And their housing?" after "what did Ofsted say about care leavers in Dorset?": the
        # housing of care leavers, not housing anywhere in the report.
        topic = f"{topic[their.end() :]} of {old}"
    return f"{previous[: span[0]]}{topic}{previous[span[1] :]}"


# "Their housing", "their health needs": of the people the last question was about.
_THEIR = re.compile(r"^(?:their|theirs)\s+", re.I)
_PEOPLE = re.compile(
    r"\b(?:children|child|kids|young\s+people|families|parents|carers|leavers|workers|staff"
    r"|advisers|advisors|teenagers|adolescents|babies|mothers)\b",
    re.I,
)


# The judgement areas that are groups of children: "what about for the kids in care?" asks the
# last question of them instead.
_GROUPS = tuple(
    (area, pattern)
    for area, pattern in AREA_PATTERNS
    if area in ("care_leavers", "in_care", "help_and_protection")
)
_FOR_THE = re.compile(r"^(?:for|of)\s+(?:the\s+|their\s+)?", re.I)
_GROUP_WORDS = frozenset({"kids", "children", "young", "people", "our", "those"})


def _swap_group(previous: str, topic: str) -> str | None:
    """``previous`` asked of the group of children ``topic`` names instead of the one it named,
    the rest of it kept: "what about for the kids in care?" after "any mention of trips abroad
    for care leavers?" asks about their trips abroad, not "for the kids in care" alone."""
    phrase = _FOR_THE.sub("", topic.strip(" ?."))
    named = [(area, m) for area, pattern in _GROUPS if (m := pattern.search(phrase))]
    old = [(area, m) for area, pattern in _GROUPS for m in pattern.finditer(previous)]
    if len(named) != 1 or len(old) != 1:
        return None
    # The group alone ("the kids in care"), not a topic of its own ("the children in care
    # side", "care leavers' housing"): that is the last question's topic swapped whole.
    rest = phrase[: named[0][1].start()] + phrase[named[0][1].end() :]
    if set(rest.lower().split()) - _GROUP_WORDS:
        return None
    area, match = old[0]
    if area == named[0][0]:
        return None
    after = previous[match.end() :]
    if phrase.endswith("s") and after[:2] in ("'s", "’s"):
        after = after[0] + after[2:]  # "children in care's health" → "care leavers' health"
    return f"{previous[: match.start()]}{phrase}{after}"


def _expand_definite(question: str, previous: str) -> str:
    """ "What did the visit focus on?" after "When was …'s fifth monitoring visit?": "the visit"
    is that one, so it is searched as "the fifth monitoring visit"."""
    span = _topic_span(previous)
    if span is None:
        return question
    phrase = previous[span[0] : span[1]]
    head = phrase.split()[-1]
    if len(phrase.split()) < 2 or phrase.lower() in question.lower():
        return question
    if YEAR.search(phrase) or re.search(r"\s[-–—]\s|[?;]", phrase):
        # "luton march 2026 ofsted - how's adoption?" names no one thing: "the adoption team"
        # stays as said.
        return question
    return re.sub(
        rf"\b(the|that|this)\s+{re.escape(head)}\b", rf"\1 {phrase}", question, count=1, flags=re.I
    )


# At most this many words of its own (not frame, authority or year): a follow-up too short to
# name all it is about ("any breakdowns?", "have they added any more personal advisers?").
_THIN_FOLLOW_UP = 4
# "Who delivers children's services in …?": a body, not a person, that "they" may stand for.
_WHO_RUNS = re.compile(WHO_RUNS_A_SERVICE, re.I)
# "do they get quick mental health support?" after "… about Sheffield's care leavers": a
# follow-up about "they" is about the people just named, however many words it has; unless
# "they" say or find ("what did they find about housing …?": Ofsted, on a topic of its own).
_PEOPLE_PRONOUN = re.compile(r"\b(?:they|their|they['’](?:re|ve|d))\b", re.I)
# "what did she recommend?" after "who carried out the review of Barnet's services?": "she" is
# the person the last question asked for, known only by what that question said of her.
PERSON_PRONOUN = re.compile(r"\b(?:she|he|her|him|his)\b", re.I)
_WHO_ASKED = re.compile(r"^\W*(?:and\s+|so\s+)?who\b", re.I)
# A who-question's asking words and its verb ("who led", "who at Ofsted wrote"): its frame.
_WHO_AND_VERB = re.compile(
    r"^\W*(?:and\s+|so\s+)?who\s+(?:(?:at|from|in)\s+[\w'’]+\s+)?[\w'’]+", re.I
)
# "How many of them were rated good?" after "how many children's homes did Walsall run?":
# some of the things just asked about, each graded (a home's grade, not the council's).
_PARTITIVE = re.compile(
    r"\b(?:how\s+many|which|any|all|most|some|none|each|one|half)\s+of\s+(?:them|those|these)\b",
    re.I,
)
# "So was the whole service inadequate?": a grade asked of the service, not of the last topic.
_GRADE_NAMED = re.compile(r"\b(?:outstanding|inadequate|requir\w*\s+improvement)\b", re.I)
_AREA_NAMED = re.compile(rf"\b(?:{'|'.join(p for _, p in AREAS)})\b", re.I)
_EVENT_NAMED = re.compile(rf"\b(?:{'|'.join(p for _, p in EVENTS)})\b", re.I)
# A part of the report asked for ("needs to improve", "strengths"), which is no topic.
_PART_ASKED = re.compile("|".join(f"(?:{asked})" for _, asked, _ in SECTIONS), re.I)
# Words after which the last question named its topic ("say about care leavers", "how was
# adoption rated", "rated for care leavers").
_NAMING_TOPIC = _TOPIC_OPENERS | frozenset(
    "regarding rate rated rating graded judged scored fared verdict".split()
)
# A verb that leads a topic in is not part of it ("how did Ofsted rate care leavers …?").
_FRAME_AND_LEAD_IN = FRAME | _NAMING_TOPIC


# "Leicestershire's 2024 ILACS report": the framework names the report, as its year does.
_FRAMEWORK_NAMED = re.compile("|".join(f"(?:{pattern})" for _, pattern in FRAMEWORKS), re.I)


def _named_topic(previous: str) -> str | None:
    """The topic ``previous`` named after a word that leads one in ("what did Ofsted say about
    care leavers in Halton in 2024?" → "care leavers"); None when it named none so."""
    # Blanked, not cut: the words keep their places in ``previous``.
    plain = _FRAMEWORK_NAMED.sub(lambda m: " " * len(m.group(0)), previous)
    plain = _READ_WHERE.sub(lambda m: " " * len(m.group(0)), plain)
    topic = topic_tokens(plain, _FRAME_AND_LEAD_IN)
    if not topic:
        return None
    span = (topic[0].start(), topic[-1].end())
    # The words before it, the authority left out ("about Hertfordshire's children in care").
    lead_in = strip_authorities(previous[: span[0]])
    before = [w.lower() for w in TOKEN.findall(lead_in) if w.lower() not in _ARTICLES]
    if not before or not (before[-1] in _NAMING_TOPIC or _SAYS.fullmatch(before[-1])):
        return None
    phrase = _trailing_preposition(strip_authorities(YEAR.sub(" ", previous[span[0] : span[1]])))
    if _PART_ASKED.search(phrase):
        return None  # "say Sheffield needs to improve": a part of the report, not a topic
    return phrase if any(w.lower() not in CONNECTORS for w in phrase.split()) else None


def _of_the_part_asked(topic: str) -> str:
    """What a part of the report was asked for: "needs to improve (for) care leavers" → "care
    leavers" ("where are some of them living?" is about care leavers, not the list of what
    needs to improve); ``topic`` itself when it names no part, or the part of nothing else."""
    part = _PART_ASKED.search(topic)
    if part is None:
        return topic
    rest = topic[part.end() :].split()
    while rest and rest[0].lower() in CONNECTORS | _TOPIC_OPENERS:
        rest.pop(0)
    return " ".join(rest) or topic


_OWN_INSPECTION = re.compile(
    rf"^['’]s\s+(?:(?:{MONTH})\s+)?(?:19[89]\d|20\d\d)\s+(?:ofsted\s+)?(?:inspection|report|ilacs)",
    re.I,
)


def _authoritys_own_inspection(query: str) -> bool:
    """Whether ``query`` names a year as an authority's own inspection ("Sandwell's 2025
    inspection", "Newham's January 2026 report")."""
    return any(_OWN_INSPECTION.match(query[end:]) for _, end, _ in find_authority_spans(query))


# The words a council or a year taken out of a question leaves behind ("care leavers in").
_LEFT_BEHIND = "in|for|at|of|by|from|and"


def _trailing_preposition(query: str) -> str:
    """``query`` without its closing punctuation and the prepositions a removed authority or
    year leaves at its end ("care leavers in" of "care leavers in Derby in 2022")."""
    query = re.sub(r"\s{2,}", " ", query).strip().rstrip(" ?.")
    return re.sub(rf"(\s+\b(?:{_LEFT_BEHIND}))+\s*$", "", query)


def resolve(
    question: str, history: list[str] | None = None, carry_topic: bool = False
) -> ResolvedQuestion:
    """Rewrite a follow-up into a standalone query, carrying authority and topic over.

    "and Hertfordshire?" after "what did Ofsted say about care leavers in Calderdale?"
    becomes "what did Ofsted say about care leavers in Hertfordshire?"; "what about
    leadership?" keeps the earlier authority. ``carry_topic``: carry the last topic to a
    follow-up of the same authority that names no topic by a pronoun too ("which age group
    is lagging behind?").
    """
    return _resolved(question, tuple(h for h in (history or []) if h and h.strip()), carry_topic)


# Each turn is resolved against the turns before it, and several rules resolve a turn again;
# remembered, a conversation of 20 turns costs 20 resolutions, not one per path through it
# (2^20 when every turn said "around then").
@lru_cache(maxsize=4096)
def _resolved(question: str, history: tuple[str, ...], carry_topic: bool) -> ResolvedQuestion:
    if not history:
        return ResolvedQuestion(question.strip(), tuple(find_authorities(question)), False)
    previous = _resolved(history[-1], history[:-1], False)
    resolved = _resolve(question, list(history), carry_topic, previous)
    return _at_the_time_asked(resolved, question, previous)


def _at_the_time_asked(
    resolved: ResolvedQuestion, question: str, previous: ResolvedQuestion
) -> ResolvedQuestion:
    """ "Later that year", "around then" said as the year the conversation was just about,
    whichever council the follow-up names ("was he on the Isle of Wight inspection later that
    year?" after Bexley's 2014 inspection): left as words, they name no time to search by."""
    if not _THEN.search(resolved.query) or YEAR.search(resolved.query) or YEAR.search(question):
        return resolved
    years = list(dict.fromkeys(YEAR.findall(previous.query)))
    if not years:
        return resolved
    return replace(resolved, query=_said_in(resolved.query, years), from_history=True)


def _said_in(query: str, years: list[str]) -> str:
    """``query`` with its "back then" said as the ``years`` it stands for ("… in 2016")."""
    query = _THEN.sub(f"in {' and '.join(years)}", query, count=1)
    return re.sub(r"\b(in|at)\s+in\b", "in", query, flags=re.I)


def _resolve(
    question: str, history: list[str], carry_topic: bool, previous: ResolvedQuestion
) -> ResolvedQuestion:
    """``question`` read with ``previous``, the last of the non-empty ``history`` resolved."""
    authorities = tuple(find_authorities(question))
    # The follow-up without the council it names, where that council is the one talked about.
    alone = _trailing_preposition(strip_authorities(question)) if authorities else ""
    if authorities and all(
        set(SUCCESSORS.get(a, ())) & set(previous.authorities) for a in authorities
    ):
        # "… when it was still Cumbria?" in a conversation about Cumberland: the council it
        # was, which the documents of the one talked about speak of.
        return resolve(f"{_WHEN_IT_WAS.sub('', alone)}?", history)
    if _names_the_same_council_of_it(question, authorities, previous):
        # "is that just a herts problem?" in a conversation about Hertfordshire: "that" is
        # the last topic; the council named is the one already talked about.
        again = resolve(f"{alone}?", history, carry_topic)
        return replace(again, authorities=authorities)
    if _partner_named(question, authorities, previous):
        # "Why did they split from Peterborough?" in a conversation about Cambridgeshire:
        # "they" are the council talked about, the one named its partner; both are read.
        named = tuple(dict.fromkeys((*previous.authorities, *authorities)))
        talked_about = [a for a in previous.authorities if a not in authorities]
        said = question.strip().rstrip(" ?.")
        return ResolvedQuestion(
            f"{said}, {' and '.join(talked_about)}?", named, True, asks_anew=True
        )
    if _points_back_for_another_council(question, authorities, previous):
        # "Was that flagged for York as well, in 2022?": "that" is the topic just asked about,
        # asked now of the council named; the last question's year was its own council's.
        said = _OPENER.sub("", alone).rstrip(" ?.")
        again = resolve(f"{said}?", history, carry_topic)
        if again.from_history and again.query.startswith(said):
            # What the follow-up was read with, said after its own words (its council in place).
            added = strip_authorities(again.query[len(said) :]).rstrip(" ?.")
            if not YEAR.search(question):
                added = YEAR.sub(" ", added)
            added = _trailing_preposition(" ".join(added.split()))
            # Only a preposition the council named left behind ("in"): nothing was carried.
            if re.sub(rf"\b(?:{_LEFT_BEHIND})\b", "", added, flags=re.I).strip(" ,"):
                added = added if added.startswith(",") else f" {added}"
                query = f"{question.strip().rstrip(' ?.')}{added}?"
                return ResolvedQuestion(query, authorities, True, again.asks_anew)
    earlier_years = list(dict.fromkeys(YEAR.findall(previous.query)))
    moved = _YEAR_MOVED.match(question.strip())
    if moved and len(earlier_years) == 1 and not _GRADE_ASKED.search(previous.query):
        # "And the year before?" after "how many LAC did barnet have at march 2017": the same
        # question of the year next to it (of a grade, the inspection before: BEFORE_THAT).
        said = (moved.group(1) or moved.group(2)).lower()
        step = -1 if said in ("before", "earlier", "previous", "prior") else 1
        year = str(int(earlier_years[0]) + step)
        return ResolvedQuestion(YEAR.sub(year, previous.query), previous.authorities, True)
    query = question.strip()
    carried = False
    years = YEAR.findall(question)
    if not years and _THEN.search(question) and earlier_years:
        # "And Slough's around the same time?" after "who led Haringey's 2014 inspection?":
        # that year's, not Slough's latest.
        years = earlier_years
    # "Same for Suffolk?", "and the same in Essex at their last inspection?": the last
    # question asked of the council named, whatever else the follow-up says of it.
    person_elsewhere = False
    same_asked = bool(
        authorities
        and (
            _SAME_FOR.match(question)
            or _HOW_IT_COMPARES.match(alone or "")
            or (person_elsewhere := _same_person_elsewhere(question, authorities, previous))
        )
    )
    topic_missing = same_asked or not [
        w
        # "what about hillingdon around then?": the time just asked, no topic of its own.
        # "and Herefordshire, in the January 2026 report?": the month is of the year, no topic.
        for w in _topic_words(
            YEAR.sub(" ", _MONTH_OF_YEAR.sub(" ", _THEN.sub(" ", _NEIGHBOUR.sub(" ", question))))
        ).split()
        if w.lower() not in NO_TOPIC
    ]
    # "What did the report say about it?" after a grade question asks what was said of that
    # topic, not the grade question again ("is it any different in Knowsley?" does).
    says_of_it = bool(TOPIC_REFERENCE.search(question) and _SAYS.search(question))
    if topic_missing and previous.query and not says_of_it:
        # Only an authority or a year (or nothing) was given: ask the previous question of it,
        # in its own words where it named one authority and one year ("What overall rating
        # did Halton get in 2020, according to …?", not "… did get in according to …").
        spans = find_authority_spans(previous.query)
        in_place = len(spans) == 1 and (not years or len(YEAR.findall(previous.query)) == 1)
        names = " and ".join(authorities or previous.authorities)
        if in_place:
            start, end, _ = spans[0]
            rest = previous.query[end:]
            if owner := re.match(r"['’]s?(?=\s)", rest):
                # "St Helens' overall grade" → "Knowsley's overall grade", and back.
                mark = owner.group(0)[0]
                rest = (mark if names.endswith("s") else f"{mark}s") + rest[owner.end() :]
            base = f"{previous.query[:start]}{names}{rest}"
            if years:
                base = YEAR.sub(" and ".join(dict.fromkeys(years)), base)
        else:
            base = strip_authorities(previous.query)
        if years:
            if not in_place:
                base = YEAR.sub(" ", base)
        elif NOW.search(question) or person_elsewhere:
            # "and the latest one?" after "… Leicester's 2021 inspection": its latest one. The
            # year's month goes with it, and what led it in ("care leavers in"). "Did she do
            # Medway's as well?" after "who led Tower Hamlets' November 2024 inspection?":
            # that date was Tower Hamlets'; Medway's latest is asked.
            base = _INSPECTION_YEAR.sub("latest", base, count=1)
            base = _trailing_preposition(YEAR.sub(" ", _MONTH_OF_YEAR.sub("", base)))
            base = base.rstrip(" ,;-")
            if not LATEST.search(base):
                # "and the most recent one?" after "central beds ofsted 2017": its year gone,
                # the latest is still what is asked.
                base = f"{base}, latest"
        elif (
            authorities
            and set(authorities) != set(previous.authorities)
            and _authoritys_own_inspection(previous.query)
        ):
            # "Is it any different in Luton?" after "… Sandwell's 2025 inspection": that year
            # named Sandwell's inspection, not Luton's; Luton's latest is meant. A year as a
            # time ("care leavers in 2018", "Ofsted's 2018 inspection") holds for both.
            base = _MONTH_BEFORE.sub("", _INSPECTION_YEAR.sub("latest", base, count=1))
        # Taken out, an authority or a year leaves a preposition behind ("care leavers in");
        # said in place, the question's own last word stays ("which agency is Bedford part of?").
        base = base.rstrip(" ?.") if in_place else _trailing_preposition(base)
        when = f" in {' and '.join(dict.fromkeys(years))}" if years else ""
        if in_place:
            query = f"{base}?"
        else:
            query = f"{base}{when} in {names}?" if names else f"{base}{when}?"
        carried = True
    elif (
        not authorities
        and previous.authorities
        and (topic := new_topic(question))
        and (swapped := _swap_group(previous.query, topic) or _swap_topic(previous.query, topic))
    ):
        # "and what about care leavers?" after "how was help and protection graded in
        # Calderdale in 2018?": the same question of the new topic, not just its words.
        query = swapped
        authorities = previous.authorities
        if not find_authorities(swapped):
            # The old topic held the authority ("support for Derby's care leavers"): say it.
            query = f"{swapped.rstrip(' ?.')} in {' and '.join(authorities)}?"
        carried = True
        if previous.before and not (YEAR.search(question) or NOW.search(question)):
            # "What about their housing?" after "and the time before?": still then.
            return ResolvedQuestion(query, authorities, carried, before=previous.before)
    elif not authorities and previous.authorities:
        suffix = " and ".join(previous.authorities)
        bare = re.sub(r"^(and|also)\s+", "", query, flags=re.I).rstrip(" ?.")
        bare = _expand_definite(bare, previous.query)
        carried_years = not (YEAR.search(bare) or NOW.search(bare))
        years = earlier_years if carried_years else []
        bound = ""
        before, since = BEFORE_THAT.search(bare), SINCE_THEN.search(bare)
        # "what about the previous one?": another time and nothing else, so the same topic.
        shift_only = bool(before or since) and not [
            w for w in _topic_words(bare).split() if w.lower() not in NO_TOPIC | _SHIFT_WORDS
        ]
        if shift_only:
            bare = _trailing_preposition(YEAR.sub(" ", strip_authorities(previous.query)))
        elif (
            carry_topic
            or _refers_back(bare)
            or _BARE_WHY.match(bare)
            or why_alone(bare)
            # "do they cover anywhere else?" after "who delivers children's services in …?":
            # "they" are the body the last question asked for, which its topic leads to.
            or (_PEOPLE_PRONOUN.search(bare) and _WHO_RUNS.search(previous.query))
            or (
                # Not when it names another time ("was she on the team for the 2016
                # inspection as well?"): her part in another event, not this one.
                PERSON_PRONOUN.search(bare)
                and _WHO_ASKED.search(previous.query)
                and not YEAR.search(bare)
            )
            or COMPLEMENT.search(bare)
        ):
            # "when is it due?" after "who owns the foster carers action?": "it" is that topic.
            # A grade question's frame ("rated", "judged") is not its topic: "what did they say
            # needs to change for them?" after "how was X rated for care leavers?" is about
            # care leavers ("why, what went wrong?" after "what was the overall judgement?"
            # is about what went wrong).
            topic, graded = _last_topic(previous.query)
            if (_GRADE_ASKED.search(bare) and not _PARTITIVE.search(bare)) or (
                since and _PART_ASKED.search(topic) and _BETTER_OR_WORSE.search(bare)
            ):
                # "What had Ofsted rated them before that?": a grade is of an area; of the last
                # topic only an area it named is carried ("how much is X putting in" is not).
                # "Has it got better since?" after "what did they need to fix?": "it" is the
                # service, not the list of what to fix.
                topic = " and ".join(m.group(0) for _, p in AREA_PATTERNS if (m := p.search(topic)))
            if any(w.lower() not in CONNECTORS for w in topic.split()):
                bare = f"{bare}, {topic}"
            elif graded and WHY.match(bare):
                # "why did it drop?" after "How was Bedford rated in 2025?": with no topic but
                # the grade, "it" is the grade: "why did it drop, rated …" finds the report's
                # summary of what changed; without it, the cover page and stray findings.
                bare = f"{bare}, {' '.join(dict.fromkeys(graded))}"
        elif (
            (
                len(topic_tokens(bare, FRAME | NO_TOPIC)) <= _THIN_FOLLOW_UP
                or (_PEOPLE_PRONOUN.search(bare) and not _SAYS.search(bare))
            )
            and not new_topic(question)
            and not _asks_of_a_grade_or_area(bare)
            # "Has there been a monitoring visit since?": a visit is a topic of its own.
            and not _EVENT_NAMED.search(bare)
            # "What did Ofsted actually find on elective home ed?": what it was found on.
            and not names_a_topic(bare)
            # "And the improvement board - how many chairs had it gone through?": its own.
            and not _scene_names_a_topic(bare)
            and (
                named := _named_topic(previous.query)
                or (
                    _last_topic(previous.query)[0]
                    if (
                        previous.from_history
                        and len(_own_topic_words(_WHO_THEMSELVES.sub(" ", bare))) <= 1
                    )
                    or _only_when_or_change(bare)
                    else None
                )
            )
            and named.lower() not in bare.lower()
        ):
            # "any breakdowns?" after "what did Ofsted say about adoption in Southend?": a
            # short follow-up is about the topic just named, pronoun or not. Only a topic the
            # last question named after "about", "of", "for" or a grade verb is carried; its
            # frame ("needs to improve", "who led") would pull other passages. Deeper in a
            # conversation, a follow-up of one word of its own ("who's based there?" after "is
            # there somewhere they can drop into?", itself after care leavers) is on the thread
            # the last question carried.
            bare = f"{bare}, {named}"
        if years:
            # The conversation keeps its time as it keeps its authority, or moves from it:
            # "the inspection before that", "has it got better since?".
            if before:
                bound = min(years)
            elif since:
                # "has it got better since?" ends on its "since": the year follows it.
                said = re.search(r"\bsince\s*$", bare, re.I)
                bare = f"{bare} {max(years)}" if said else f"{bare} since {max(years)}"
            else:
                bare = f"{bare} in {' and '.join(years)}"
        elif carried_years and previous.before and not (before or since):
            # "What did it say about their emotional wellbeing?" after "and the one before
            # that?": still the inspection before.
            bound = previous.before
        elif carried_years and not (before or since) and LATEST.search(previous.query):
            # "Any problems at the front door?" after "and the most recent one?".
            bare = f"{bare}, latest" if not LATEST.search(bare) else bare
        query = f"{bare} in {suffix}?"
        authorities = previous.authorities
        carried = True
        return ResolvedQuestion(query, authorities, carried, asks_anew=True, before=bound)
    elif (
        _THEN.search(query)
        and not YEAR.search(query)
        and set(authorities) <= set(previous.authorities)
        and earlier_years
    ):
        # "How did Gateshead score for care leavers back then?" after "who led the Ofsted
        # inspection of Gateshead in 2016?": the same authority, at the time just asked about,
        # said as that time ("… for care leavers in 2016?") so what follows reads it alone.
        query = _said_in(query, earlier_years)
        carried = True
    elif FOLLOW_UP.match(query):
        query = re.sub(r"^\s*(and|also)\s+", "", query, flags=re.I)
    return ResolvedQuestion(query, authorities or previous.authorities, carried)
