"""Reading one question: the authorities it names, the time it asks about (a year, the latest
inspection, "since 2019", the one before), whether it asks why or what was said, whether it
points back at the last answer, and the topic a follow-up opener names. A follow-up is made
standalone from the questions before it in ``follow_ups``, which reads them with these."""

import re
from dataclasses import dataclass

from index.gazetteer import find_authority_spans
from index.text import STOPWORDS
from index.understanding.lexicon import (
    GRADE,
    GRADE_AS_VERB,
    GRADE_ASKED_WORDS,
    MONTH,
    MONTH_NUMBERS,
    MONTHS,
    SOURCES,
)
from index.understanding.question_words import QUESTION_WORDS

FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|what of|and what about|same for|also)\b", re.I
)


# A follow-up's time relative to the last question's.
BEFORE_THAT = re.compile(
    r"\bbefore\s+(?:that|then|this)\b|\b(?:the\s+)?(?:one|inspection|report|visit)\s+before\b"
    r"|\bprevious\s+(?:one|inspection|report|time)\b|\bthe\s+(?:time|year)\s+before\b"
    # "was children in care outstanding last time?" after the 2025 grades: the one before;
    # "better than last time", "compared with last time" measure against it (a change).
    r"|(?<!\bthan\s)(?<!\bfrom\s)(?<!\bwith\s)(?<!\bto\s)(?<!\bsince\s)\blast\s+time\b",
    re.I,
)
# "has it got better since?", "did that hold up at the next inspection?": after the last year.
SINCE_THEN = re.compile(
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
    if BEFORE_THAT.search(text):
        return "before"
    return "after" if SINCE_THEN.search(text) else ""


# Pronouns that stand for the last question's topic ("when is it due?"); not "they" and
# "their", mostly Ofsted or the council ("what did they say about private fostering?").
TOPIC_REFERENCE = re.compile(r"\b(it|its|them|this|that|these|those)\b", re.I)
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
    # "what's actually going wrong there?", "what has gone wrong?"
    r"|what(?:['’]s|\s+is|\s+was|\s+has)\s+(?:actually\s+|really\s+)?(?:going|gone)\s+wrong"
    # "what pulled help and protection down?", "what let them down?"
    r"|what\s+(?:stopped|prevented|held|kept|pulled|dragged|brought|let)\b"
    # "what was holding that back?", "what kicked off the improvement?", "what drove it?"
    r"|what\s+(?:was|were|is|are)\s+(?:holding|keeping|stopping|pulling|dragging)\b"
    r"|what\s+(?:kicked\s+off|drove|triggered|caused|sparked)\b"
)
WHY = re.compile(
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
    if time_shift(question) or NOW.search(question) or _SOURCE_NAMED.search(question):
        return False
    return bool(_DOCUMENT_REFERENCE.search(question))


# A year a question names (one pattern for every reader of the question).
YEAR = re.compile(r"\b(?:19[89]\d|20\d\d)\b")
TOKEN = re.compile(r"\w[\w'’-]*")
# Words that frame what is asked of a topic ("how was … graded", "what did Ofsted say about …")
# rather than name the topic; a follow-up that names a new topic keeps them.
FRAME = STOPWORDS | QUESTION_WORDS | GRADE_ASKED_WORDS
LATEST = re.compile(
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
    # Not "what sort of data …".
    r"complet(?:ed|ing)|sort(?:ed)?(?!\s+of\b)|fix(?:ed)?|tackl(?:e|ed)|resolv(?:e|ed)|still|"
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
    return LATEST.sub(year, text, count=1)


def acted_on_words(text: str) -> str:
    """The words of ``text`` asking whether something was acted on ("had they fixed that by
    2022?", "did they sort it out?"): what is asked of a finding, which the evidence says in
    its own words ("… now all have health passports")."""
    return " ".join(m.group(0) for m in _ACTED_ON.finditer(text))


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
    return When(latest=True) if LATEST.search(text) else None


_CITY_OF = re.compile(r"\bcity\s+of\s+$", re.I)
# "Hertfordshire CC", "Rochdale MBC": the council's name too. Not "County Council", which the
# press releases' own titles say ("Hertfordshire County Council praised by Ofsted …": taken out,
# four questions naming it lost a place and one abstained).
_CITY_AFTER = re.compile(r"\s+(?:city(?:\s+council)?|cc|mbc)\b", re.I)


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


# Words that ask to compare with the last answer rather than name a topic of their own:
# "is it any different in Knowsley?", "and in 2015?"
NO_TOPIC = frozenset(
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
# "And the latest one?", "is it any better now?": the conversation moves to the present, so
# the last question's year is not carried (undated, the latest inspection is meant).
NOW = re.compile(r"\b(?:latest|most\s+recent|newest|current(?:ly)?|now|these\s+days|today)\b", re.I)
CONNECTORS = frozenset("the a an and of in for on to with their its".split())


def topic_tokens(query: str, frame: frozenset[str] = FRAME) -> list[re.Match[str]]:
    """The words of ``query`` that are neither ``frame``, a year nor an authority's name."""
    names = find_authority_spans(query)
    return [
        m
        for m in TOKEN.finditer(query)
        if m.group().lower() not in frame
        and not YEAR.fullmatch(m.group())
        and not any(s <= m.start() < e for s, e, _ in names)
    ]


def new_topic(question: str) -> str | None:
    """The topic of "and what about care leavers?": the words after the follow-up opener, when
    they name a topic and nothing else (no authority, no year, no question of their own)."""
    match = FOLLOW_UP.match(question)
    if not match:
        return None
    rest = question[match.end() :].strip(" ?.")
    rest = re.sub(r"^(what about|about|the)\s+", "", rest, flags=re.I)
    if not rest or YEAR.search(rest) or find_authority_spans(rest):
        return None
    if BEFORE_THAT.search(rest) or SINCE_THEN.search(rest) or NOW.search(rest):
        return None  # "what about the previous one?": another time, not another topic
    if COMPLEMENT.search(rest):
        return None  # "and the rest of the staff?": the same topic of others
    words = [w.lower() for w in TOKEN.findall(rest)]
    # A bare noun phrase ("care leavers", "children in care"), not a question of its own.
    framing = [w for w in words if w in FRAME and w not in CONNECTORS]
    if len(words) > 6 or framing or not [w for w in words if w not in FRAME]:
        return None
    return rest


# "and the rest of children's services staff?" after "how much training are frontline social
# workers getting?": the others of a group just named, asked the same (a pronoun in effect).
COMPLEMENT = re.compile(
    r"\b(?:the\s+rest|every(?:one|body)\s+else|the\s+others|all\s+(?:the\s+)?other)\b", re.I
)


# "The herts cabinet panel feb 2019", "Devon's May 2025 staff bulletin": which council paper,
# with its date. The source and date votes pick the paper; said as words, they drew the
# paper's cover lines ("… Cabinet Panel are asked to consider …") over the passage asked for.
_PAPER_DATE = rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTH}\.?\s+)?(?:19[89]\d|20\d\d)"
_PAPER_NAMED = re.compile(
    # "May 2025 staff bulletin": a word may come between the date and the kind of paper.
    rf"(?:\b{_PAPER_DATE}\s+(?:[\w'’-]+\s+)?)?\b(?:{'|'.join(pattern for _, pattern in SOURCES)})\b"
    r"(?:\s+(?:panel|paper|papers|report|meeting|item|session))*"
    rf"(?:,?\s*\(?(?:(?:on|of|in|from|dated)\s+)?\b{_PAPER_DATE}\b\)?)?",
    re.I,
)


def names_a_paper(text: str) -> bool:
    """Whether ``text`` names a kind of council paper ("the cabinet panel report")."""
    return bool(_PAPER_NAMED.search(text))


def paper_named_out(text: str) -> str:
    """``text`` without the council paper it names (and that paper's date), or ``text`` itself
    when nothing would be left to search for ("what did the press release say?")."""
    without = " ".join(_PAPER_NAMED.sub(" ", text).split())
    return without if topic_tokens(without, FRAME | NO_TOPIC) else text


def names_a_topic(question: str) -> bool:
    """Whether ``question`` asks what was said or found about a topic it names ("what did
    Ofsted say about children's plans …", "… find on elective home ed"), not about "it"
    ("what did they say about it?") nor only what it asks of ("what was the theme of …")."""
    said = _SAID_ABOUT.search(question)
    rest = question[said.end() :] if said else ""
    return bool(said and not TOPIC_REFERENCE.search(rest) and topic_tokens(rest, FRAME | NO_TOPIC))


# Typed after what it is about: "Solihull inadequate 2023 what went wrong", "devon 2025 ofsted
# why still inadequate".
_WHY_WITHIN = re.compile(rf"\b(?:{_WHY_WORDS})\b", re.I)


def asks_why(question: str) -> bool:
    """Whether ``question`` asks for reasons ("why?", "why was it only good?", "Solihull
    inadequate 2023 what went wrong")."""
    return bool(WHY.match(question) or _WHY_WITHIN.search(question))


def without_why(question: str) -> str:
    """``question`` without its why-opener: what the reasons are asked for ("why, care leavers
    in 2025 in Wakefield?" → "care leavers in 2025 in Wakefield?"), every opener said ("why,
    what went wrong, judgement in 2025 in Harrow?" → "judgement in 2025 in Harrow?"), or
    without the why typed after its subject ("Solihull inadequate 2023 what went wrong" →
    "Solihull inadequate 2023")."""
    if not WHY.match(question):
        return re.sub(r"\s{2,}", " ", _WHY_WITHIN.sub(" ", question, count=1)).strip(" ,;:-")
    rest = WHY.sub("", question, count=1).lstrip(" ,;:-")
    return without_why(rest) if rest != question and WHY.match(rest) else rest


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
    return bool(TOPIC_REFERENCE.search(question))


def why_alone(question: str) -> bool:
    """A why-question of at most two words beyond its frame ("why, what went wrong?"), or of
    none beyond its asking words ("what's actually going wrong there?")."""
    asked = WHY.match(question)
    if not asked:
        return False
    own = [w for w in TOKEN.findall(question) if w.lower() not in FRAME]
    after = [w for w in TOKEN.findall(question[asked.end() :]) if w.lower() not in FRAME]
    return len(own) <= 2 or not after
