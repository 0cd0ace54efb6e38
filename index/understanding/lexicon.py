"""The words questions are read with, in one place: months, grades and the words that ask for
one, judgement areas, inspection frameworks, and the kinds of document a question can name.

Patterns are regular-expression fragments, compiled by their users. The loaders read dates
with the month tables too, so this file is part of the build's pipeline signature: editing it
re-reads the corpus (the vector cache re-embeds only passages whose text changed).
"""

MONTHS = (
    "january february march april may june july august september october november december"
).split()
# Month names and their usual abbreviations ("Sept", "Dec") → month number.
MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
# Month name or its usual abbreviation, as a regex fragment ("Sept", "Dec").
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

# The four Ofsted grades (SIF's "requires improvement" had "to be good" after it).
GRADE = r"outstanding|good|requires\s+improvement|inadequate"
# "Did Essex require improvement?", "judged as requiring improvement": the grade as a verb.
GRADE_AS_VERB = r"\brequir(?:e|ed|ing)\s+improvement\b"
# A grade as a report words it, SIF's "requires improvement to be good" included.
GRADE_WORDED = rf"(?:{GRADE})(?:\s+to\s+be\s+good)?"
# "How did Ofsted rate Barnet?": "rate" as a verb; "the recycling rate", "rate of" are nouns.
RATE_VERB = r"(?:did|does|do|would|to)\s+(?:[\w’']+\s+){0,3}rate\b(?!\s+of\b)"
# Words that ask for a grade. One list: the router, the answer type and the follow-up frame
# all read "asks for a grade" from it.
# "How did Sheffield do for help and protection?", "how did Bexley fare?": how it was judged.
HOW_IT_DID = (
    r"how\s+(?:well\s+)?(?:did|does|has)\s+(?:[\w’'&-]+\s+){1,9}?"
    r"(?:do|fare|fared|perform|performed|come\s+out)"
    # "How well was the Bexley LSCB performing?"
    r"|how\s+well\s+(?:is|are|was|were)\s+(?:[\w’'&-]+\s+){1,4}?(?:doing|performing)"
)
# "What was the outcome of Calderdale's 2018 inspection?", "the result of its last ILACS".
INSPECTION_RESULT = (
    r"(?:result|outcome)\s+of\s+(?:[\w’'-]+\s+){0,4}?(?:ofsted\s+)?(?:inspection|ilacs)"
    # A single inspection framework report's review of the safeguarding board.
    r"|(?:result|outcome)\s+of\s+(?:the\s+|its\s+)?(?:(?:19|20)\d\d\s+)?review\s+of\b"
    # "Blackpool's 2022 result", "its 2018 Ofsted outcome", "Scilly's last Ofsted result"
    r"|(?:(?:19|20)\d\d|last|latest|most\s+recent|previous|current|recent|first)\s+"
    r"(?:ofsted\s+)?(?:inspection\s+)?(?:result|outcome)s?"
    # "Hull's Ofsted result", "their inspection outcome"
    r"|(?:[’']s|their|its)\s+(?:ofsted|inspection|ilacs)\s+(?:result|outcome)"
    # "hounslow 2014 review of lscb result": what was judged, then the word for its grade.
    r"|(?:ofsted|inspection|ilacs|lscb|review)\s+(?:result|outcome)s?\b"
)
# "Did Barnet pass its Ofsted inspection?", "was the 2017 inspection a fail?": its grade, in
# a lay word.
PASS_OR_FAIL = (
    r"(?:pass|passed|fail|failed)\s+(?:its|their|the)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:(?:ofsted\s+)?inspection|ofsted|ilacs)|\ba\s+(?:pass|fail)\b|\bpass\s+or\s+fail\b"
)
# "How effective are Barnet's children's services?": the overall effectiveness judgement.
# "What was the effectiveness of the LSCB?": the judgement's own name, asked for.
HOW_EFFECTIVE = (
    r"how\s+effective\s+(?:is|are|was|were)"
    r"|(?:what|how)\s+(?:is|are|was|were)\s+the\s+(?:overall\s+)?effectiveness\s+of"
)
# "What did Calderdale get in 2018?": an authority (capitalised) or "they" getting a result.
WHAT_IT_GOT = (
    r"what\s+(?:did|does|has)\s+(?:(?-i:(?:[A-Z][\w’'&-]*\s+){1,4})|they\s+|it\s+)"
    # Not "what did they get added to it?": something done to what they have, not a grade.
    r"(?:get|got|receive|achieve)(?!\s+(?:from|to|out|on|in\s+terms|done|\w+ed)\b)"
)
# "What did Ofsted give Devon in 2020?", "was St Helens found inadequate?": a grade, too.
OFSTED_GAVE = (
    r"what\s+(?:grade\s+)?(?:did|does|has)\s+ofsted\s+(?:give|gave|award)"
    r"|found\s+(?:to\s+be\s+)?(?:outstanding|good|inadequate|requir\w*\s+improvement)"
)
GRADE_ASKED = (
    r"judged?|judgements?|judgments?|graded?|grades?|grading|rated|ratings?|"
    r"downgraded|upgraded|"
    + OFSTED_GAVE
    + "|"
    + RATE_VERB
    + r"|scored?|verdict|overall\s+(?:score|effectiveness)|"
    + HOW_IT_DID
    + "|"
    + INSPECTION_RESULT
    + "|"
    + WHAT_IT_GOT
    + "|"
    + PASS_OR_FAIL
    + "|"
    + HOW_EFFECTIVE
)
# Someone else's judgements (the council's audits, practitioners') are not Ofsted's grades.
OTHER_JUDGEMENTS = (
    r"\b(?:audit|own|their|practice|professional|managers?'?|social\s+workers?'?)\s+"
    r"judge?ments?\b"
)
# The same words as plain tokens, for telling frame from topic word by word.
GRADE_ASKED_WORDS = frozenset(
    """judge judged judgement judgements judgment judgments grade graded grades grading rate
    rated rating ratings score scored verdict overall how well do did does fare fared perform
    performed""".split()
)
# The words ranking one inspection's grades ("which judgement was weakest?").
GRADE_RANKING_WORDS = frozenset("lowest worst weakest poorest highest best strongest".split())

