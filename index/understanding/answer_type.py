"""What a question asks for (a person, a date, a grade) and whether a quotable span offers
it; and the names a question mentions, which its evidence must mention too."""

import re

from index.retrieval.lexical import tokenize
from index.understanding.grade_request import areas_named
from index.understanding.lexicon import GRADE as GRADE_WORDS
from index.understanding.lexicon import (
    GRADE_ASKED,
    GRADE_ASKED_WORDS,
    GRADE_RANKING_WORDS,
    MONTH,
    MONTH_NUMBERS,
    OTHER_JUDGEMENTS,
    RUNNING_VERBS,
    WHO_RUNS_A_SERVICE,
)

PERSON = "person"
DATE = "date"
GRADE = "grade"
AMOUNT = "amount"
MONEY = "money"  # an amount of money: "how much does the council pay …"
COUNT = "count"
NEGATIVE = "negative"  # "did inspectors find any …?": often answered by "no children were …"
ORGANISATION = "organisation"  # "who runs children's social care there?": a trust, a company
DURATION = "duration"  # "how long does an ILACS inspection last?": "three weeks"
# "How does that compare with last time?": a report's own comparison with the inspection
# before it answers ("Since the last inspection in 2019, when services were judged …").
# A kind the search votes for, not one a composer is chosen by (``asks_change``).
CHANGE = "change"
# "What did the cabinet member say?": a person's own words, which a quotation gives. Also a
# kind the search votes for only (the composer reads ``asks_what_someone_said`` itself).
QUOTE = "quote"
# The kinds a passage can be tested for holding (``offers``), NEGATIVE aside: that one
# depends on the question's topic too.
ANSWER_KINDS = (PERSON, DATE, GRADE, AMOUNT, MONEY, COUNT, ORGANISATION, DURATION, CHANGE, QUOTE)

# "Which Havering councillor responded …?" asks who as plainly as "who" does.
_WHO = re.compile(
    r"^\W*(and\s+)?(who|whose|whom)\b|\bwho(?:\s+(?:is|was|are|owns|wrote|leads)\b|['’]s\b)"
    r"|\bwhich\s+(?:[\w'’-]+\s+){0,2}?(?:councillor|officer|person|director|chair|chairman"
    r"|chairwoman|cabinet\s+member|lead\s+member|portfolio\s+holder|chief\s+executive)s?\b",
    re.I,
)
_WHO_RUNS_A_SERVICE = re.compile(WHO_RUNS_A_SERVICE, re.I)
# "Greenwich v Lewisham - who came out better?": which council, no person.
_WHO_COMPARES = re.compile(
    r"\bwho\s+(?:came|comes|come)\s+out\b"
    r"|\bwho(?:['’]s|\s+(?:did|does|is|was|fared|performed|scored|got|has))\s+"
    r"(?:better|best|worse|worst|higher|lower)\b",
    re.I,
)
# How a service is said to be run by a body: "delegated … to a trust arrangement with
# Achieving for Children", "managed by Slough Children First, a company …".
_ORGANISATION_SPAN = re.compile(
    r"\b(?:trust|company|companies|partnership|enterprise|ltd|limited|community\s+interest"
    r"|on\s+behalf\s+of|delegated|commissioned|outsourced|wholly\s+owned"
    r"|(?:delivered|managed|run|provided|operated)\s+by)\b",
    re.I,
)
# "How long does an inspection last?", "how long were children waiting?": a length of time
# ("how long had the DCS been in post?" asks since when: a date, read first).
# Asked, not said in passing ("what improvement did they see in how long proceedings take?").
_HOW_LONG = re.compile(
    r"(?:^|[,;:?–—-]\s*|\b(?:and|but|so)\s+)\W*(?:for\s+)?how\s+long\b(?!\s+ago)", re.I
)
_DURATION_SPAN = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|several|few|couple\s+of)[\s-]+(?:working\s+)?"
    r"(?:hours?|days?|weeks?|months?|years?|decades?)\b",
    re.I,
)
_WHEN = re.compile(
    r"^\W*(and\s+)?when\b|\b(what|which)\s+(date|day|month|year)s?\b|\b(due|deadline)\b"
    # "What is the completion date of …?", "what was the start date?"
    r"|\b(?:what|which)\s+(?:is|was|are|were)\s+the\s+(?:[\w-]+\s+)?dates?\b"
    # "How long had the DCS been in post?": since when ("in post since August 2005").
    r"|\bhow\s+long\s+(?:has|had|have)\s+(?:[\w'’-]+\s+){1,6}?been\b",
    re.I,
)

