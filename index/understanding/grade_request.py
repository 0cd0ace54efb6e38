"""Whether a question asks for Ofsted grades (or inspection dates and inspector), and which.

"How was Calderdale judged for care leavers?", "when was Hertfordshire last inspected and by
whom?", "how have Calderdale's grades changed?", "which authorities were judged outstanding
for care leavers in 2023?". Anything else is not a grade request.
"""

import re
from dataclasses import dataclass, replace

from index.gazetteer import find_authority_spans
from index.retrieval.lexical import tokenize, topic_terms
from index.understanding.lexicon import (
    AREAS,
    GRADE,
    GRADE_AS_VERB,
    GRADE_ASKED,
    GRADE_ASKED_WORDS,
    GRADE_QUESTION_WORDS,
    GRADE_RANKING_WORDS,
    INSPECTION_RESULT,
    MONTHS,
    OTHER_JUDGEMENTS,
    PASS_OR_FAIL,
    TO_DO_BETTER,
)
from index.understanding.query import YEAR, When, strip_authorities

# "Who led the inspection of …", "who led Barnet's children's services inspection", "which
# inspector led …": the lead inspector, by any wording.
_WHO_LED = (
    # "Who led York's 2025 ILACS?": the framework's name for the inspection.
    r"(?:led|lead)\s+(?:[\w'’-]+\s+){0,6}?(?:(?:re-?)?inspection|ilacs|sif)|which\s+(?:inspector|hmi)|"
    r"(?:inspector|hmi)\s+(?:who\s+)?led|lead\s+hmi|(?:inspector|hmi)\s+in\s+charge|"
    # "Who headed (up) the 2016 single inspection?"; not "who headed children's services
    # during the inspection?" (the director).
    r"head(?:ed)?\s+(?:up\s+)?(?:(?!services\b|department\b|council\b)[\w'’-]+\s+){0,6}?"
    r"(?:(?:re-?)?inspection|ilacs|sif)|"
    r"(?:who|which)\s+(?:was|were)\s+the\s+(?:(?:lead|main|senior|chief|head)\s+)?"
    r"(?:inspectors?|hmi)|"
    # "Who was in charge of the Ofsted team?", "who led Ofsted's team in 2024?"
    r"(?:led|lead|headed|in\s+charge\s+of)\s+(?:the\s+)?"
    r"(?:ofsted(?:['’]s)?\s+(?:inspection\s+)?|inspection\s+)team\b|"
    # "Who carried out North Somerset's 2017 inspection?"; "who did / ran the Bury
    # inspection in 2016?" (not "who did the inspection criticise?").
    r"who\s+(?:carried\s+out|conducted|undertook)\s+(?:[\w'’-]+\s+){0,5}?(?:re-?)?"
    r"(?:inspection|ilacs|sif)|"
    r"who\s+(?:did|ran)\s+(?:[\w'’-]+\s+){0,5}?(?:re-?)?(?:inspection|ilacs|sif)"
    r"(?=(?:\s+(?:in|of|for)\s+(?:\w+\s+)?(?:19|20)\d\d)?\s*(?:\?|$))|"
    # A follow-up's "who led it?", "who led the previous one?": the inspection talked about.
    r"who\s+led\s+(?:it|that|this|the\s+(?:[\w-]+\s+){0,2}?one)\b"
)
# "When did Ofsted last inspect …", "when was …'s latest inspection carried out?", "what dates
# did the Wakefield inspection take place?"
_WHEN_INSPECTED = (
    # "When in 2020 did Ofsted inspect Halton?": the time it is asked within, said first.
    # "Over what period was it carried out?"
    r"(?:when|(?:what|which)\s+(?:dates?|days?|weeks?|months?|period|time\s*frame))\s+"
    r"(?:in\s+(?:\w+\s+)?(?:19|20)\d\d,?\s+)?(?:did|was|were|had|has|have)\b"
    # "When were Ofsted last in Devon?", "when did Ofsted come in?": Ofsted's visit; "which
    # month was the 2018 reinspection?", "when was the Bury SIF?", "what date did fieldwork end?"
    r"(?![^?]*\b(?:publish|monitoring|focused))[^?]*\b(?:(?:re-?)?inspect\w*|ilacs|sif|fieldwork"
    r"|ofsted\s+(?:last\s+)?(?:in|come|came|visit\w*|arriv\w*|on\s+site)\b"
    # "When were they actually on site?", "when did ofsted go in for it?"
    r"|(?:they|inspectors?|ofsted)\s+(?:actually\s+)?(?:on\s+site|(?:go|went|come|came)\s+in)\b)"
)
# "Were care leavers better or worse served in 2021 than in 2017?": a comparison between
# inspections, which their grades answer; not what it "needs to do better" (to improve).
_BETTER_OR_WORSE = r"(?<!to do )(?<!to get )better|worse"
_TO_DO_BETTER = re.compile(TO_DO_BETTER, re.I)
# "How has Peterborough changed since its 2018 inspection?": a change of grades, as much as
# of what the reports say.
_SINCE_INSPECTION = (
    r"(?:chang|improv|declin|deteriorat)\w*\s+since\s+(?:its|the|their)?\s*(?:\w+\s+)?"
    r"(?:(?:19|20)\d\d\s+)?(?:ofsted\s+)?(?:inspection|ilacs)"
)
# "The dates of Barnsley's 2023 inspection", "how long did the Wiltshire inspection last?",
# "how many days was it?", "start date of the Medway inspection": its dates, from the table.
_DATES_ASKED = (
    # "What were the fieldwork dates?": Ofsted's word for its days on site.
    # "The timeframe of the Luton 2016 inspection".
    r"(?:inspection|ilacs|fieldwork)\s+dates?"
    r"|(?:(?:start|end|first|last)?\s*dates?|time\s*frame|period)\s+(?:of|for)\s+"
    r"(?:[\w'’-]+\s+){0,5}?(?:inspection|ilacs|visit|fieldwork)|"
    r"how\s+(?:long\s+(?:did|was|were)|many\s+(?:days|weeks)\s+(?:did|was|were))\s+"
    r"(?:[\w'’-]+\s+){0,7}?(?:inspection|ilacs|visit|fieldwork)"
    # "How long were Ofsted on site?", "how many days were the inspectors in Hull?"
    r"|how\s+(?:long|many\s+(?:days|weeks))\s+(?:did|was|were)\s+(?:the\s+)?(?:ofsted|inspectors?|they)\s+"
    r"(?:on\s+site|in|there|spend|stay)\b"
    # "Rotherham's 2018 re-inspection (the one that went to good) - when did it take place?"
    r"|(?:inspection|ilacs)\b[^?]*\bwhen\s+(?:did|was)\s+(?:it|that|this)\s+(?:actually\s+)?"
    r"(?:take\s+place|happen|held|carried\s+out)"
    # "Bury 2016 inspection - when was that?"
    r"|(?:inspection|ilacs|sif)\s*[-–—:,]\s*when\s+was\s+(?:it|that|this)\s*(?=\?|$)"
)
# "How long ago was Calderdale's last inspection?": when it was.
_LONG_AGO = r"how\s+long\s+ago\s+(?:was|were|did)\b[^?]{0,40}?\binspect\w*"
_LONG_AGO_ASKED = re.compile(_LONG_AGO, re.I)
_WHO_LED_ASKED = re.compile(_WHO_LED, re.I)
# "How was Herefordshire rated in its last two inspections?": those, oldest first, as a change.
_LAST_FEW = re.compile(
    r"\b(?:last|latest|most\s+recent|past)\s+(two|three|four|2|3|4)\s+(?:ofsted\s+)?"
    r"(?:inspections|ilacs\s+inspections|grades|ratings|judgements|reports)\b",
    re.I,
)
_FEW = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
_COMPARED = re.compile(r"\b(?:compar\w*(?:\s+(?:with|to|against))?|vs\.?|versus)\b", re.I)
_CUE = re.compile(
    rf"\b(?:{GRADE_ASKED}|inspected|lead\s+inspector|ofsted\s+(?:result|outcome)|{_WHO_LED}|"
    rf"{_LONG_AGO}|"
    rf"{_WHEN_INSPECTED}|{_DATES_ASKED}|{_BETTER_OR_WORSE}|{_SINCE_INSPECTION})\b|{GRADE}",
    re.I,
)
_SINCE_INSPECTION_ASKED = re.compile(_SINCE_INSPECTION, re.I)