# What a question that asks only for grades may say besides the grade words: the areas'
# names (as Ofsted words them), the grades, and the inspection it means. A question that says
# anything else asks something the judgements table alone cannot answer.
GRADE_QUESTION_WORDS = frozenset(
    """outstanding good requires improvement inadequate overall effectiveness experiences
    progress children child young people who need help protection in care looked after care
    leavers leaving impact leaders leadership management social work practice with families
    adoption performance area areas service services social inspection inspections inspected
    inspect ofsted council authority local receive received get got given award awarded be
    at its their last latest most recent recently current currently now nowadays presently
    previous first time year spring summer autumn winter
    ilacs sif framework any all each every which what re reinspection led lead inspector
    inspectors carried out took take place dates date whom who person same when report reports
    published publication visit visited site
    vs versus compare compared comparison than better worse higher lower between change
    changed went gone moved dropped fell rose slipped
    going come came senior hmi list full breakdown name charge headed head
    long days day weeks week start end finish finished lasted last run ran fieldwork provision
    borough city county metropolitan district royal single across please governance
    part parts aspect aspects anything""".split()
)

# Judgement areas, most specific first ("care leavers" also says "in care").
AREAS: tuple[tuple[str, str], ...] = (
    (
        "lscb",
        # SIF's own name for it: "Review of the effectiveness of the Local Safeguarding
        # Children Board" (its effectiveness is what was graded, not the overall grade).
        r"(?:(?:review\s+of\s+)?(?:the\s+)?(?:overall\s+)?effectiveness\s+of\s+(?:the\s+)?"
        r"(?:[\w’'-]+\s+){0,2}?)?"
        r"(?:(?:local\s+)?safeguarding\s+children[’']?s?\s+boards?|lscbs?|safeguarding\s+boards?)",
    ),
    ("care_leavers", r"care[\s-]+leavers?|leaving\s+care"),
    (
        "in_care",
        # "LAC", "CLA": looked after children, children looked after, as staff write them.
        r"children\s+(?:in\s+care|looked\s+after)|looked[\s-]+after\s+children|in\s+care"
        r"|lac|cla|cic",
    ),
    # "CP/CIN": child protection and children in need, as staff write them.
    (
        "help_and_protection",
        r"help\s+(?:and|&)\s+protection|h\s*&\s*p|child\s+protection|protection|cp|cin",
    ),
    ("leaders", r"leaders?|leadership|management"),
    ("adoption", r"adoption"),
    ("overall", r"overall(?:\s+effectiveness)?"),
)