# A span names a person when it is labelled as one (a table cell "Owner: ...", "Author: ...")
# or gives a titled or appositive name ("Councillor Lester", "..., Julie Jenkins").
_PERSON_SPAN = re.compile(
    r"(?m:^)\W*(?i:owner|author|lead(\s+\w+)?|chair|executive member|inspector|contact)\s*:"
    r"|\b(Councillor|Cllr|Mr|Mrs|Ms|Dr)\.?\s+[A-Z][a-z]+"
    r"|,\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b"
    r"|\b[A-Z][a-z]+\s+[A-Z][a-z]+\s+(said|says|proposed)\b"
    # Minutes name people by their office: "The Leader of the Council introduced the report".
    r"|\b(?:Leader|Deputy\s+Leader|Chair(?:man)?|Cabinet\s+Member|Lead\s+Member|Chief\s+Executive|"
    r"Director|Mayor|Portfolio\s+Holder)(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’']*"
    r"(?:\s+(?:and\s+)?[A-Z][\w’']*){0,5})?\s+(?:introduced|presented|moved|proposed|"
    r"seconded|thanked|welcomed|reported|explained|responded|summarised|outlined)\b",
)
_MONTH = MONTH
_DATE_SPAN = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s*(-\s*\d{{1,2}}\s+)?{_MONTH}\b[ ,]*(\d{{4}})?"
    rf"|\b{_MONTH}[ -]\d{{2,4}}\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|\bdate\s*:",
    re.I,
)


# Money named in a how-much question: only a sum of money answers it, not "49%".
_MONEY_WORDS = (
    r"fund\w*|money|cost\w*|spen[dt]\w*|invest\w*|budget\w*|pa(?:y|id)\w*|grants?|pounds?|fees?|"
    r"salar\w*|wages?|pric\w*|charg\w*|rent|fines?"
)
# "How much funding …", not "how much have services improved".
_HOW_MUCH = re.compile(
    rf"\b(?:how\s+much|what\s+(?:amount|sum))\b(?=.*\b(?:{_MONEY_WORDS}|savings?|million|"
    r"allocat\w*|extra|additional|tax|rais\w*|ris(?:e|en)|increas\w*|up\s+by)\b)"
    r"|\bhow\s+much\b.*£"
    # "What salary is …", "what is Surrey's adult social care budget?": a sum of money.
    r"|\bwhat(?:\s+(?:is|was|are|were)\b|['’]s)\s+(?:[\w'’/-]+\s+){0,6}?"
    r"(?:budget|salary|salaries|wages?|cost|price|fees?|rent)\b(?!\s+pressures?\b)"
    r"|\bwhat\s+(?:budget|salary|wages?|cost|price|fees?|rent)\b",
    re.I,
)
_MONEY_ASKED = re.compile(rf"£|\b(?:{_MONEY_WORDS})\b", re.I)
# "What % of social workers were agency staff?", "what proportion of care leavers are in
# education?": a share, which a report gives as a percentage or a fraction.
_SHARE_ASKED = re.compile(
    r"\bwhat\s+(?:%|per\s*cent(?:age)?\b|percentage\b|proportion\b|fraction\b|share\s+of\b)"
    r"|\bhow\s+many\s+per\s*cent\b",
    re.I,
)
_MONEY_SPAN = re.compile(r"£\s?\d|\b\d[\d,.]*\s*(?:pounds|million|m|bn|billion|k)(?!\w)", re.I)
_HOW_BIG = re.compile(r"\bhow\s+(?:big|large|small)\b", re.I)
# "What's her name?": a person asked for by name.
_NAME_ASKED = re.compile(
    r"\bwhat(?:['’]?s|\s+is|\s+was)\s+(?:his|her|their)\s+names?\b"
    r"|\b(?:his|her|their)\s+names?\s*\??\s*$",
    re.I,
)