# "Did Blackpool get better between 2018 and 2022?", "has it improved since 2019?": a change
# of grades between the years named, in words that name no grade.
def _moved_from_a_year(words: str, after: str = "between|from|since") -> re.Pattern[str]:
    """``words`` (what moved) a few words before "between / from / since <year>" (``after``)."""
    return re.compile(
        rf"\b(?:{words})\s+(?:[\w'’-]+\s+){{0,3}}?(?:{after})\s+"
        r"(?:the\s+|its\s+)?(?:19|20)\d\d\b",
        re.I,
    )


# Not what it "needs to improve from its 2022 ILACS": that inspection's list.
_CHANGE_BETWEEN = _moved_from_a_year(
    r"better|worse|(?<!to\s)improv\w*|declin\w*|deteriorat\w*|progress\w*|downhill"
    # "Has Suffolk gone backwards since 2019?", "did it slip?"
    r"|backwards?|slipp?\w*"
)
_GRADE_ASKED = re.compile(rf"\b(?:{GRADE_ASKED})\b", re.I)
_CHANGED_SINCE = _moved_from_a_year(r"chang\w*")
# The grades asked since a year ("how has Derby been rated since 2015?", "what grades has it
# had since 2016?"): each inspection's from then on, as "how has it changed since 2015?".
# Not "from" ("what grade did Halton get from the 2020 ILACS?" is that inspection's).
_GRADED_SINCE = _moved_from_a_year(r"rated|judged|graded|ratings?|grades?|judgements?", "since")
# The words a question asking only about grades uses (stemmed as the lexical index stems).
GRADE_QUESTION_STEMS = frozenset(
    tokenize([" ".join(sorted(GRADE_ASKED_WORDS | GRADE_QUESTION_WORDS | set(MONTHS)))])[0]
)
_GRADE_AS_VERB = re.compile(GRADE_AS_VERB, re.I)
_RESULT = re.compile(rf"\b(?:{INSPECTION_RESULT}|{PASS_OR_FAIL})\b", re.I)
_INSPECTION_WHEN = re.compile(
    r"\b(who\s+(?:inspected|led|was\s+the\s+lead)|lead\s+inspectors?|by\s+whom|"
    + _WHO_LED
    + "|"
    + _WHEN_INSPECTED
    + "|"
    + _DATES_ASKED
    + r"|last\s+inspected|"
    + _LONG_AGO
    + r")\b",
    re.I,
)
# What kind of inspection it was: "what sort of visit was that?", "was it a full inspection?",
# "was that a normal SIF or a re-inspection?". The report's cover names it.
_KIND_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:kind|type|sort)\s+of\s+(?:ofsted\s+)?(?:inspection|visit|review"
    r"|report|ilacs)\b"
    r"|\bwas\s+(?:it|that|this)(?:\s+one)?\s+(?:a|an)\s+(?:full|standard|short|normal|proper"
    r"|joint|re-?inspection|sif|single\s+inspection)\b"
    r"|\b(?:sif|inspection|ilacs)\s+or\s+(?:a\s+)?re-?inspection\b",
    re.I,
)
# When its report was published ("when did the sheffield report come out?", "publication date
# of lancashire's re-inspection report"): of an inspection report, not of a council's own
# paper, a plan, a visit's letter or another kind of review (which the table does not hold);
# "when was it published?" is of whatever the last answer read; "how long after the inspection
# did the report come out?" is both dates, which its answer gives.
_PUBLISHED_ASKED = re.compile(
    r"^(?![^?]*\b(?:press|release|minutes|article|story|bulletin|news|statement|letter|podcast"
    r"|interview|paper|cabinet|committee|jtai|joint|lscb|board|review|monitoring|focused|visit"
    r"|plan)\b)(?=[^?]*\b(?:report|inspection|ofsted|ilacs|sif)\b)(?:[^?]*\b(?:when|how\s+long|what\s+date|which\s+date|date)\b[^?]*"
    r"\b(?:publish\w*|(?:come|came)\s+out|released|(?:go|went|gone|made)\s+public)\b|[^?]*\bpublication\s+date\b"
    r"|[^?]*\bdate\s+of\s+publication\b)",
    re.I,
)
# "When did the inspection that came out in August 2018 take place?": its dates, not the report's.
_TOOK_PLACE = re.compile(r"\b(?:take|took)\s+place|on\s+site|carried\s+out|happen\w*", re.I)
# Who made up the inspection team, or how many: "how many inspectors did Ofsted send?", "how
# big was the inspection team?", "who else was on the team?" (a report's own sentence and
# list of team inspectors answer; not "how many people did the inspectors talk to?").
_TEAM_ASKED = re.compile(
    r"\bhow\s+many\s+(?:inspectors|hmis?)\b(?!\s+(?:spoke|talked|met|saw|visited|looked))"
    r"|\bhow\s+many\s+(?:people|staff)\s+(?:were\s+)?(?:on|in)\s+the\s+(?:ofsted\s+|inspection\s+)*team\b"
    r"|\bhow\s+(?:big|large)\s+(?:was|were|is)\s+(?:the|their|its)\s+(?:ofsted\s+|inspection\s+)*team\b"
    r"|\b(?:size|make-?up)\s+of\s+the\s+(?:ofsted\s+|inspection\s+)*team\b"
    r"|\bwho\s+(?:else\s+)?(?:was|were)\s+(?:on|in)\s+the\s+(?:ofsted\s+|inspection\s+)*team\b"
    r"|\b(?:the\s+)?(?:team|other)\s+inspectors\b",
    re.I,
)
# An inspection's lead inspector asked for, not its dates: the inspector is said first.
_WHO_ASKED = re.compile(r"\b(?:who|whom|inspectors?|hmi|led|lead)\b", re.I)
_WHEN_ASKED = re.compile(
    r"\b(?:when|dates?|dated|how\s+long|how\s+many\s+(?:days|weeks)|on\s+site)\b", re.I
)
_LIST = re.compile(
    r"\b(which|what|list|how\s+many)\b.*\b(authorities|councils|local\s+authorities|las)\b", re.I
)
# "Which councils are currently rated outstanding?": each one's latest inspection.
_CURRENT = re.compile(
    r"\b(?:current(?:ly)?|(?:right\s+)?now|at\s+(?:the\s+)?(?:moment|present)|these\s+days"
    r"|today|rn"
    r"|latest|most\s+recent)\b",
    re.I,
)
# "Which council is best for children's services?", "which LA has the worst rating?".
_BEST_COUNCIL = re.compile(
    r"\b(?:which|what)\s+(?:council|authority|local\s+authority|la)s?\s+"
    r"(?:is|are|was|were|has|have|had|got|gets)\s+(?:the\s+)?"
    r"(best|worst|strongest|weakest|highest|lowest|top)\b",
    re.I,
)
# "Were any areas judged inadequate?", "was anything outstanding?", "which judgements were
# good?": about every area of one inspection, not the overall grade.
_AREA_NOUN = r"(?:areas?|judgements?|judgments?|parts?|aspects?)"
_AREA_NOUNS = rf"(?:of\s+the\s+)?(?:{_AREA_NOUN}|services)"
_ANY_AREA = re.compile(
    rf"\b(?:any(?:thing|where)?|every(?:thing)?|none)\b"
    rf"|\b(?:which|what|all|any|no|how\s+many)\s+{_AREA_NOUNS}\b",
    re.I,
)
_HOW_MANY = re.compile(r"\bhow\s+many\b", re.I)
# "Which area scored lowest?", "what was Devon's weakest judgement?": every area of one
# inspection, the lowest (or highest) graded first. The word qualifies an area (not "what
# is Derby best at?", "the best support for care leavers").
_WHICH_AREA = re.compile(rf"\b(?:which|what)\s+{_AREA_NOUN}\b", re.I)
_SUPERLATIVE = rf"({'|'.join(sorted(GRADE_RANKING_WORDS))})"
_RANKED = re.compile(
    rf"\b{_SUPERLATIVE}(?:[\s-]+(?:rated|graded|judged|scored|scoring))?\s+{_AREA_NOUN}\b"
    rf"|\b{_AREA_NOUN}\s+(?:\w+\s+){{0,3}}?(?:was|were|is|got|scored|received|came\s+out)"
    rf"\s+(?:the\s+)?{_SUPERLATIVE}\b"
    # "Which area was Blackpool weakest in?"
    rf"|\b(?:which|what)\s+{_AREA_NOUN}\s+(?:[\w'’-]+\s+){{1,4}}?{_SUPERLATIVE}\b",
    re.I,
)
# "What were Havering's grades?", "list its judgements": every area of one inspection.
_EVERY_GRADE = re.compile(
    r"\b(?:grades|judgements|judgments|ratings)\b|\bevery\s+(?:grade|judge?ment|rating)\b", re.I
)
# "Has Calderdale ever been rated outstanding?": every inspection, not the latest.
_EVER = re.compile(
    rf"\bever\s+(?:been\s+)?(?:(?:rated|judged|graded|got|received|had|achieved)\s+)?"
    rf"(?:an?\s+)?(?:{GRADE})\b"
    # "In what year was Hertfordshire rated outstanding?", "which year did it get inadequate?":
    # the inspections that gave the grade, as "ever".
    rf"|\b(?:in\s+)?(?:what|which)\s+years?\s+(?:was|were|did|has|had)\b"
    rf"[^?]{{0,60}}?\b(?:rated|judged|graded|got|get|received|achieved)\s+(?:an?\s+)?(?:{GRADE})\b"
    # "When was Calderdale judged good?" (a 2015 report's line on 2010 had answered), "When
    # did Bexley last get outstanding?": the inspections that gave it, the newest last.
    rf"|\bwhen\s+(?:did|was|were|has|had)\b[^?]{{0,60}}?\b(?:last\s+)?(?:been\s+)?"
    rf"(?:(?:rated|judged|graded|got|get|given|received|achieved)\s+)?(?:an?\s+)?(?:{GRADE})\b"
    # "Suffolk used to be outstanding didn't they - when was that?"
    rf"|\bused\s+to\s+be\s+(?:(?:rated|judged|graded)\s+)?(?:{GRADE})\b(?=[^?]{{0,50}}\bwhen\b)",
    re.I,
)
# "How many times has Blackpool been judged inadequate?": every inspection so judged, counted.
# "How many times has Herefordshire been inspected?", "how many inspections has Derby had?":
# every inspection the documents hold, counted.
_INSPECTIONS_COUNTED = re.compile(
    r"\bhow\s+(?:many\s+times|often)\b.{0,60}?\binspected\b"
    r"|\bhow\s+many\s+(?:ofsted\s+|full\s+|ilacs\s+)?inspections\b",
    re.I,
)
_SINCE_YEAR = re.compile(r"\bsince\s+(?:the\s+|its\s+)?((?:19|20)\d\d)\b", re.I)
_HOW_MANY_TIMES = re.compile(rf"\bhow\s+(?:many\s+times|often)\b.{{0,60}}?\b(?:{GRADE})\b", re.I)
# "Is Halton still inadequate?", "did Rotherham hold on to its good rating in 2022?", "did
# it stay good?": the grade at the time asked (the latest, undated) answers it.
_STILL = re.compile(
    r"\b(?:still|keep|kept|hold(?:ing)?\s+on\s+to|held\s+on\s+to|hang\s+on\s+to|retain(?:ed)?"
    r"|maintain(?:ed)?|stay(?:ed)?|remain(?:ed)?)\s+"
    rf"(?:(?:be|being|rated|judged|graded|its|their|the|a|as)\s+){{0,2}}(?:{GRADE})\b",
    re.I,
)
# "Has Herefordshire got out of inadequate yet?", "is Devon no longer inadequate?": the
# latest grade answers it too.
_OUT_OF = re.compile(
    r"\b(?:(?:get|gets|got|gotten|getting|come|comes|came|coming|move|moved|climb|climbed)"
    rf"\s+out\s+of\s+(?:being\s+|the\s+)?(?:rated\s+)?(?:{GRADE})(?:\s+yet)?"
    rf"|no\s+longer\s+(?:(?:be|being|rated|judged|graded|as)\s+){{0,2}}(?:{GRADE})"
    rf"|(?:{GRADE})\s+(?:any\s*more|yet))\b",
    re.I,
)
# "The experiences and progress of children …" names an area; it does not ask about change.
_CHANGE = re.compile(
    r"\b(chang\w*|improv\w*|declin\w*|(?<!and\s)progress(?:ed)?(?!\s+of\b)|compar\w*|"
    r"history|over\s+time|"
    r"went\s+from|gone\s+from|moved\s+from|trend|each\s+inspection|all\s+inspections|downhill|"
    rf"vs|versus|{_BETTER_OR_WORSE})\b",
    re.I,
)
# "Its previous inspection", "the inspection before last": the one before the newest; "its
# first ILACS inspection", "the earliest grade": the oldest.
_PREVIOUS = re.compile(
    r"\b(?:previous|prior|preceding|penultimate)\s+(?:ofsted\s+)?(?:inspection|ilacs|visit|one"
    r"|grades?|judgements?|ratings?|reports?)\b"
    r"|\b(?:inspection|one)\s+before\s+(?:the\s+)?(?:last|latest)(?:\s+one)?\b"
    r"|\b(?:one|time|inspection|visit)\s+before\s+(?:that|it|this)(?:\s+one)?\b"
    r"|\blast\s+but\s+one\b"
    # "rated before the last inspection", "its rating before last": the one before the newest.
    r"|\bbefore\s+(?:the\s+|its\s+|their\s+)?(?:last|latest|most\s+recent|current)"
    r"(?:\s+(?:ofsted\s+)?(?:inspection|ilacs|one|report|visit|grade|rating|judgement))?\b",
    re.I,
)
# "When is Calderdale's next inspection due?", "when will Ofsted next inspect Herts?": no
# report says; the latest inspection the documents hold is what they can give. Asked when
# (not "what did the next inspection find?", which is a later report's).
_NEXT_DUE = re.compile(
    r"\bnext\s+(?:ofsted\s+|full\s+|ilacs\s+|standard\s+)?(?:inspection|ilacs)\b"
    r"|\b(?:inspect|visit)\s+(?:[\w'’-]+\s+){0,3}?next\b|\bnext\s+(?:inspect|visit)\b"
    r"|\bdue\s+(?:an?\s+|its\s+|their\s+)?(?:ofsted\s+|full\s+)?inspection\b"
    r"|\bdue\s+to\s+be\s+inspected\b|\binspected\s+again\b",
    re.I,
)
_WHEN_DUE = re.compile(r"^\W*when\b|\bwhen['’]s\b|\bdue\b|\bwill\b|\bexpect|\bsoon\b", re.I)
_PAST = re.compile(r"\b(?:did|was|were|found|said|had)\b", re.I)
_FIRST = re.compile(
    # "The first of its two inspections".
    r"\b(?:first|earliest|original|oldest)\s+(?:of\s+(?:its|their|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:inspections?|ilacs|grades?|judgements?|ratings?|reports?)\b|\bearliest\b",
    re.I,
)
# "How was Cumberland rated before its first inspection?": the one before the oldest report.
_BEFORE_FIRST_SAID = re.compile(
    r"\bbefore\s+(?:its|their|the)\s+(?:first|earliest)\s+(?:ofsted\s+)?(?:inspection|ilacs)\b",
    re.I,
)
_FROM_TO = re.compile(rf"\bfrom\s+({GRADE})\s+to\s+({GRADE})\b", re.I)
# "What did inspectors note about …", "did Ofsted agree with …": a question about findings,
# answered from the text, unless it also asks for a grade outright.
_FINDING = re.compile(
    r"\b(?:say|said|note|noted|find|found|identif\w*|highlight\w*|comment\w*|think|thought|"
    r"agree\w*|describe\w*|report(?:ed)?\s+about|praise\w*|criticis\w*|concern\w*|why)\b",
    re.I,
)
_OTHER_JUDGEMENTS = re.compile(OTHER_JUDGEMENTS, re.I)