# Inspection frameworks a question can name.
FRAMEWORKS: tuple[tuple[str, str], ...] = (
    ("SIF", r"single\s+inspection\s+framework|\bSIF\b"),
    ("ILACS", r"\bILACS\b|inspection\s+of\s+local\s+authority\s+children'?s\s+services"),
)

# Kinds of document a question can name as its source, each with the doc types it means.
SOURCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("committee minutes", "cabinet report"),
        # "The cabinet member for children" is a person, not the cabinet's papers.
        r"minutes|scrutiny|committee|cabinet(?!\s+(?:member|lead|portfolio)\w*)|agenda|councillors?\s+(?:heard|were\s+told)"
        r"|(?:panel|board|meeting)\s+(?:heard|was\s+told|were\s+told)"
        # "Who presented the council's action plan to members?": its committee's papers.
        r"|council['’]?s\s+action\s+plan|(?:to|for)\s+(?:members|councillors)",
    ),
    (
        ("press release",),
        r"press\s+release|\brelease\b(?!\s+(?:from|of|date)\b)|news\s+(?:release|story|item|page|article)|(?<!life\s)story|council'?s\s+(?:response|"
        r"statement|announcement)|(?:council|it)\s+announced|statement",
    ),
    (
        ("staff bulletin",),
        r"(?:bulletin|newsletter|message|email|letter)\s+to\s+(?:staff|colleagues)|bulletin"
        r"|newsletter",
    ),
    (("council web page",), r"web\s*page|website|improvement\s+(?:page|journey)"),
    # "What did the council say about it?": its own words, in whichever of its papers.
    (
        (
            "press release",
            "committee minutes",
            "cabinet report",
            "staff bulletin",
            "council web page",
        ),
        # The council, not "the council say": said after "according to the …".
        r"council(?=\s+(?:say|said|says|saying|respond\w*|react\w*|make\s+of|made\s+of)\b)"
        r"|(?<=according to the )council\b",
    ),
    (("news article",), r"interview|article|community\s+care|trade\s+press|magazine"),
    (("monitoring visit",), r"monitoring\s+(?:visit\s+)?letter"),
)
# Visits other than a full inspection that a question can name, each with the words a
# document's title names it by: papers titled with one are about it ("Ofsted monitoring visit
# feedback"), a full inspection's report is not.
EVENTS: tuple[tuple[str, str], ...] = (
    ("monitoring visit", r"monitoring\s+visits?"),
    ("focused visit", r"focused\s+visits?"),
)
# "Who actually runs children's social care in Slough?": a trust, a company or another
# council delivers a service; no person's name answers it (and "they" after it are that body).
# The verbs are also what a sentence naming that body answers (answer_type.RUNNING_ASKING).
RUNNING_VERBS = tuple(
    """run runs ran running deliver delivers delivered delivering provide provides provided
    providing operate operates operated operating""".split()
)
WHO_RUNS_A_SERVICE = (
    rf"\bwho\s+(?:\w+\s+)?(?:{'|'.join(RUNNING_VERBS)})\s+"
    r"(?:(?:the|its|their|[\w'’-]+['’]s)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:social\s+care|services?|social\s+work)\b"
)
# "What should Blackburn with Darwen do better for care leavers?": asked what to do, which the
# report's list of what to improve answers (not a change of grades).
TO_DO_BETTER = (
    # "What did they want done better for care leavers?"
    r"\b(?:should|must|could|ought\s+to|wants?|wanted|expect(?:s|ed)?)\b[^?.]*?"
    r"\b(?:get|do|done|doing)\s+better\b"
    # "Was there anything that wasn't so good?" (after "was Essex outstanding?"): what was
    # weak, not which areas were judged good.
    r"|\b(?:anything|something|what|things?|areas?|bits?)\s+(?:that\s+|which\s+)?"
    r"(?:was|were|is|are)(?:\s+not|n['’]?t)\s+(?:so\s+|as\s+|very\s+|that\s+|too\s+)?"
    r"(?:good|great)\b"
)
# Sections of an Ofsted report a question can ask for without naming them: the words that ask
# for one, and the headings it goes under in the reports of either framework ("What needs to
# improve?", "Recommendations", "Areas for improvement", "The local authority's strengths").
# Never a grade's "requires improvement": that heads a judgement, not a list of what to do.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "improve",
        # Not "did it improve between 2018 and 2023?": a change of grades.
        r"\bimprove\b(?!d)(?!\s+(?:between|from|since)\s+(?:the\s+)?(?:19|20)\d\d)|\bareas?\s+(?:for|of|to)\s+(?:improvement|improve|develop\w*)"
        # "What must they work on?", not "Luton's work on radicalisation".
        # Not "were the last inspection's recommendations dealt with?": how they were acted on.
        r"|\brecommend\w*(?![^?]*\b(?:dealt\s+with|addressed|implemented|acted\s+(?:on|upon)"
        r"|actioned|met|followed\s+up|completed)\b)"
        r"|\b(?:to|must|should|needs?|have|has)\s+work\s+on\b|\bwork\s+on\s*\??$"
        r"|\bsort\s+out\b|\bweakness\w*|\bshortcomings?\b|\bweak\s+(?:spots?|points?|areas?)\b"
        r"|\b(?:improvements?|changes?|action)\s+(?:needed|required)\b|\bfix\b"
        r"|\b(?:needs?|needed|has|have|had|must|should)\s+to\s+(?:change|(?:get|do)\s+better)\b"
        rf"|{TO_DO_BETTER}"
        # "What did Ofsted want them to get better at?" (not "did it get better?", nor "did it
        # do better at its next inspection?").
        r"|\b(?:get|do)\s+better\s+(?:at|on|with)\b(?!\s+(?:(?:its|the|their|this|that)\s+)?"
        r"(?:next|last|latest|following|previous|recent|(?:19|20)\d\d|inspection|ofsted|visit)\b)"
        r"|\bmust\s+change\b"
        # "What's on their to-do list from Ofsted?", "the top priority", "what was first on
        # their improvement list?", "what needed doing?" (not "priority actions": a report's
        # "no areas for priority and immediate action" answers whether there were any).
        r"|\bto[-\s]do\s+list\b|\btop\s+priorit(?:y|ies)\b"
        r"|\bimprovement\s+(?:list|areas?|points?|actions?|priorities)\b"
        r"|\b(?:needed|needs?)\s+doing\b|\b(?:needed|needs?)\s+improving\b"
        # "What did they want improving?", "what did Ofsted want improved?"
        r"|\b(?:wants?|wanted)\s+(?:[\w'’-]+\s+)?improv(?:ing|ed)\b"
        # "Was there any area that wasn't working well?"
        r"|(?:\bnot|n['’]t)\s+(?:work\w*|do\w*|go\w*)\s+(?:so\s+)?well\b",
        r"^\(?recommendations?\.?\)?$|needs?\s+to\s+improve|areas?\s+for\s+improvement"
        r"|priority\s+and\s+immediate\s+action|requires\s+improvement\b.*\bbecause"
        r"|strengths\s+and\s+weaknesses",
    ),
    (
        "strengths",
        r"\bstrengths?\b|\bgood\s+practice\b|\bsingled\s+out\b|\bpraised?\b"
        # Not "wasn't working well", "not doing so well": what needs to improve.
        r"|(?<!\bnot\s)(?<!n't\s)(?<!n’t\s)(?<!\bso\s)\b(?:works?|working|doing|going|went)\s+well\b"
        # "What was Hillingdon particularly good at?"
        r"|\b(?:good|best|strongest)\s+at\b"
        # "Anything positive?", "the highlights".
        r"|\b(?:anything|something)\s+positive\b|\bpositives\b|\bhighlights\b",
        r"\bstrengths\b",
    ),
)

# Where the question names Ofsted's own report it asks for the inspection, not the council.
# "What dates does Ofsted's own report give?"
OFSTED_SOURCE = (
    r"ofsted(?:['’]s)?\s+(?:(?:own|actual|full|official)\s+)?"
    r"(?:report|letter|inspectors?\s+(?:said|found|wrote))"
)
# "What did Ofsted say / inspectors find …": Ofsted's own words are what is asked for.
ASKS_OFSTED = (
    # "What did Ofsted actually say …": an adverb between.
    r"\b(?:ofsted|inspectors?)(?:'s|’s)?\s+(?:\w+ly\s+)?(?:say|said|find|found|think|thought|note|noted"
    r"|report|reported|write|wrote|conclude|concluded|make\s+of|made\s+of)\b"
)