def without_kind_asked(question: str) -> str:
    """``question`` without the words that only ask for a kind of answer: "how big / large /
    small" asks for a number, not for the word "big" ("how big was the team?": "The inspection
    team consisted of two HMI"); "what's her name" for a person ("Executive Director of
    Families Emma Bennett")."""
    return _FIGURES_ASKED.sub(" ", _NAME_ASKED.sub(" ", _HOW_BIG.sub(" ", question)))


# "Any figures on that?", "what were the numbers?": a number of the topic, not the word
# "figures" ("a low figure"). Asked first: "did Haringey hold any data on …" asks whether.
_FIGURES = (
    r"^\W*(?:(?:and|so|ok)\s+)?(?:any|what\s+(?:are|were)\s+the)\s+"
    r"(?:figures|numbers|stats|statistics)\b"
)
_FIGURES_ASKED = re.compile(_FIGURES, re.I)


# "The number of …" asks for one unless the question asks whether ("did Wokingham think the
# number of inspectors was fair?", "has the number of children in care risen?").
_HOW_MANY = re.compile(
    r"\bhow\s+many\b|\bwhat\s+number\b"
    rf"|{_FIGURES}"
    # "average caseload per social worker?": a figure ("above the national average" compares).
    r"|(?<!above\s)(?<!below\s)(?<!national\s)\b(?:average|avg)\s+(?!for\b|than\b)[a-z]"
    r"|^(?!\W*(?:and\s+)?(?:did|does|do|is|was|were|are|has|have|had|can|could|should|would)\b)"
    r".*\b(?:number|count)\s+of\b",
    re.I,
)
# An amount: money, or a number with a unit of amount ("£5.5 million", "12 per cent").
_AMOUNT_SPAN = re.compile(
    r"£\s?\d|\b\d[\d,.]*\s*(?:million|m|bn|billion|k|thousand|per\s*cent|%)(?!\w)|\d%"
    # A share in words: "half of the current social workers are locums", "over half are not
    # completed", "Thirty-three per cent (70) were NEET"; not an age or a time ("at 17 and a
    # half").
    r"|(?<!and\sa\s)\b(?:half|a\s+third|two\s+thirds|a\s+quarter|three\s+quarters)\b"
    r"|\b[a-z]+(?:-[a-z]+)?\s+per\s*cent\b",
    re.I,
)
# A count: a number that is not a year, a date's day or a list label, or a number word.
# The numbers said in words that count something ("five areas for improvement").
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    "|fifty|hundred"
)
# Words after which a number labels a part of a document or is an age, not a count.
_LABELS = ("enabler", "paragraph", "paragraphs", "para", "page", "appendix", "age\\sof")
_COUNT_SPAN = re.compile(
    # Not a paragraph's number ("3.1 The Cabinet Panel …"), a short date ("in Jan 19") nor the
    # first day of a range ("on 6 and 7 February", "22 - 23 October"), nor a label or an age
    # ("(enabler 2, national framework)", "paragraph 64", "up to the age of 25"), nor a page
    # number the PDF left in a word ("co- 8 located").
    r"(?<![\d£.,/-])(?<!\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s)"
    + "".join(rf"(?<!\b{label}\s)" for label in _LABELS)
    + r"(?<!-\s)"
    rf"\b(?!(?:19|20)\d\d\b)\d[\d,]*\b(?!\.\d|[.)]\s|\s*(?:st|nd|rd|th)\b|\s+{_MONTH}\b"
    rf"|\s*(?:and|to|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b)"
    rf"|\b(?:{_NUMBER_WORDS}|dozen|several)\b"
    # A share is a count of a kind: "half of the current social workers are locums".
    r"|\b(?:half|a\s+third|two\s+thirds|a\s+quarter|three\s+quarters)\s+of\b",
    re.I,
)