# "Rated before the 2019 inspection", "the inspection before 2025": a bound, not the year
# asked (for grades only: "funding before the 2019 inspection" is in the 2019 documents).
_BEFORE_YEAR = re.compile(
    # "Before the autumn 2018 ILACS": the season or month said of that inspection's year.
    r"\bbefore\s+(?:the|its|their)\s+(?:(?:spring|summer|autumn|winter|early|late|mid|"
    + "|".join(MONTHS)
    + r")\s+)?((?:19[89]\d|20\d\d))\s+(?:ofsted\s+)?"
    r"(?:inspection|ilacs|report|judgements?|visit|one)\b"
    # "Before the one published jan 2023", "before the inspection in May 2019".
    r"|\bbefore\s+(?:the|its|their)\s+(?:one|inspection|ilacs|report|visit)\s+"
    r"(?:(?:published|reported|done|held|carried\s+out|in|from|of|on)\s+)+"
    r"(?:[a-z]{3,9}\.?\s+)?((?:19[89]\d|20\d\d))\b"
    r"|\b(?:inspection|report|one|judgements?|visit)\s+before\s+(?:the\s+|its\s+)?"
    r"((?:19[89]\d|20\d\d))(?:\s+(?:one|inspection|ilacs|report|visit))?\b"
    # "Before 2023, when had Sheffield been inspected?"; "How was Bedford rated before 2025?",
    # "its grade prior to 2024": the year alone, with a grade asked, bounds it too.
    r"|(?:^\s*|\b)(?:before|prior\s+to)\s+((?:19[89]\d|20\d\d))\b",
    re.I,
)

