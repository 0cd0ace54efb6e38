"""Understanding a question: the authorities it names, and follow-ups resolved from history."""

import re
from dataclasses import dataclass, replace

from index.gazetteer import SUCCESSORS, find_authorities, find_authority_spans
from index.text import STOPWORDS
from index.understanding.lexicon import (
    AREAS,
    EVENTS,
    FRAMEWORKS,
    GRADE,
    GRADE_AS_VERB,
    GRADE_ASKED,
    GRADE_ASKED_WORDS,
    MONTH,
    MONTH_NUMBERS,
    MONTHS,
    SECTIONS,
    SOURCES,
    WHO_RUNS_A_SERVICE,
)
from index.understanding.question_words import QUESTION_WORDS

_FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|what of|and what about|same for|also)\b", re.I
)
_FILLER = re.compile(
    r"\b(and|what|about|how|of|the|for|same|also|did|does|do|it|they|that|this|there|say|said|"
    r"ofsted|is|was|were|are)\b",
    re.I,
)


# A follow-up's time relative to the last question's.
_BEFORE_THAT = re.compile(
    r"\bbefore\s+(?:that|then|this)\b|\b(?:the\s+)?(?:one|inspection|report|visit)\s+before\b"
    r"|\bprevious\s+(?:one|inspection|report|time)\b|\bthe\s+(?:time|year)\s+before\b"
    # "was children in care outstanding last time?" after the 2025 grades: the one before;
    # "better than last time", "compared with last time" measure against it (a change).
    r"|(?<!\bthan\s)(?<!\bfrom\s)(?<!\bwith\s)(?<!\bto\s)(?<!\bsince\s)\blast\s+time\b",
    re.I,
)
# "Has it got better since?", "is it any worse?": how it changed, which grades say.
_BETTER_OR_WORSE = re.compile(r"\b(?:better|worse|improv\w*|deteriorat\w*|declin\w*)\b", re.I)
# "has it got better since?", "did that hold up at the next inspection?": after the last year.
_SINCE_THEN = re.compile(
    r"\bsince(?:\s+then)?\s*[?.!]*$"
    # "at the next (full) inspection", "any better next time?"
    r"|\b(?:next|following|later|subsequent)\s+(?:full\s+|ilacs\s+|ofsted\s+)?"
    r"(?:one|inspection|report|visit)\b|\bnext\s+time\b"
    # "has there been a newer one?"
    r"|\b(?:newer|more\s+recent)\s+(?:one|inspection|report|visit)\b"
    # "and the one after?", "and the time after?"
    r"|\b(?:one|inspection|report|visit|time)\s+after(?:\s+(?:that|this|it))?\s*[?.!]*$"
    # "and how did their full inspection go after that?" after a question on a 2021 visit.
    r"|\bafter\s+(?:that|then)\s*[?.!]*$"
    # "did it get better", "has that been fixed?": asked of what was found then, so whether
    # it had changed by the next inspection (a question ending on it, no time of its own).
    r"|^\W*(?:and\s+|so\s+)?(?:did|has|have|had|was|were|is|are)\s+(?:it|that|this|they|"
    r"things)\s+(?:got|get|gotten|been|become)?\s*(?:any\s+)?(?:better|improved|fixed|"
    r"sorted|resolved|addressed)(?:\s+(?:at\s+all|then|tho|though))?\s*[?.!]*$",
    re.I,
)


def time_shift(text: str) -> str:
    """ "before" for a follow-up's "the inspection before that", "after" for "since then?",
    "at the next one?"; "" when it moves in time from no earlier question."""
    if _BEFORE_THAT.search(text):
        return "before"
    return "after" if _SINCE_THEN.search(text) else ""


# "why?" alone asks the reasons for the last answer: its topic is carried like a pronoun's.
_GRADE_ASKED = re.compile(rf"\b(?:{GRADE_ASKED})\b", re.I)
_BARE_WHY = re.compile(
    r"(?:why|how\s+come|how\s+so|what\s+went\s+wrong|what\s+(?:were|was)\s+the\s+reasons?"
    r"(?:\s+given)?)\s*[?.!]*$",
    re.I,
)
# Pronouns that stand for the last question's topic ("when is it due?"); not "they" and
# "their", mostly Ofsted or the council ("what did they say about private fostering?").
_TOPIC_REFERENCE = re.compile(r"\b(it|its|them|this|that|these|those)\b", re.I)
_SAYS = re.compile(
    r"\b(?:say|said|find|found|conclude\w*|think|thought|write|wrote|mention\w*)\b", re.I
)
# "What did the 2025 one say about help and protection?": what a report said of something.
_SAID_ABOUT = re.compile(
    r"\b(?:say|said|find|found|write|wrote|think|thought|conclude\w*|mention\w*)\s+"
    r"(?:[\w’']+\s+){0,2}?(?:about|of|on|regarding)\b",
    re.I,
)


