"""Gazetteer of English local authorities with children's-services responsibility."""

import re
from functools import lru_cache

_NAMES = """
Barking and Dagenham|Barnet|Bexley|Brent|Bromley|Camden|City of London|Croydon|Ealing|Enfield
Greenwich|Hackney|Hammersmith and Fulham|Haringey|Harrow|Havering|Hillingdon|Hounslow|Islington
Kensington and Chelsea|Kingston upon Thames|Lambeth|Lewisham|Merton|Newham|Redbridge
Richmond upon Thames|Southwark|Sutton|Tower Hamlets|Waltham Forest|Wandsworth|Westminster
Barnsley|Birmingham|Bolton|Bradford|Bury|Calderdale|Coventry|Doncaster|Dudley|Gateshead|Kirklees
Knowsley|Leeds|Liverpool|Manchester|Newcastle upon Tyne|North Tyneside|Oldham|Rochdale|Rotherham
Salford|Sandwell|Sefton|Sheffield|Solihull|South Tyneside|St Helens|Stockport|Sunderland|Tameside
Trafford|Wakefield|Walsall|Wigan|Wirral|Wolverhampton
Bath and North East Somerset|Bedford|Blackburn with Darwen|Blackpool
Bournemouth, Christchurch and Poole|Bracknell Forest|Brighton and Hove|Bristol|Buckinghamshire
Central Bedfordshire|Cheshire East|Cheshire West and Chester|Cornwall|Cumberland|Darlington|Derby
Dorset|Durham|East Riding of Yorkshire|Halton|Hartlepool|Herefordshire|Isle of Wight
Isles of Scilly|Kingston upon Hull|Leicester|Luton|Medway|Middlesbrough|Milton Keynes
North East Lincolnshire|North Lincolnshire|North Northamptonshire|North Somerset|North Yorkshire
Northumberland|Nottingham|Peterborough|Plymouth|Portsmouth|Reading|Redcar and Cleveland|Rutland
Shropshire|Slough|Somerset|South Gloucestershire|Southampton|Southend-on-Sea|Stockton-on-Tees
Stoke-on-Trent|Swindon|Telford and Wrekin|Thurrock|Warrington|West Berkshire|West Northamptonshire
Westmorland and Furness|Wiltshire|Windsor and Maidenhead|Wokingham|York
Cambridgeshire|Derbyshire|Devon|East Sussex|Essex|Gloucestershire|Hampshire|Hertfordshire|Kent
Lancashire|Leicestershire|Lincolnshire|Norfolk|Nottinghamshire|Oxfordshire|Staffordshire|Suffolk
Surrey|Warwickshire|West Sussex|Worcestershire
Northamptonshire|Cumbria|Bournemouth|Poole
"""

_ALIASES: dict[str, tuple[str, ...]] = {
    "Kingston upon Hull": ("Hull", "Hull City Council", "City of Kingston upon Hull"),
    "Durham": ("County Durham",),
    "Bournemouth, Christchurch and Poole": ("BCP", "Bournemouth Christchurch and Poole"),
    "Milton Keynes": ("MK",),
    "Windsor and Maidenhead": ("Royal Borough of Windsor and Maidenhead", "RBWM", "Windsor"),
    "St Helens": ("St. Helens", "Saint Helens"),
    "Southend-on-Sea": ("Southend", "Southend on Sea"),
    "Stoke-on-Trent": ("Stoke on Trent",),
    "Stockton-on-Tees": ("Stockton on Tees", "Stockton"),
    "Bristol": ("City of Bristol", "Bristol City Council"),
    "Bath and North East Somerset": ("BANES", "B&NES", "Bath and NE Somerset"),
    "Hertfordshire": ("Herts",),
    "Newcastle upon Tyne": ("Newcastle",),
    "Kensington and Chelsea": (
        "Royal Borough of Kensington and Chelsea",
        "RBKC",
        "K&C",
        "Kensington",
    ),
    # "Kingston" alone is Kingston upon Thames: Kingston upon Hull is "Hull" (only Thames's and
    # Richmond's reports say "Kingston" without "upon").
    "Kingston upon Thames": ("Royal Borough of Kingston upon Thames", "Kingston"),
    "Greenwich": ("Royal Borough of Greenwich", "Royal Greenwich"),
    "Hammersmith and Fulham": ("LBHF", "H&F", "Hammersmith"),
    "Barking and Dagenham": ("LBBD",),
    "Richmond upon Thames": ("Richmond", "Richmond-upon-Thames"),
    "Westmorland and Furness": ("Westmorland & Furness",),
    "Telford and Wrekin": ("Telford",),
    "Blackburn with Darwen": ("Blackburn",),
    "Herefordshire": ("County of Herefordshire",),
    "East Riding of Yorkshire": ("East Riding",),
    # The name a council calls itself by ("the Darlo Care Crew", Darlington's children in care).
    "Darlington": ("Darlo",),
    # The part of a name people say alone, where no other authority shares it.
    "Isles of Scilly": ("Scilly", "Scilly Isles", "Council of the Isles of Scilly"),
    "Isle of Wight": ("IoW", "IOW"),
    "Brighton and Hove": ("Brighton",),
    "Redcar and Cleveland": ("Redcar",),
    # The traditional short forms of county names (as the Royal Mail's former postal counties
    # and everyday usage write them), where one authority bears the name.
    "Buckinghamshire": ("Bucks",),
    "Central Bedfordshire": ("Central Beds",),
    "Cambridgeshire": ("Cambs",),
    "Derbyshire": ("Derbys",),
    "Gloucestershire": ("Glos",),
    "South Gloucestershire": ("South Glos", "S Glos"),
    "Hampshire": ("Hants",),
    "Lancashire": ("Lancs",),
    "Leicestershire": ("Leics",),
    "Lincolnshire": ("Lincs",),
    "North Lincolnshire": ("North Lincs",),
    "North East Lincolnshire": ("North East Lincs", "NE Lincs"),
    "Northamptonshire": ("Northants",),
    "North Northamptonshire": ("North Northants",),
    "West Northamptonshire": ("West Northants",),
    "Nottinghamshire": ("Notts",),
    "Oxfordshire": ("Oxon",),
    "Staffordshire": ("Staffs",),
    "Warwickshire": ("Warks",),
    "Wiltshire": ("Wilts",),
    "Worcestershire": ("Worcs",),
    "West Berkshire": ("West Berks",),
    "North Yorkshire": ("North Yorks", "N Yorks"),
}
_CANONICAL = [name for line in _NAMES.strip().splitlines() for name in line.split("|")]
# "N Lincs", "E Sussex", "N Somerset": a name's compass point shortened to its initials, as
# staff type it (of the name and of each of its aliases).
_COMPASS = re.compile(r"^(North East|North|South|East|West) (?=\w)")