# "When was the inspection after the 2013 one?", "its grades at the next inspection after
# 2019": the first inspection after that year's, not the year's own (``_AFTER_YEAR``).
_NEXT_AFTER = re.compile(
    r"\b(?:inspection|report|one|ilacs|judgements?)\s+(?:that\s+came\s+)?after\s+"
    r"(?:the\s+|its\s+|their\s+)?((?:19[89]\d|20\d\d))(?:\s+(?:one|inspection|ilacs|report))?\b",
    re.I,
)

# "After the 2018 re-inspection, what was Wandsworth's judgement?": that inspection's grade
# (what it was judged after it), not the newest since.
_AFTER_YEAR = re.compile(
    r"\bafter\s+(?:the|its|their)\s+((?:19[89]\d|20\d\d))\s+(?:re-?)?(?:ofsted\s+)?"
    r"(?:inspection|ilacs|review|visit)\b",
    re.I,
)

# "Derby's board was rated what in 2017?", "the board's rating": with a grade asked, the board
# a single inspection framework report graded is the safeguarding children board (not "across
# the board", nor a board that heard or met).
_BOARD = re.compile(
    r"(?:[’']s|(?<!across\s)\bthe)\s+board(?:[’']s)?\b(?!\s+(?:heard|was\s+told|met|meeting))",
    re.I,
)