# The words after "how many" up to the first that is no part of the thing counted: "how many
# LAC did Barnsley have?" counts LAC, "how many extra social workers …" social workers.
_COUNTED = re.compile(
    r"\b(?:how\s+many|(?:the\s+)?number\s+of)\s+((?:(?!(?:did|do|does|are|were|is|was|have|has"
    r"|had|will|would|can|could|in|at|on|for|from|with|by|there|they|we|it|the)\b)[\w'’-]+\s*){1,4})",
    re.I,
)
# A number counting what follows it ("227 children", "an additional 24 social workers"),
# not a share ("62% of children") nor a year.
_COUNTING = re.compile(
    rf"(?<![\d£.,/-])\b(?!(?:19|20)\d\d\b)(\d[\d,]*|{_NUMBER_WORDS})\b"
    r"(?!\s*(?:%|per\s*cent|\.\d))"
    r"((?:\s+[\w'’-]+){1,4})",
    re.I,
)


def counted_terms(question: str) -> tuple[str, ...]:
    """The stemmed words naming what "how many" counts, in order ("how many extra social
    workers …" → extra, social, worker): the last is what is counted."""
    match = _COUNTED.search(question)
    return tuple(tokenize([match.group(1)])[0]) if match else ()


def counts(span: str, counted: str, names: tuple[frozenset[str], ...] = ()) -> bool:
    """Whether ``span`` gives a number of the thing counted: the ``counted`` word within the
    four words after a number ("an additional 24 social workers"), or a word of one of its
    other ``names`` there with the rest of that name in the span ("227 children were being
    looked after" for LAC; not "367 children looked after" for UASC)."""
    words: frozenset[str] | None = None
    for match in _COUNTING.finditer(span):
        after = set(tokenize([match.group(2)])[0])
        if counted in after:
            return True
        for name in names:
            if after & name:
                words = frozenset(tokenize([span])[0]) if words is None else words
                if name <= words:
                    return True
    return False


# "Did Ofsted find any children at risk?", "were any under-16s in unregistered homes?": a
# yes-or-no question about whether there were any, which reports answer in the negative
# ("no children were found to be …") as often as not. "So were they in touch with all of
# them?" likewise: "not in touch with 25% of its care leavers", "not all care leavers …".
_ANY_ASKED = re.compile(
    r"^\W*(?:(?:and|so|ok)\s+)?(?:did|do|does|were|was|is|are|has|have|had)\b[^?]*\b(?:any|all)\b"
    # "Any better?" asks for a comparison; "any mention of young carers?" for what is said;
    # "have they added any more advisers?" for how many were added.
    r"(?!\s+(?:good|better|worse|different|longer|mention|reference|information|detail"
    r"|more|extra|additional|new)\b)",
    re.I,
)
_NEGATION_SPAN = re.compile(
    r"\b(?:no|none|never|nothing|nobody|neither)\b(?!\s+longer)"
    r"|\b(?:did|does|do|was|were|is|are|has|have|had)\s+not\b|\bnot\s+(?:any|all|every\w*|identif\w*|found|seen)\b",
    re.I,
)
_GRADE_WORDS = re.compile(rf"\b(?:{GRADE_ASKED})\b", re.I)
# "How good is the support for care leavers?" asks how an area was judged; "how well does it
# handle private fostering?" asks what inspectors found, there being no grade for that.
_HOW_GOOD = re.compile(r"\bhow (good|effective|well)\b", re.I)
_OTHER_JUDGEMENTS = re.compile(OTHER_JUDGEMENTS, re.I)
# A judgement: a table row "... | Grade: Good", or a line ending in a grade (older reports:
# "1. Children who need help and protection Requires improvement").
_GRADE_SPAN = re.compile(
    r"\bGrade:\s*\w"
    r"|^[^\n]{5,160}\s(Outstanding|Good|Requires improvement( to be good)?|Inadequate)\s*:?\s*$",
    re.M,
)