def asks_what_was_said(question: str) -> bool:
    """Whether ``question`` asks what was said of something ("what did the 2025 one say about
    help and protection?"), which the text answers, not a grade."""
    return bool(_SAID_ABOUT.search(question))


# "why, what went wrong?": a why-question with no topic of its own asks about the last one's.
# "What stopped care leavers getting outstanding?", "what held them back?": the reasons too.
_WHY_WORDS = (
    r"why|how\s+come|what\s+went\s+wrong"
    # "what pulled help and protection down?", "what let them down?"
    r"|what\s+(?:stopped|prevented|held|kept|pulled|dragged|brought|let)\b"
    # "what was holding that back?", "what kicked off the improvement?", "what drove it?"
    r"|what\s+(?:was|were|is|are)\s+(?:holding|keeping|stopping|pulling|dragging)\b"
    r"|what\s+(?:kicked\s+off|drove|triggered|caused|sparked)\b"
)
_WHY = re.compile(
    rf"^\W*(?:and\s+|so\s+)?(?:{_WHY_WORDS}|"
    r"what\s+(?:were|was|are|is)\s+the\s+reasons?)\b",
    re.I,
)
# "what did it say about leadership?", "who owns that action?": one document, the one the
# last answer came from (a narrower reference than the pronouns above, which carry a topic).
_THAT_DOCUMENT = r"(?:that|this|the same) (?:report|letter|document|visit|inspection|plan|action)"
_DOCUMENT_REFERENCE = re.compile(
    rf"\b(?:{_THAT_DOCUMENT}"
    # "it" as what speaks ("what did it say about leadership?", "does it mention FGM?"); "is
    # it any better now?" is the topic, "what did the press release say about it?" another
    # document.
    r"|(?:it|its|they)\s+(?:says?|said|mentions?|mentioned|find|found|notes?|noted"
    r"|recommend\w*|conclude\w*|describes?|described|calls?|called|highlight\w*))\b",
    re.I,
)
_SOURCE_NAMED = re.compile("|".join(f"(?:{pattern})" for _, pattern in SOURCES), re.I)
# Any reference to one document or its parts ("its recommendations", "that plan"): such a
# question is not asked inspection by inspection.
_ONE_DOCUMENT = re.compile(rf"\b(it|its|{_THAT_DOCUMENT})\b", re.I)


def refers_to_one_document(question: str) -> bool:
    """Whether ``question`` refers to one document or a part of it ("it", "its", "that
    report"), whichever: wider than ``points_to_a_document``."""
    return bool(_ONE_DOCUMENT.search(question))


def points_to_a_document(question: str) -> bool:
    """Whether ``question`` refers back to the single document the last answer cited ("what
    did it say about leadership?", "who owns that action?"): not when it moves to another
    time ("is it any better now?", "has it improved since?") or names a kind of document."""
    if time_shift(question) or _NOW.search(question) or _SOURCE_NAMED.search(question):
        return False
    return bool(_DOCUMENT_REFERENCE.search(question))


# A year a question names (one pattern for every reader of the question).
YEAR = re.compile(r"\b(?:19[89]\d|20\d\d)\b")
_TOKEN = re.compile(r"\w[\w'’-]*")
# Words that frame what is asked of a topic ("how was … graded", "what did Ofsted say about …")
# rather than name the topic; a follow-up that names a new topic keeps them.
_FRAME = STOPWORDS | QUESTION_WORDS | GRADE_ASKED_WORDS
_LATEST = re.compile(
    r"\b(latest|most recent(ly)?|newest|current(ly)?|now|nowadays|at\s+present|presently)\b", re.I
)