# A question that asks in words: a terse line with none ("leicestershire adoption 2017",
# "Effectiveness of the Darlington LSCB, 2015 review") names a judgement and nothing else;
# "anything on adoption?" asks what was said of it.
_ASKING = re.compile(
    r"\b(?:what|how|who|whom|when|which|why|where|whether|did|does|do|was|were|is|are|has|"
    r"have|had|can|could|will|would|should|tell|explain|describe|summari[sz]e|say|said|find|"
    r"found|any|anything)\b",
    re.I,
)

# "Was any part rated better than inadequate?", "anything less than outstanding?", "judged
# below good": a grade as a bound, which every area's grade answers (not that grade, nor a
# change of grades).
_THAN_GRADE = re.compile(
    rf"\b(?:better|worse|higher|lower|less|more|below|above|under)\s+(?:than\s+)?(?:{GRADE})\b"
    # "Which area wasn't good in 2019?"
    rf"|(?:\bnot|n['’]t)\s+(?:rated\s+|judged\s+|graded\s+)?(?:{GRADE})\b",
    re.I,
)


# "And the inspection before?" after "how did Cumberland do in their first ILACS?".
BEFORE_FIRST = "before first"


@dataclass(frozen=True)
class GradeRequest:
    kind: str  # "grade" | "change" | "inspection" | "list" | "transition" | "areas" | "ever"
    areas: tuple[str, ...]
    grades: tuple[str, ...]
    year: int | None
    # The question names an area itself (``areas`` falls back to "overall" when it does not).
    area_named: bool
    before: str = ""  # "rated before that": the newest inspection before this (ISO-comparable)
    ranked: str = ""  # "lowest" | "highest": the areas in that order of grade
    counted: bool = False  # "how many areas …": the answer says how many
    # Words the request's shape used beyond the grade words ("ever", "lowest", "how many"):
    # not something else the question asks.
    frame: tuple[str, ...] = ()
    # A change between the years named ("between 2023 and 2026", "since 2021"): every year.
    years: tuple[int, ...] = ()
    # "previous" | "first" | "last": those inspections, not the newest; "due": when the next
    # is (which no report says: the newest is given); BEFORE_FIRST: the one before the oldest
    # report, which only that report's own account tells
    pick: str = ""
    few: int = 0  # with pick "last": how many of the newest ("its last two inspections")
    after: str = ""  # "the inspection after 2013": the first after that year's (a year)
    inspector_first: bool = False  # "who led …?": the lead inspector before the dates
    terse: bool = False  # a line naming a judgement, no words asking for it
    kind_asked: bool = False  # "what kind of inspection was it?": as its report's cover says
    publication: bool = False  # "when was the report published?": that date first
    team_asked: bool = False  # "how big was the inspection team?": who inspected, first
    # "Did she do St Helens as well?" after "who led Blackpool's 2018 inspection?": the council
    # and request of the inspection talked about, whose lead inspector the one asked had too.
    same_lead: "tuple[str, GradeRequest] | None" = None

    @property
    def names_its_inspection(self) -> bool:
        """Whether it says which inspection it asks of: a year, years, a bound, a pick or the
        lead inspector of another."""
        return bool(
            self.year or self.years or self.before or self.pick or self.after or self.same_lead
        )

    @property
    def asks_lead_inspector(self) -> bool:
        """Whether it asks who led an inspection (its report names them; no council paper)."""
        return self.kind == "inspection" and self.inspector_first

    @property
    def asks_earlier(self) -> bool:
        """Whether it asks the grade, or the dates, of an inspection before another ("the
        previous one", "before 2015")."""
        return self.kind in ("grade", "inspection") and (
            self.pick in ("previous", BEFORE_FIRST) or bool(self.before)
        )