def _compass_shortened(names: list[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for name in names:
        variants = (name, *_ALIASES.get(name, ()))
        short = [
            _COMPASS.sub(lambda m: "".join(w[0] for w in m.group(1).split()) + " ", v)
            for v in variants
            if _COMPASS.match(v)
        ]
        out[name] = tuple(v for v in short if v not in variants)
    return out


_ALIASES = {
    name: _ALIASES.get(name, ()) + shortened
    for name, shortened in _compass_shortened(_CANONICAL).items()
    if _ALIASES.get(name) or shortened
}
# Councils reorganised away and the ones now responsible for their children's services:
# "Northamptonshire" (its Children's Trust) is North and West Northamptonshire since 2021.
SUCCESSORS: dict[str, tuple[str, ...]] = {
    "Northamptonshire": ("North Northamptonshire", "West Northamptonshire"),
    "Cumbria": ("Cumberland", "Westmorland and Furness"),
    "Bournemouth": ("Bournemouth, Christchurch and Poole",),
    "Poole": ("Bournemouth, Christchurch and Poole",),
}


# Words that begin several names, or no name people say alone ("North", "Isle of").
_NOT_ALONE = {"North", "South", "East", "West", "Central", "City", "Isle", "Isles", "St"}


def _first_words() -> dict[str, str]:
    """The first word of a longer name, which people say alone ("Stoke" for Stoke-on-Trent,
    "Kensington"), where it is no other authority's name or part of one."""
    words: dict[str, list[str]] = {}
    for name in _CANONICAL:
        for word in set(re.split(r"[\s,-]+", name)):
            words.setdefault(word, []).append(name)
    out = {}
    for name in _CANONICAL:
        first = re.split(r"[\s,-]+", name)[0]
        if first != name and first not in _NOT_ALONE and len(words[first]) == 1:
            out[name] = first
    return out


_SAID_ALONE = _first_words()
# Short forms that are also words ("bucks", "wilts") match only as written, capitalised, and
# so do initials ("MK", "BCP"); the others are names in any case ("herts", "notts", "redcar"
# as people type them). So does a name's first word said alone ("Barking", "Tower"), unless
# listed above as an alias.
_EVERYDAY_WORDS = {"Bucks", "Hull", "Staffs", "Wilts"}
_SHORT_FORMS = {
    a
    for name, aliases in _ALIASES.items()
    for a in aliases
    if len(a) <= 6 and (a in _EVERYDAY_WORDS or not a[1:].islower())
}
_DERIVED = {w for name, w in _SAID_ALONE.items() if w not in _ALIASES.get(name, ())}
_SHORT_FORMS |= _DERIVED

AUTHORITIES: dict[str, tuple[str, ...]] = {
    name: tuple(dict.fromkeys(_ALIASES.get(name, ()) + tuple(_SAID_ALONE.get(name, "").split())))
    for name in _CANONICAL
}


def _key(text: str) -> str:
    text = text.lower().replace("’", "'").replace("&", " and ")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, aliases in AUTHORITIES.items():
        for variant in (name, *aliases):
            table[_key(variant)] = name
    return table


def _pattern_for(variant: str) -> str:
    parts = re.split(r"(\s+|&|\band\b|-|,)", variant)
    out = []
    for part in parts:
        if not part:
            continue
        if part.isspace():
            out.append(r"\s+")
        elif part in ("&", "and"):
            out.append(r"(?:&|and)")
        elif part == "-":
            out.append(r"[-\s]")
        elif part == ",":
            out.append(r",?")
        else:
            out.append(re.escape(part).replace(r"\.", r"\.?"))
    return "".join(out)


# Names that are also everyday words match only when capitalised as a name.
_CASE_SENSITIVE = {
    "Reading",
    "Bury",
    "Hull",
    "Sutton",
    "Poole",
    "Halton",
    "Stockport",
    *_SHORT_FORMS,
}


@lru_cache(maxsize=1)
def _regex() -> tuple[re.Pattern[str], list[str]]:
    variants = sorted(
        {(v, name) for name, aliases in AUTHORITIES.items() for v in (name, *aliases)},
        key=lambda pair: -len(pair[0]),
    )
    names = [name for _, name in variants]
    alternation = "|".join(
        f"(?P<g{i}>{'(?-i:' + _pattern_for(v) + ')' if v in _CASE_SENSITIVE else _pattern_for(v)})"
        for i, (v, _) in enumerate(variants)
    )
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?=(?:['’]s)?(?![\w-]))", re.IGNORECASE)
    return pattern, names


def find_authority_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every authority mentioned in ``text``."""
    # One question is scanned several times on its way through resolve, strip and answer,
    # each a pass of a long alternation (issue 16): short texts are remembered. Documents
    # are scanned once at build time and would only fill the cache.
    if len(text) <= 1000:
        return list(_short_spans(text))
    return list(_spans(text))


@lru_cache(maxsize=4096)
def _short_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    return _spans(text)


# "North and West Northamptonshire": the first of two names sharing their last words.
_COORDINATED = re.compile(r"(?<![\w-])([A-Z][a-z]+)\s*(?:,|and|&|or)\s*$")


# A capitalised word beside a first word said alone makes it part of another place's name:
# "Stoke Newington" (Hackney), "Grenfell Tower", "Waltham Abbey" (Essex). Not a word that
# opens its sentence ("Is Stoke …?").
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
_NAME_BEFORE = re.compile(r"(?<=[^.!?:;\s])[ \t]+[A-Z][a-z]+[ \t]+$")


def _part_of_another_name(text: str, start: int, end: int) -> bool:
    return bool(_NAME_AFTER.match(text, end) or _NAME_BEFORE.search(text, 0, start))


def _spans(text: str) -> tuple[tuple[int, int, str], ...]:
    pattern, names = _regex()
    spans = []
    for match in pattern.finditer(text):
        index = int(match.lastgroup[1:])  # type: ignore[index]
        name = names[index]
        if match.group() in _DERIVED and _part_of_another_name(text, match.start(), match.end()):
            continue
        first, _, rest = name.partition(" ")
        shared = _COORDINATED.search(text, 0, match.start()) if rest else None
        if shared and match.group().startswith(first):
            other = canonical_authority(f"{shared.group(1)} {rest}")
            if other and other != name:
                spans.append((shared.start(1), shared.end(1), other))
        spans.append((match.start(), match.end(), name))
    return tuple(spans)


# Names that match only capitalised though they are no English word: typed in lower case
# ("halton ILACS 2020 outcome?") they still name the authority, in a question (a document's
# "Sutton" may be a person's or another place's). "Reading" and "Bury" are words.
# So do initials ("mk care leavers", "bcp 2024"): no word is spelt "mk".
LOWER_CASE_NAMES = {
    name.lower(): name
    for name in _CASE_SENSITIVE
    if name in AUTHORITIES and name not in {"Reading", "Bury"}
} | {
    alias.lower(): alias
    for aliases in _ALIASES.values()
    for alias in aliases
    if alias.isupper() and alias.isalpha() and len(alias) <= 4
}


# Names that are everyday words too ("bury", "stoke", "bucks", "hull"), typed in lower case:
# the name where an inspection's words follow ("bury judged inadequate", "stoke ILACS 2025",
# "hull's 2023 report"), the word elsewhere ("gaps in reading"); questions are read so by
# ``index.understanding.spelling``.
WORDS_AS_NAMES = {
    variant.lower(): variant
    for variant in _CASE_SENSITIVE
    if variant.isalpha() and variant.lower() not in LOWER_CASE_NAMES
}


@lru_cache(maxsize=1)
def one_word_names() -> dict[str, str]:
    """Each authority's one-word names and aliases, lower-cased, → its canonical name: what a
    misspelt name in a question is compared with (``index.understanding.spelling``)."""
    return {
        variant.lower(): name
        for name, aliases in AUTHORITIES.items()
        for variant in (name, *aliases)
        if variant.isalpha() and variant not in _CASE_SENSITIVE
    }


def find_authorities(text: str) -> list[str]:
    """Canonical names mentioned in ``text``, in order of first appearance."""
    return list(dict.fromkeys(name for _, _, name in find_authority_spans(text)))


def canonical_authority(name: str) -> str | None:
    """The canonical name for an exact name or alias (any case, '&' or 'and'), else None."""
    return _lookup().get(_key(name))