@dataclass(frozen=True)
class When:
    """The time a question asks about: inspection years named, the most recent, or whatever
    came after a baseline ("since February 2024": ``after`` = "2024-02-99", ISO-comparable)."""

    years: tuple[str, ...] = ()
    latest: bool = False
    after: str = ""
    before: str = ""  # "the inspection before 2025": the newest before it (ISO-comparable)
    months: tuple[str, ...] = ()  # "its September 2022 inspection": "2022-09"

    def covers_month(self, day: str) -> bool:
        """Whether a document dated ``day`` (ISO, to the month at least) is of a month asked
        about or came out within four months of it (a report follows its inspection by
        weeks); true of every document when no month is asked or ``day`` gives no month."""
        if not self.months or len(day) < 7:
            return True
        dated = int(day[:4]) * 12 + int(day[5:7])
        return any(0 <= dated - (int(m[:4]) * 12 + int(m[5:7])) <= 4 for m in self.months)

    def said_in(self, text: str) -> bool:
        """Whether ``text`` names the time asked: a month asked ("September 2022", "Sept
        2022") where one is, else a year asked."""
        if not self.months:
            return any(y in text for y in self.years)
        return any(
            int(month[5:7]) == MONTH_NUMBERS[name.lower()] and year == month[:4]
            for name, year in _MONTH_YEAR.findall(text)
            for month in self.months
        )

    def covers(self, day: str) -> bool:
        """Whether a document dated ``day`` (ISO) is of a year asked about, or of the first
        quarter after one: a report comes out weeks after its inspection (Norfolk's of late
        2017 is dated 19 January 2018)."""
        year = day[:4]
        if year in self.years:
            return True
        return (
            year.isdigit() and str(int(year) - 1) in self.years and day[5:7] in ("01", "02", "03")
        )


# "improved since the 2022 inspection", "after the 2021 inadequate judgement", "since its
# February 2024 monitoring visit": that time is the baseline; the answer is in a later report.
# "Looked(-)after children in 2020" names no baseline.
_SINCE = re.compile(
    r"(?<![\w-])(?<!looked\s)(?:since|after|following)\b[^.?!]{0,40}?\b"
    r"(?:(" + "|".join(MONTHS) + r")\s+)?"
    r"((?:19[89]\d|20\d\d))\b",
    re.I,
)


# "Did Herts deal with the recommendations from their 2015 inspection?", "which problems from
# the 2011 inspection were still not sorted?": what an inspection found, asked whether it was
# acted on, is answered by the reports after it ("Recommendations made at the time of the
# last inspection have been successfully addressed"); its year is a baseline.
_FOUND_AT = re.compile(
    r"\b(?:recommendations?|concerns?|problems?|issues?|weakness(?:es)?|failings?|"
    r"shortcomings?|areas?\s+for\s+improvement|actions?)\s+"
    r"(?:(?:that\s+|which\s+)?(?:were\s+|was\s+)?(?:from|raised|identified|made|flagged|found|"
    r"highlighted|set\s+out)\s+)+(?:at\s+|in\s+|by\s+)?(?:the\s+|their\s+|its\s+)?"
    r"(?:(" + "|".join(MONTHS) + r")\s+)?((?:19[89]\d|20\d\d))\b",
    re.I,
)
_ACTED_ON = re.compile(
    r"\b(?:deal|dealt|dealing|address(?:ed|ing)?|act(?:ed)?\s+on|implement(?:ed|ing)?|"
    r"complet(?:ed|ing)|sort(?:ed)?|fix(?:ed)?|tackl(?:e|ed)|resolv(?:e|ed)|still|"
    r"follow(?:ed)?\s+up|met|progress(?:ed)?\s+on|put\s+right)\b",
    re.I,
)


# "From April 2018", "by March 2019": a time the documents speak of, not when they are dated.
_MONTH_YEAR = re.compile(
    rf"(?<!\bfrom\s)(?<!\bby\s)(?<!\buntil\s)\b({MONTH})\.?\s+((?:19[89]\d|20\d\d))\b", re.I
)


def latest_as_year(text: str, year: str) -> str:
    """``text`` asking of the latest inspection, naming its year instead ("latest york ofsted
    report" → "2025 york ofsted report"), for a follow-up that moves before it."""
    return _LATEST.sub(year, text, count=1)


def asks_if_acted_on(text: str) -> bool:
    """Whether ``text`` asks if what an inspection found was acted on ("did Herts deal with
    the recommendations from their 2015 inspection?")."""
    return bool(_ACTED_ON.search(text) and _FOUND_AT.search(text))


def when_asked(text: str, before: str = "") -> When | None:
    """``When`` for "in its 2018 inspection", "most recently" or "since 2019"; None when no
    time is asked. ``before``: a follow-up's "the inspection before that" (before 2025)."""
    if before:
        return When(before=before)
    baselines = _SINCE.findall(text)
    if asks_if_acted_on(text):
        baselines += _FOUND_AT.findall(text)
    measured_from = {year for _, year in baselines}
    years = tuple(y for y in dict.fromkeys(YEAR.findall(text)) if y not in measured_from)
    if years:
        months = tuple(
            f"{year}-{MONTH_NUMBERS[month.lower()]:02d}"
            for month, year in _MONTH_YEAR.findall(text)
            if year in years
        )
        return When(years=years, months=tuple(dict.fromkeys(months)))
    if baselines:
        # After the baseline month, or after the baseline year when no month is named.
        return When(
            after=max(
                f"{year}-{MONTHS.index(month.lower()) + 1:02d}-99" if month else f"{year}-99"
                for month, year in baselines
            )
        )
    return When(latest=True) if _LATEST.search(text) else None


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
_CITY_OF = re.compile(r"\bcity\s+of\s+$", re.I)
_CITY_AFTER = re.compile(r"\s+city(?:\s+council)?\b", re.I)