# Each judgement area's pattern, compiled once for every reader of it.
AREA_PATTERNS = tuple((area, re.compile(rf"\b(?:{pattern})\b", re.I)) for area, pattern in AREAS)


def area_phrases(question: str) -> tuple[str, ...]:
    """The words naming a judgement area in a question ("the safeguarding board (LSCB)"):
    what the grade is of, not something beyond it."""
    return tuple(m.group(0) for _, pattern in AREA_PATTERNS for m in pattern.finditer(question))


def areas_named(question: str) -> tuple[str, ...]:
    """The judgement areas a question names ("care leavers" is not also "in care"; "the
    overall effectiveness of the LSCB" is the board's)."""
    areas: list[str] = []
    for area, named in AREA_PATTERNS:
        if named.search(question):
            areas.append(area)
            if area == "lscb":
                question = named.sub(" ", question)
    if (
        "care_leavers" in areas
        and "in_care" in areas
        and not re.search(
            r"children\s+(?:in\s+care|looked\s+after)|looked[\s-]+after", question, re.I
        )
    ):
        areas = [a for a in areas if a != "in_care"]
    return tuple(areas)


def _names_capitalised(question: str) -> str:
    """The authorities named as written with capitals: "what did suffolk get?" asks what
    Suffolk got (the pattern knows an authority from other words by its capitals)."""
    for start, end, _name in find_authority_spans(question):
        question = question[:start] + question[start:end].title() + question[end:]
    return question


def grade_request(
    question: str, authorities: tuple[str, ...], when: When | None
) -> GradeRequest | None:
    """What a grade question asks, or None when it is not one."""
    request = _grade_request(question, authorities, when)
    following = _NEXT_AFTER.search(question)
    if (
        request is None
        or not following
        or request.kind not in ("grade", "areas", "inspection")
        or request.before
        or request.pick
        or request.years
        or request.counted
    ):
        return request
    frame = (*request.frame, *following.group(0).split())
    return replace(request, year=None, after=following.group(1), frame=frame)


