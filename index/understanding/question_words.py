"""Words that frame a question about an inspection rather than name its topic.

Kept apart from index/text.py (whose source is part of the build's pipeline signature):
they shape how questions are read, not how documents are chunked, so changing them must not
re-embed the corpus.
"""

QUESTION_WORDS = frozenset(
    """ofsted say said says tell told find found finding findings inspector inspectors
    inspection inspections report reports reported describe described think thought mention
    mentioned note noted comment comments commented latest recent give
    gave summary summarise summarize according recently most last current currently
    happen happens happened happening raise raised conclude concluded conclusion conclusions
    verdict
    weren wasn isn aren didn doesn hasn haven hadn couldn wouldn shouldn
    though really just ok okay anyway basically exactly something example examples
    """.split()
)
# (What is left of "weren't", "didn't" … once tokenised frames a question as "was" and "did"
# do, and names no topic; so does what staff say around a question: "any gaps though?", "give
# me an example of something that changed". Not "actually": as a topic word it kept "who
# actually runs children's social care for Richmond?" on its answer, eval/RESULTS.md.)