# "Herefordshire was judged good in 2026 - what did it need to improve?": what comes before the
# dash sets the scene; the question after it is what is asked.
_SCENE_THEN_QUESTION = re.compile(
    r"\s[-–—]\s+(?=(?:what|who|whom|when|how|which|why|where|was|were|is|are|did|does|do|has"
    r"|have|had|can|could|will)\b)(?!.*\s[-–—]\s)",
    re.I,
)


def answer_type(question: str) -> str | None:
    """ORGANISATION for who runs a service, PERSON for other who-questions, DATE for
    when-questions, DURATION for how long, MONEY or AMOUNT for how much (MONEY when money is
    named), COUNT for how many, GRADE for how-was-it-judged questions, NEGATIVE for whether
    there were any, else None. Of a question after a scene-setting dash, that question's."""
    if scene := _SCENE_THEN_QUESTION.search(question):
        question = question[scene.end() :]
    if _WHO_RUNS_A_SERVICE.search(question):
        return ORGANISATION
    if (_WHO.search(question) and not _WHO_COMPARES.search(question)) or _NAME_ASKED.search(
        question
    ):
        return PERSON
    if _WHEN.search(question):
        return DATE
    if _HOW_LONG.search(question):
        return DURATION
    if _HOW_MUCH.search(question):
        return MONEY if _MONEY_ASKED.search(question) else AMOUNT
    if _SHARE_ASKED.search(question):
        return AMOUNT
    if _HOW_MANY.search(question):
        return COUNT
    if _HOW_BIG.search(question):
        # "How big was the team?", "how large are caseloads?": a number of them (of pounds,
        # when money is named).
        return MONEY if _MONEY_ASKED.search(question) else COUNT
    judged = _GRADE_WORDS.search(question) or (_HOW_GOOD.search(question) and areas_named(question))
    if judged and not _OTHER_JUDGEMENTS.search(question):
        return GRADE
    if _ANY_ASKED.search(question):
        return NEGATIVE
    return None


# A sentence that gives a grade in prose: "rated as 'good' overall", "judged to be
# outstanding", "the 'good' rating", "are inadequate".
_GRADE_SAID = re.compile(
    rf"\b(?:rated|judged|graded|found|awarded|given|received|achieved|is|are|was|were|remains?)"
    rf"\s+(?:as\s+|to\s+be\s+|an?\s+|overall\s+)*['‘’\"]?(?:{GRADE_WORDS})\b"
    rf"|['‘’\"](?:{GRADE_WORDS})['‘’\"]\s+(?:rating|grade|judgement|overall)",
    re.I,
)
# The words of a question that ask for a grade ("what grade did they get?", "which judgement
# was weakest?"): a sentence that gives one answers them, whatever its own words.
_GETTING = frozenset({"get", "got", "receive", "received"})
GRADE_ASKING = frozenset(
    tokenize([" ".join(sorted(GRADE_ASKED_WORDS | GRADE_RANKING_WORDS | _GETTING))])[0]
)


# The words of a how-much question that ask for money ("how much extra money did they put
# in?"): a sentence stating a sum answers them, whatever its own words ("investing an
# additional £5.5 million").
MONEY_ASKING = frozenset(
    tokenize(
        [
            # Only words for money itself: "budget", "pay", "cost" name what is asked about.
            """money funding funds fund pounds extra additional much put"""
        ]
    )[0]
)


# The words of a who-runs question that ask who runs it ("who actually runs social care
# there?"): a sentence naming the body a service is run by answers them, whatever its own verb
# ("… are delivered by Northamptonshire Children's Trust").
RUNNING_ASKING = frozenset(tokenize([" ".join((*RUNNING_VERBS, "actually"))])[0])