def _grade_request(
    question: str, authorities: tuple[str, ...], when: When | None
) -> GradeRequest | None:
    question = _GRADE_AS_VERB.sub("requires improvement", _names_capitalised(question))
    superlative = _RANKED.search(question)
    ranked = word = ""
    if superlative:
        word = next(g for g in superlative.groups() if g).lower()
        ranked = _order_of(word)
    # "Has Devon's rating changed since 2020?" is its grades; "how has Herefordshire changed
    # since its 2022 inspection?" is told in the report's words first (both halves).
    between = (
        _CHANGE_BETWEEN.search(question)
        or (_CHANGED_SINCE.search(question) if _GRADE_ASKED.search(question) else None)
        or _GRADED_SINCE.search(question)
    )
    # "Solihull: better or worse in 2026 compared with 2023?", "compare care leavers in
    # Cheshire East, 2015 versus 2024": two inspections named and how they compare.
    if not between and when is not None and len(when.years) > 1 and _grade_words_only(question):
        between = _CHANGE.search(re.sub(GRADE, " ", question, flags=re.I))
    if (
        _TO_DO_BETTER.search(question)
        and not _GRADE_ASKED.search(question)
        # "Which area wasn't good in 2019?": a judgement area, not the list of what to improve.
        and not _WHICH_AREA.search(question)
    ):
        return None  # what it should do better is the report's list, not a change of grades
    named = areas_named(question)
    # Named with its inspection: a line naming only an authority and an area ("Calderdale
    # care leavers") asks what the reports say, inspection by inspection.
    dated = when is not None and bool(when.years or when.latest)
    counted = _INSPECTIONS_COUNTED.search(question)
    # "Compare Calderdale and Hertfordshire", "how does Herefordshire compare with Calderdale?":
    # two councils side by side, each at its inspection asked (the latest), not over time.
    # "How did help and protection compare with the children in care judgement?": two areas
    # of one inspection side by side, not one area over time.
    compared = (
        _COMPARED.search(question)
        if (len(authorities) > 1 or len(named) > 1)
        and not (when and len(when.years) > 1)
        and not between
        else None
    )
    best = _BEST_COUNCIL.search(question) if not authorities else None
    due = (
        _NEXT_DUE.search(question)
        if _WHEN_DUE.search(question) and not _PAST.search(question)
        else None
    )
    kind_asked = _KIND_ASKED.search(question)
    publication = bool(_PUBLISHED_ASKED.search(question)) and not _TOOK_PLACE.search(question)
    team = _TEAM_ASKED.search(question)
    cued = bool(
        team
        or publication
        or _CUE.search(question)
        or ranked
        or between
        or counted
        or compared
        or best
        or due
        or kind_asked
    )
    terse = not cued and bool(named) and dated and _terse_judgement(question)
    if not (cued or terse) or _OTHER_JUDGEMENTS.search(question):
        return None
    if _FINDING.search(question) and not _GRADE_ASKED.search(question):
        return None
    board = () if named or not _GRADE_ASKED.search(question) else _BOARD.findall(question)
    if board:
        named = ("lscb",)
    areas = named or ("overall",)
    grades = tuple(re.sub(r"\s+", " ", g.lower()) for g in re.findall(GRADE, question, re.I))
    year = int(when.years[0]) if when and when.years else None
    before = when.before if when else ""
    earlier = _BEFORE_YEAR.search(question)
    if earlier:
        year, before = None, next(g for g in earlier.groups() if g)
    after = _AFTER_YEAR.search(question)
    if after and year is None and not earlier:
        year = int(after.group(1))
    if not authorities:
        transition = _FROM_TO.search(question)
        if transition and (_LIST.search(question) or _CHANGE.search(question)):
            grades = (transition.group(1).lower(), transition.group(2).lower())
            return GradeRequest("transition", areas, grades, year, bool(named))
        now = _CURRENT.search(question)
        if _LIST.search(question) and grades:
            # "Which councils are currently rated inadequate?": at their latest inspection.
            return GradeRequest(
                "list",
                areas,
                grades[:1],
                year,
                bool(named),
                frame=tuple(now.group(0).split()) if now else (),
                pick="latest" if now else "",
            )
        if best:
            # "Which council is best?": the documents rank none; those their latest inspection
            # judged outstanding (inadequate for "worst") are what they can say.
            worst = best.group(1).lower() in ("worst", "weakest", "lowest")
            grade = "inadequate" if worst else "outstanding"
            frame = tuple(best.group(0).split())
            return GradeRequest(
                "list", areas, (grade,), year, bool(named), frame=frame, pick="latest"
            )
        return None
    if counted:
        frame = tuple(counted.group(0).split())
        since = _SINCE_YEAR.search(question)
        if since:  # "how many inspections since 2015?": those after it
            frame += tuple(since.group(0).split())
        years = (int(since.group(1)),) if since else ()
        return GradeRequest(
            "inspection", (), (), year, False, before, counted=True, frame=frame, years=years
        )
    if due and not year:
        return GradeRequest(
            "inspection",
            named,
            (),
            None,
            bool(named),
            frame=(*due.group(0).split(), "due"),
            pick="due",
        )
    inspection_asked = _INSPECTION_WHEN.search(question) or kind_asked or publication or team
    if (few := _LAST_FEW.search(question)) and not inspection_asked:
        frame = tuple(few.group(0).split())
        return GradeRequest(
            "change",
            areas,
            grades,
            None,
            bool(named),
            frame=frame,
            pick="last",
            few=_FEW[few.group(1).lower()],
        )
    if compared and not inspection_asked:
        frame = tuple(compared.group(0).split())
        return GradeRequest("grade", areas, grades, year, bool(named), before, frame=frame)
    if inspection_asked:
        inspector_first = bool(_WHO_ASKED.search(question)) and not _WHEN_ASKED.search(question)
        # "Who led the previous one?": that inspection's dates and inspector, not the newest's.
        pick, chosen = _inspection_picked(question)
        pick, year, before = _previous_to_year(pick, year, before)
        return GradeRequest(
            "inspection",
            named,
            grades,
            year,
            bool(named),
            before,
            frame=(tuple(chosen.group(0).split()) if chosen else ())
            + (("how", "long", "ago") if _LONG_AGO_ASKED.search(question) else ())
            # "Who headed the Ofsted team on Greenwich's 2016 inspection?": the words asking
            # for its lead are not something beyond it.
            + (tuple(led.group(0).split()) if (led := _WHO_LED_ASKED.search(question)) else ())
            + (tuple(team.group(0).split()) if team else ()),
            pick=pick,
            inspector_first=inspector_first and not publication and not team,
            kind_asked=bool(kind_asked),
            publication=publication,
            team_asked=bool(team),
        )
    if not (
        named
        or grades
        or ranked
        or _GRADE_ASKED.search(question)
        or _SINCE_INSPECTION_ASKED.search(question)
        or between
    ):
        return None
    if ranked and not named and not grades:
        return GradeRequest("areas", (), (), year, False, before, ranked=ranked, frame=(word,))
    if grades and _EVER.search(question):
        return GradeRequest("ever", named, grades[:1], None, bool(named), frame=("ever",))
    if grades and _HOW_MANY_TIMES.search(question):
        frame = ("how", "many", "times", "often")
        return GradeRequest("ever", named, grades[:1], None, bool(named), counted=True, frame=frame)
    bound = _THAN_GRADE.search(question)
    if bound and not named and _ANY_AREA.search(question):
        return GradeRequest(
            "areas", (), (), year, False, before, frame=tuple(bound.group(0).split())
        )
    # A grade's own name ("requires improvement") is not a question about improving.
    changing = _CHANGE.search(re.sub(GRADE, " ", question, flags=re.I)) or between
    if grades and not named and _ANY_AREA.search(question) and not changing:
        counted = bool(_HOW_MANY.search(question))
        frame = ("how", "many") if counted else ()
        return GradeRequest(
            "areas", (), grades[:1], year, False, before, counted=counted, frame=frame
        )
    if not (named or grades or ranked or changing) and _EVERY_GRADE.search(question):
        return GradeRequest("areas", (), (), year, False, before)
    result = _RESULT.search(question)
    if changing or (when and len(when.years) > 1):
        # Two inspections named ("in 2014 vs 2017", "between 2015 and 2018"): how it changed.
        years = tuple(sorted(int(y) for y in when.years)) if when else ()
        if when and not years and when.after[:4].isdigit():
            years = (int(when.after[:4]),)  # "improved since 2018": from that inspection on
        # The change and "the 2022 result" are the grades' words, not a topic.
        frame = tuple(w for m in (between, result) if m for w in m.group(0).split())
        frame += tuple(w for b in board for w in b.split())
        return GradeRequest("change", areas, grades, year, bool(named), years=years, frame=frame)
    still = _STILL.search(question)
    frame = tuple(still.group(0).split()[:-1]) if still else ()
    if out_of := _OUT_OF.search(question):
        said = out_of.group(0)
        grade = re.search(GRADE, said, re.I)
        frame += tuple((said[: grade.start()] + said[grade.end() :]).split()) if grade else ()
    frame += tuple(w for b in board for w in b.split())
    if "lscb" in areas:
        # A single inspection framework report reviewed the board: "the LSCB review", "in the
        # 2014 review" name its judgement.
        frame += ("review", "reviewed")
    if result:
        frame += tuple(result.group(0).split())  # "the outcome of …", "a fail": the grade's
    pick, chosen = _inspection_picked(question)
    pick, year, before = _previous_to_year(pick, year, before)
    chosen = chosen or earlier
    if chosen:
        frame += tuple(chosen.group(0).split())  # which inspection, not something beyond
    return GradeRequest(
        "grade", areas, grades, year, bool(named), before, frame=frame, pick=pick, terse=terse
    )