def strip_authorities(text: str) -> str:
    """``text`` without the authority names in it (what is left is the topic)."""
    out, last = [], 0
    for start, end, _name in find_authority_spans(text):
        # "City of York", "Leicester City (Council)": what the council is called, no topic.
        before = _CITY_OF.search(text, last, start)
        out.append(text[last : before.start() if before else start])
        end += m.end() if (m := _CITY_AFTER.match(text[end:])) else 0
        # "Surrey's children in care" leaves "children in care", not "'s children in care".
        possessive = re.match(r"['’]s\b", text[end:])
        last = end + (possessive.end() if possessive else 0)
    out.append(text[last:])
    stripped = re.sub(r"\s{2,}", " ", "".join(out)).strip()
    # "care leavers in Derby in 2022" leaves one "in", not "in in".
    return re.sub(r"\b(in|at|for|of|from)\s+\1\b", r"\1", stripped, flags=re.I)


def _topic_words(text: str) -> str:
    stripped = strip_authorities(text)
    stripped = re.sub(r"[^\w\s'’-]", " ", stripped)
    return _FILLER.sub(" ", stripped).strip()


# Words that ask to compare with the last answer rather than name a topic of their own:
# "is it any different in Knowsley?", "and in 2015?"
_NO_TOPIC = frozenset(
    "in on at by from any different same similar better worse there report inspection "
    "re-inspection reinspection "
    "latest most recent newest current now today one question again ask asking "
    # "did Norfolk put out something similar?": the same again, of another council.
    "something anything put out "
    # "ok what about Medway then": what the conversation is said with.
    "ok okay then thanks please pls "
    # "and over in North East Lincolnshire?", "how did their neighbours Essex do on that?":
    # where the council is, said about it.
    "over up down across their neighbour neighbours "
    # "and Brent, in its 2023 report?": whose report, said about it.
    "its".split()
)
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
# "How does Dudley compare?", "and how do Bexley compare?": the last question of the council
# named, nothing else asked (the council is stripped before this is matched).
_HOW_IT_COMPARES = re.compile(
    r"^\W*(?:and\s+|so\s+|ok\s+)?how\s+(?:does|do|did|would)\s+compare\W*$", re.I
)
# "And the latest one?", "is it any better now?": the conversation moves to the present, so
# the last question's year is not carried (undated, the latest inspection is meant).
_NOW = re.compile(
    r"\b(?:latest|most\s+recent|newest|current(?:ly)?|now|these\s+days|today)\b", re.I
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
    r"that\s+year|in\s+those\s+days|at\s+the\s+same\s+time)\b",
    re.I,
)
_CONNECTORS = frozenset("the a an and of in for on to with their its".split())
_ASKING = frozenset("who whose whom when where which why".split())
# A yes/no question's opening verb ("has staff churn affected kids in care?"): no topic word.
_YES_NO_OPENERS = frozenset("has have had can could will would should".split())
_ARTICLES = frozenset("the a an its their".split())
_TOPIC_OPENERS = frozenset("about of for on regarding was were is are".split())


def _topic_span(query: str) -> tuple[int, int] | None:
    """Where ``query`` names its topic: first to last word that is not frame, year or authority.

    "How was help and protection graded in Calderdale in 2018?" → "help and protection".
    """
    topic = _topic_tokens(query)
    return (topic[0].start(), topic[-1].end()) if topic else None


def _topic_tokens(query: str, frame: frozenset[str] = _FRAME) -> list[re.Match[str]]:
    """The words of ``query`` that are neither ``frame``, a year nor an authority's name."""
    names = find_authority_spans(query)
    return [
        m
        for m in _TOKEN.finditer(query)
        if m.group().lower() not in frame
        and not YEAR.fullmatch(m.group())
        and not any(s <= m.start() < e for s, e, _ in names)
    ]


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
_POINTING_BACK = re.compile(r"\b(?:it|them|that|this|those|these)\b", re.I)