# The words of a who-question that ask who spoke ("who was quoted?", "did the chief exec
# comment?"): a sentence quoting someone answers them, whatever its own words ("Councillor
# Jones said: …").
QUOTE_ASKING = frozenset(
    tokenize(["""quoted quote quotes comment commented comments spoke speaking responded"""])[0]
)
_QUOTATION_SPAN = re.compile(
    r"[“\"][^”\"]{20,}[”\"]|\b(?:said|says|commented|added|welcomed)\b[^.]{0,3}[:,]?\s*[“\"]"
    r"|[”\"],?\s+(?:said|says|added|commented)\b"
)


# "What did she say about the report?", "what did the director say?": a person's own words,
# which a quotation gives (not Ofsted's: "what did Ofsted say?" asks for its findings).
_SAID_BY_SOMEONE = re.compile(
    r"\b(?i:what\s+(?:did|does|has|had))\s+(?:(?i:she|he|the\s+(?:director|dcs|leader|chair"
    r"|mayor|minister|councillor|chief\s+executive|cabinet\s+member|lead\s+member"
    r"|portfolio\s+holder))|[A-Z][a-z]+\s+[A-Z][a-z]+)\s+(?i:say|said|tell|told)\b"
)


def asks_what_someone_said(question: str) -> bool:
    """Whether ``question`` asks for what a person said (a quotation answers it)."""
    return bool(_SAID_BY_SOMEONE.search(question))


def quotes_someone(span: str) -> bool:
    """Whether ``span`` quotes a speaker (a quotation, or "X said: …")."""
    return bool(_QUOTATION_SPAN.search(span))


def states_grade(span: str) -> bool:
    """Whether ``span`` gives a grade: a judgement row or heading, or in prose."""
    return bool(_GRADE_SPAN.search(span) or _GRADE_SAID.search(span))


# A change asked about: compared or changed, or better, worse, improved since an earlier time.
_CHANGED = re.compile(r"\b(?:compar\w*|chang(?:e|ed|es))\b", re.I)
_BETTER_OR_WORSE = re.compile(
    r"\b(?:better|worse|different|improv(?:e|ed|ing)|declin\w*|deteriorat\w*|downhill|backwards)\b",
    re.I,
)
_EARLIER = re.compile(
    r"\b(?:since|last\s+time|last\s+(?:one|inspection|ilacs)|previous|before|earlier|prior"
    r"|(?:19|20)\d\d\b[^?]*\b(?:19|20)\d\d)\b",
    re.I,
)
# How a report compares the whole service with the inspection before, as its summary opens:
# "Since the last inspection in 2019, when services were judged to be outstanding, …", "In
# 2021, children's services … were judged by Ofsted to be inadequate",
# "Services for children … have improved significantly since the previous inspection".
# Not a topic's own comparison ("practice with disabled children has improved since the last
# inspection"): those are many, and a change of the service asked for is not theirs.
_CHANGE_SPAN = re.compile(
    r"\b(?:when|in\s+(?:\w+\s+)?(?:19|20)\d\d,)\s+(?:[\w'’-]+\s+){0,8}?(?:was|were)\s+"
    r"(?!not\b)(?:\w+\s+){0,2}?(?:judged|graded|rated)\b"
    r"|\bservices\b[^.]{0,80}?\b(?:have|has)\s+(?:\w+\s+)?(?:improved|declined|deteriorated)\b"
    r"[^.]{0,40}?\bsince\s+(?:the|its)\s+(?:last|previous)\s+inspection"
    # A new council's first report: "Children's services in the predecessor local authority,
    # Cumbria County Council, were judged requires improvement to be good in November 2022."
    r"|\bpredecessor\b[^.]{0,80}?\b(?:was|were)\s+(?!not\b)(?:\w+\s+){0,2}?(?:judged|graded|rated)\b",
    re.I,
)
_CHANGE_NEEDS = ("judged", "graded", "rated", "since")
# A change asked of the whole service names nothing else ("has it got better since?"; not
# "has private fostering got better since?").
_CHANGE_FRAME = frozenset(
    tokenize(
        [
            "compare compared comparison change changed changes better worse different improve "
            "improved improving decline declined deteriorate deteriorated downhill backwards since "
            "last time previous before earlier prior got get gone inspection ilacs report one "
            "overall effectiveness services rated rating judged graded"
        ]
    )[0]
)