def _grade_words_only(question: str) -> bool:
    """Whether ``question`` says nothing but an authority, years and the words grade
    questions use ("were caseloads still a problem in 2024 compared with 2019?" says more)."""
    words = topic_terms(YEAR.sub(" ", strip_authorities(question)))
    return set(words) <= GRADE_QUESTION_STEMS


def _terse_judgement(question: str) -> bool:
    """Whether ``question`` is a line without asking words that says nothing but an authority,
    years, a judgement area's name and the words grade questions use."""
    if _ASKING.search(question):
        return False
    for phrase in area_phrases(question):
        question = question.replace(phrase, " ")
    return _grade_words_only(question.replace("review", " "))


# "And the weakest?", "what about the best one?" after a question on an inspection's grades.
_SUPERLATIVE_ALONE = re.compile(
    rf"^\W*(?:(?:and|so|what\s+about|how\s+about)\s+)?(?:the\s+|its\s+|their\s+)?{_SUPERLATIVE}"
    rf"(?:\s+(?:one|{_AREA_NOUN}|bit))?\W*$",
    re.I,
)


def ranked_alone(question: str) -> tuple[str, str] | None:
    """The order a follow-up that says nothing but a superlative asks for, with that word
    ("and the weakest?": "lowest", "weakest"); None for any other question."""
    said = _SUPERLATIVE_ALONE.match(question)
    if said is None:
        return None
    word = said.group(1).lower()
    return _order_of(word), word


def _order_of(superlative: str) -> str:
    """The order of grade a superlative asks for: "highest" for "best", "lowest" for
    "weakest"."""
    return "highest" if superlative.lower() in ("highest", "best", "strongest") else "lowest"


def _inspection_picked(question: str) -> tuple[str, re.Match[str] | None]:
    """Which inspection ``question`` picks ("previous", "first", or "" for the newest), and
    the words that pick it."""
    if before_first := _BEFORE_FIRST_SAID.search(question):
        return BEFORE_FIRST, before_first
    previous, first = _PREVIOUS.search(question), _FIRST.search(question)
    return ("previous" if previous else "first" if first else ""), previous or first


def _previous_to_year(pick: str, year: int | None, before: str) -> tuple[str, int | None, str]:
    """ "Brent 2026 ofsted - what was the previous grade?": the inspection before that year's,
    not a previous one inspected that year (there is none)."""
    if pick == "previous" and year and not before:
        return "", None, str(year)
    return pick, year, before


# How a standalone question names each area ("How was Luton rated for leadership in 2022?").
_AREA_WORDS = {
    "overall": "overall effectiveness",
    "help_and_protection": "help and protection",
    "in_care": "children in care",
    "care_leavers": "care leavers",
    "leaders": "leadership",
    "adoption": "adoption",
    "lscb": "the Local Safeguarding Children Board",
}


def standalone_grade_question(request: GradeRequest, authorities: tuple[str, ...]) -> str | None:
    """``request`` (a follow-up's, carried from the question before) asked in words of its own:
    "and leadership?" after "how was Luton rated overall in 2022?" is "How was Luton rated for
    leadership in 2022?". None for a kind it does not phrase."""
    if not authorities or not (request.areas or request.kind in ("areas", "inspection")):
        return None
    who = " and ".join(authorities)
    areas = " and ".join(_AREA_WORDS[a] for a in request.areas)
    # Not named, the overall grade is how the council was rated.
    of = f" for {areas}" if request.area_named else ""
    if request.kind == "change" and request.years:
        years = " and ".join(str(y) for y in request.years)
        span = f"between {years}" if len(request.years) > 1 else f"since {years}"
        return f"Has {who} improved {span}{of}?"
    if request.kind not in ("grade", "areas", "inspection"):
        return None
    when = (
        f" in {request.year}"
        if request.year
        else f" at the inspection before {request.before}"
        if request.before
        else f" at the inspection after {request.after}"
        if request.after
        else " at the previous inspection"
        if request.pick == "previous"
        else " at its first inspection"
        if request.pick == "first"
        else " before its first inspection"
        if request.pick == BEFORE_FIRST
        else ""
    )
    if request.kind == "inspection":
        # "The one before that?" after "who led Hertfordshire's 2023 inspection?".
        if not (request.before or request.pick or request.after):
            return None
        if request.counted or request.grades:
            return None
        asked = "Who led" if request.inspector_first else "When was"
        which = (
            f"inspection before {request.before}"
            if request.before
            else f"inspection after {request.after}"
            if request.after
            else f"{request.pick} inspection"  # "previous" or "first"
        )
        return f"{asked} {who}'s {which}?"
    if request.kind == "areas":
        # "And from the inspection before?" after "give me Oldham's 2024 judgements".
        return None if request.grades or request.ranked else f"What were {who}'s judgements{when}?"
    if request.grades:
        return f"Was {who} rated {request.grades[0]}{of}{when}?"
    return f"How was {who} rated{of}{when}?"