# What a follow-up says of the topic without naming one: "still an issue in the 2025 one?".
_SAID_OF_IT = frozenset(
    """issue issues problem problems concern concerns worry worries weakness weaknesses
    still tho though""".split()
)


def _own_topic_words(text: str) -> list[str]:
    """The words of ``text`` that could name a topic of its own."""
    return [
        m.group(0)
        for m in _topic_tokens(text, _FRAME | _NO_TOPIC)
        if m.group(0).lower() not in _SAID_OF_IT
    ]


def _last_topic(previous: str) -> tuple[str, list[str]]:
    """What the last question (``previous``, as resolved) was about, its frame and grade words
    left out, and the grade words it asked with: what "it", "them", "that" stand for."""
    # A who-question's own verb ("who led …", "who at Ofsted wrote …") asked who; it is not
    # what "her team" or "it" are about.
    asked = _WHO_AND_VERB.sub(" ", previous, count=1)
    words = _topic_words(YEAR.sub(" ", asked)).split()
    graded = [w.lower() for w in words if _GRADE_ASKED.fullmatch(w)]
    words = [w for w in words if w.lower() not in GRADE_ASKED_WORDS]
    while words and (
        words[0].lower() in _CONNECTORS | _TOPIC_OPENERS | _ASKING | _YES_NO_OPENERS
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
        and len(_topic_tokens(rest, _FRAME | _NO_TOPIC)) <= _THIN_FOLLOW_UP
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


def _partner_named(question: str, authorities: tuple[str, ...], previous: ResolvedQuestion) -> bool:
    """Whether ``question`` names another council after a pronoun standing for the one talked
    about ("why did they split from Peterborough?", "did they do better than Luton?"), not as
    the council it now asks about ("what about Luton, did they do better?")."""
    if not _another_council(authorities, previous):
        return False
    if _WHO_ASKED.search(previous.query):
        return False  # "were they on the Luton team as well?" after "who was the lead inspector?"
    spans = find_authority_spans(question)
    pronoun = _COUNCIL_PRONOUN.search(question)
    return bool(spans and pronoun and pronoun.start() < spans[0][0])


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
        and len(_topic_tokens(YEAR.sub(" ", rest), _FRAME | _NO_TOPIC)) <= _THIN_FOLLOW_UP
        and not _asks_of_a_grade_or_area(rest)
    )


def _asks_of_a_grade_or_area(text: str) -> bool:
    """Whether ``text`` asks a grade, names one or names a judgement area ("and how was
    leadership graded?"): a topic of its own, not a part of the last one."""
    return bool(_GRADE_ASKED.search(text) or _GRADE_NAMED.search(text) or _AREA_NAMED.search(text))


def new_topic(question: str) -> str | None:
    """The topic of "and what about care leavers?": the words after the follow-up opener, when
    they name a topic and nothing else (no authority, no year, no question of their own)."""
    match = _FOLLOW_UP.match(question)
    if not match:
        return None
    rest = question[match.end() :].strip(" ?.")
    rest = re.sub(r"^(what about|about|the)\s+", "", rest, flags=re.I)
    if not rest or YEAR.search(rest) or find_authority_spans(rest):
        return None
    if _BEFORE_THAT.search(rest) or _SINCE_THEN.search(rest) or _NOW.search(rest):
        return None  # "what about the previous one?": another time, not another topic
    if _COMPLEMENT.search(rest):
        return None  # "and the rest of the staff?": the same topic of others
    words = [w.lower() for w in _TOKEN.findall(rest)]
    # A bare noun phrase ("care leavers", "children in care"), not a question of its own.
    framing = [w for w in words if w in _FRAME and w not in _CONNECTORS]
    if len(words) > 6 or framing or not [w for w in words if w not in _FRAME]:
        return None
    return rest