def asks_change(question: str, topic: tuple[str, ...]) -> bool:
    """Whether ``question`` asks how the service changed between inspections ("how does that
    compare with last time?", "has it got better since 2019?", "what had changed by 2024?");
    ``topic``: its stemmed topic words, which must be the change's frame or years alone."""
    if any(t not in _CHANGE_FRAME and not t.isdigit() for t in topic):
        return False
    if _CHANGED.search(question):
        return True
    return bool(_BETTER_OR_WORSE.search(question) and _EARLIER.search(question))


def offers(kind: str | None, span: str) -> bool:
    """Whether ``span`` holds an answer of the kind asked for."""
    if kind == PERSON:
        return bool(_PERSON_SPAN.search(span))
    if kind == DATE:
        return bool(_DATE_SPAN.search(span))
    if kind == GRADE:
        return bool(_GRADE_SPAN.search(span))
    if kind == AMOUNT:
        return bool(_AMOUNT_SPAN.search(span))
    if kind == MONEY:
        return bool(_MONEY_SPAN.search(span))
    if kind == COUNT:
        return bool(_COUNT_SPAN.search(span) or _AMOUNT_SPAN.search(span))
    if kind == NEGATIVE:
        return bool(_NEGATION_SPAN.search(span))
    if kind == ORGANISATION:
        return bool(_ORGANISATION_SPAN.search(span))
    if kind == DURATION:
        return bool(_DURATION_SPAN.search(span))
    if kind == CHANGE:
        # Every form says judged, graded or rated, or "since": the pattern only where one is.
        low = span.lower()
        return any(w in low for w in _CHANGE_NEEDS) and bool(_CHANGE_SPAN.search(span))
    if kind == QUOTE:
        return any(q in span for q in '"“”') and bool(_QUOTATION_SPAN.search(span))
    return False


_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z]{2,}\b")
# Acronyms anywhere ("CQC", "GCSE", "SATs", "LADO"): names of bodies and things just as much.
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
# "Hertfordshire CC", "Rochdale MBC": the council's own abbreviation.
_GENERIC = frozenset(
    """ofsted council county cabinet panel children services service inspection report
    councillor cllr director leader leaders member members team what who when which how
    ilacs sif uk la las cc mbc""".split()
)


# A gloss in brackets ("the allegations against staff (LADO) service") or one of two names
# for one thing ("autism/ADHD assessments") says what the words beside it say, which the
# evidence may use instead: neither is a name it must contain.
_ASIDE = re.compile(r"\([^)]*\)|[\w'’-]+\s*/\s*[\w'’-]+")


def named_terms(question: str) -> list[str]:
    """Stemmed proper names in the question (capitalised words not opening a sentence, and
    acronyms), e.g. "Lester" in "Which recommendations did Councillor Lester propose?", "CQC"
    in "What did the CQC say about adult social care?"; generic words such
    as "Cabinet" or "Ofsted" are left out. Authorities should be stripped beforehand."""
    question = _ASIDE.sub(" ", question)
    found = _CAPITALISED.findall(question) + _ACRONYM.findall(question)
    # A month says when (the question's time), not what the evidence must name: a report
    # published in "August" took place in June.
    words = [w for w in found if w.lower() not in _GENERIC and w.lower() not in MONTH_NUMBERS]
    return list(dict.fromkeys(tokenize([" ".join(words)])[0])) if words else []