def _swap_topic(previous: str, topic: str) -> str | None:
    """``previous`` asked of ``topic`` instead of its own, keeping its frame, authority and year.

    Only where the old topic plainly is one: after "about", "of", "for", "on" or "was/were"
    ("say about care leavers", "how was help and protection graded"); in "who owns the foster
    carers action" the span would take the verb along, so that is left to the plain carry-over.
    """
    span = _topic_span(previous)
    if span is None:
        return None
    before = [w.lower() for w in _TOKEN.findall(previous[: span[0]]) if w.lower() not in _ARTICLES]
    if not before or before[-1] not in _TOPIC_OPENERS:
        return None
    return f"{previous[: span[0]]}{topic}{previous[span[1] :]}"


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
_PERSON_PRONOUN = re.compile(r"\b(?:she|he|her|him|his)\b", re.I)
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
# "and the rest of children's services staff?" after "how much training are frontline social
# workers getting?": the others of a group just named, asked the same (a pronoun in effect).
_COMPLEMENT = re.compile(
    r"\b(?:the\s+rest|every(?:one|body)\s+else|the\s+others|all\s+(?:the\s+)?other)\b", re.I
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
_FRAME_AND_LEAD_IN = _FRAME | _NAMING_TOPIC


# "Leicestershire's 2024 ILACS report": the framework names the report, as its year does.
_FRAMEWORK_NAMED = re.compile("|".join(f"(?:{pattern})" for _, pattern in FRAMEWORKS), re.I)


def _named_topic(previous: str) -> str | None:
    """The topic ``previous`` named after a word that leads one in ("what did Ofsted say about
    care leavers in Halton in 2024?" → "care leavers"); None when it named none so."""
    # Blanked, not cut: the words keep their places in ``previous``.
    plain = _FRAMEWORK_NAMED.sub(lambda m: " " * len(m.group(0)), previous)
    topic = _topic_tokens(plain, _FRAME_AND_LEAD_IN)
    if not topic:
        return None
    span = (topic[0].start(), topic[-1].end())
    # The words before it, the authority left out ("about Hertfordshire's children in care").
    lead_in = strip_authorities(previous[: span[0]])
    before = [w.lower() for w in _TOKEN.findall(lead_in) if w.lower() not in _ARTICLES]
    if not before or not (before[-1] in _NAMING_TOPIC or _SAYS.fullmatch(before[-1])):
        return None
    phrase = _trailing_preposition(strip_authorities(YEAR.sub(" ", previous[span[0] : span[1]])))
    if _PART_ASKED.search(phrase):
        return None  # "say Sheffield needs to improve": a part of the report, not a topic
    return phrase if any(w.lower() not in _CONNECTORS for w in phrase.split()) else None


def names_a_topic(question: str) -> bool:
    """Whether ``question`` asks what was said or found about a topic it names ("what did
    Ofsted say about children's plans …", "… find on elective home ed"), not about "it"
    ("what did they say about it?") nor only what it asks of ("what was the theme of …")."""
    said = _SAID_ABOUT.search(question)
    rest = question[said.end() :] if said else ""
    return bool(
        said and not _TOPIC_REFERENCE.search(rest) and _topic_tokens(rest, _FRAME | _NO_TOPIC)
    )


def _of_the_part_asked(topic: str) -> str:
    """What a part of the report was asked for: "needs to improve (for) care leavers" → "care
    leavers" ("where are some of them living?" is about care leavers, not the list of what
    needs to improve); ``topic`` itself when it names no part, or the part of nothing else."""
    part = _PART_ASKED.search(topic)
    if part is None:
        return topic
    rest = topic[part.end() :].split()
    while rest and rest[0].lower() in _CONNECTORS | _TOPIC_OPENERS:
        rest.pop(0)
    return " ".join(rest) or topic


# Typed after what it is about: "Solihull inadequate 2023 what went wrong", "devon 2025 ofsted
# why still inadequate".
_WHY_WITHIN = re.compile(rf"\b(?:{_WHY_WORDS})\b", re.I)


def asks_why(question: str) -> bool:
    """Whether ``question`` asks for reasons ("why?", "why was it only good?", "Solihull
    inadequate 2023 what went wrong")."""
    return bool(_WHY.match(question) or _WHY_WITHIN.search(question))


def without_why(question: str) -> str:
    """``question`` without its why-opener: what the reasons are asked for ("why, care leavers
    in 2025 in Wakefield?" → "care leavers in 2025 in Wakefield?"), every opener said ("why,
    what went wrong, judgement in 2025 in Harrow?" → "judgement in 2025 in Harrow?"), or
    without the why typed after its subject ("Solihull inadequate 2023 what went wrong" →
    "Solihull inadequate 2023")."""
    if not _WHY.match(question):
        return re.sub(r"\s{2,}", " ", _WHY_WITHIN.sub(" ", question, count=1)).strip(" ,;:-")
    rest = _WHY.sub("", question, count=1).lstrip(" ,;:-")
    return without_why(rest) if rest != question and _WHY.match(rest) else rest


# "… when help and protection were good", "… although it had been inadequate in 2014": a
# clause that grants a grade is what the why is asked against, not what it asks about.
_CONCESSION = re.compile(
    rf"[\s,;]+(?:even\s+)?(?:when|while|whilst|although|though|whereas|despite|if)\s"
    rf"(?=[^?]*?(?:\b(?:{GRADE})\b|{GRADE_AS_VERB}))[^?]*",
    re.I,
)


# Said first: "if it's good overall, how come help and protection wasn't?".
_CONCESSION_FIRST = re.compile(
    r"^\W*(?:even\s+)?(?:if|when|while|whilst|although|though|given(?:\s+that)?|since)\s"
    rf"[^?]*?(?:\b(?:{GRADE})\b|{GRADE_AS_VERB})[^?]*?[\s,;]+(?=(?:{_WHY_WORDS})\b)",
    re.I,
)


def without_concession(question: str) -> str:
    """``question`` without a clause granting a grade that its why is asked against ("why is
    Harrow inadequate overall when help and protection were good?" → "why is Harrow
    inadequate overall?", "if it's good overall how come H&P wasn't?" → "how come H&P
    wasn't?"); a question that opens with such a word and asks no why keeps it ("When was
    Calderdale judged good?")."""
    if not asks_why(question):
        return question
    return _CONCESSION.sub("", _CONCESSION_FIRST.sub("", question, count=1), count=1)


def refers_back(question: str) -> bool:
    """Whether a follow-up points at what the last question was about ("when did it take
    place?", "who led that inspection?")."""
    return bool(_TOPIC_REFERENCE.search(question))


def why_alone(question: str) -> bool:
    """A why-question of at most two words beyond its frame ("why, what went wrong?")."""
    if not _WHY.match(question):
        return False
    own = [w for w in _TOKEN.findall(question) if w.lower() not in _FRAME]
    return len(own) <= 2


_OWN_INSPECTION = re.compile(
    rf"^['’]s\s+(?:(?:{MONTH})\s+)?(?:19[89]\d|20\d\d)\s+(?:ofsted\s+)?(?:inspection|report|ilacs)",
    re.I,
)


def _authoritys_own_inspection(query: str) -> bool:
    """Whether ``query`` names a year as an authority's own inspection ("Sandwell's 2025
    inspection", "Newham's January 2026 report")."""
    return any(_OWN_INSPECTION.match(query[end:]) for _, end, _ in find_authority_spans(query))


def _trailing_preposition(query: str) -> str:
    """``query`` without its closing punctuation and the prepositions a removed authority or
    year leaves at its end ("care leavers in" of "care leavers in Derby in 2022")."""
    query = re.sub(r"\s{2,}", " ", query).strip().rstrip(" ?.")
    return re.sub(r"(\s+\b(in|for|at|of|by|from|and))+\s*$", "", query)


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
    authorities = tuple(find_authorities(question))
    history = [h for h in (history or []) if h and h.strip()]
    if not history:
        return ResolvedQuestion(question.strip(), authorities, False)
    previous = resolve(history[-1], history[:-1])
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
        named = (*previous.authorities, *authorities)
        said = question.strip().rstrip(" ?.")
        return ResolvedQuestion(
            f"{said}, {' and '.join(previous.authorities)}?", named, True, asks_anew=True
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
            if added.strip(" ,"):
                query = f"{question.strip().rstrip(' ?.')}{added}?"
                return ResolvedQuestion(query, authorities, True, again.asks_anew)
    earlier_years = list(dict.fromkeys(YEAR.findall(previous.query)))
    moved = _YEAR_MOVED.match(question.strip())
    if moved and len(earlier_years) == 1 and not _GRADE_ASKED.search(previous.query):
        # "And the year before?" after "how many LAC did barnet have at march 2017": the same
        # question of the year next to it (of a grade, the inspection before: _BEFORE_THAT).
        said = (moved.group(1) or moved.group(2)).lower()
        step = -1 if said in ("before", "earlier", "previous", "prior") else 1
        year = str(int(earlier_years[0]) + step)
        return ResolvedQuestion(YEAR.sub(year, previous.query), previous.authorities, True)
    query = question.strip()
    carried = False
    years = YEAR.findall(question)
    # "Same for Suffolk?", "and the same in Essex at their last inspection?": the last
    # question asked of the council named, whatever else the follow-up says of it.
    same_asked = bool(
        authorities and (_SAME_FOR.match(question) or _HOW_IT_COMPARES.match(alone or ""))
    )
    topic_missing = same_asked or not [
        w
        # "what about hillingdon around then?": the time just asked, no topic of its own.
        for w in _topic_words(YEAR.sub(" ", _THEN.sub(" ", _NEIGHBOUR.sub(" ", question)))).split()
        if w.lower() not in _NO_TOPIC
    ]
    # "What did the report say about it?" after a grade question asks what was said of that
    # topic, not the grade question again ("is it any different in Knowsley?" does).
    says_of_it = bool(_TOPIC_REFERENCE.search(question) and _SAYS.search(question))
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
        elif _NOW.search(question):
            # "and the latest one?" after "… Leicester's 2021 inspection": its latest one. The
            # year's month goes with it, and what led it in ("care leavers in").
            base = _INSPECTION_YEAR.sub("latest", base, count=1)
            base = _trailing_preposition(YEAR.sub(" ", _MONTH_OF_YEAR.sub("", base)))
            if not _LATEST.search(base):
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
        and (swapped := _swap_topic(previous.query, topic))
    ):
        # "and what about care leavers?" after "how was help and protection graded in
        # Calderdale in 2018?": the same question of the new topic, not just its words.
        query = swapped
        authorities = previous.authorities
        if not find_authorities(swapped):
            # The old topic held the authority ("support for Derby's care leavers"): say it.
            query = f"{swapped.rstrip(' ?.')} in {' and '.join(authorities)}?"
        carried = True
        if previous.before and not (YEAR.search(question) or _NOW.search(question)):
            # "What about their housing?" after "and the time before?": still then.
            return ResolvedQuestion(query, authorities, carried, before=previous.before)
    elif not authorities and previous.authorities:
        suffix = " and ".join(previous.authorities)
        bare = re.sub(r"^(and|also)\s+", "", query, flags=re.I).rstrip(" ?.")
        bare = _expand_definite(bare, previous.query)
        carried_years = not (YEAR.search(bare) or _NOW.search(bare))
        years = earlier_years if carried_years else []
        bound = ""
        before, since = _BEFORE_THAT.search(bare), _SINCE_THEN.search(bare)
        # "what about the previous one?": another time and nothing else, so the same topic.
        shift_only = bool(before or since) and not [
            w for w in _topic_words(bare).split() if w.lower() not in _NO_TOPIC | _SHIFT_WORDS
        ]
        if shift_only:
            bare = _trailing_preposition(YEAR.sub(" ", strip_authorities(previous.query)))
        elif (
            carry_topic
            or _TOPIC_REFERENCE.search(bare)
            or _BARE_WHY.match(bare)
            or why_alone(bare)
            # "do they cover anywhere else?" after "who delivers children's services in …?":
            # "they" are the body the last question asked for, which its topic leads to.
            or (_PEOPLE_PRONOUN.search(bare) and _WHO_RUNS.search(previous.query))
            or (
                # Not when it names another time ("was she on the team for the 2016
                # inspection as well?"): her part in another event, not this one.
                _PERSON_PRONOUN.search(bare)
                and _WHO_ASKED.search(previous.query)
                and not YEAR.search(bare)
            )
            or _COMPLEMENT.search(bare)
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
                topic = " and ".join(
                    m.group(0) for _, p in AREAS if (m := re.search(rf"\b(?:{p})\b", topic, re.I))
                )
            if any(w.lower() not in _CONNECTORS for w in topic.split()):
                bare = f"{bare}, {topic}"
            elif graded and _WHY.match(bare):
                # "why did it drop?" after "How was Bedford rated in 2025?": with no topic but
                # the grade, "it" is the grade: "why did it drop, rated …" finds the report's
                # summary of what changed; without it, the cover page and stray findings.
                bare = f"{bare}, {' '.join(dict.fromkeys(graded))}"
        elif (
            (
                len(_topic_tokens(bare, _FRAME | _NO_TOPIC)) <= _THIN_FOLLOW_UP
                or (_PEOPLE_PRONOUN.search(bare) and not _SAYS.search(bare))
            )
            and not new_topic(question)
            and not _asks_of_a_grade_or_area(bare)
            # "Has there been a monitoring visit since?": a visit is a topic of its own.
            and not _EVENT_NAMED.search(bare)
            # "What did Ofsted actually find on elective home ed?": what it was found on.
            and not names_a_topic(bare)
            and (
                named := _named_topic(previous.query)
                or (
                    _last_topic(previous.query)[0]
                    if previous.from_history and len(_own_topic_words(bare)) <= 1
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
        elif carried_years and not (before or since) and _LATEST.search(previous.query):
            # "Any problems at the front door?" after "and the most recent one?".
            bare = f"{bare}, latest" if not _LATEST.search(bare) else bare
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
        then = " and ".join(earlier_years)
        query = _THEN.sub(f"in {then}", query, count=1)
        query = re.sub(r"\b(in|at)\s+in\b", "in", query, flags=re.I)
        carried = True
    elif _FOLLOW_UP.match(query):
        query = re.sub(r"^\s*(and|also)\s+", "", query, flags=re.I)
    return ResolvedQuestion(query, authorities or previous.authorities, carried)
