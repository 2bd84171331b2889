"""The judged queries of the relevance test set, over the demo case studies (fixtures/demo/).

Each judgement says what a reader would expect in the top five results, written from reading the demo case studies
(titles, summaries, and for a few words the full text), before the search was run against them. Case studies are
named by their lead council's code: every demo case study has a different lead council.

``expected`` is in the order a reader would rank them, but only membership counts: recall@5 is the share of
``expected`` (at most five of them) found in the top five, and the reciprocal rank is 1 / the position of the first
expected one. ``absent`` lists case studies that must not be in the top five (exclusions): one there makes the
query's recall and reciprocal rank 0. A query expecting nothing scores 1 when it finds nothing and 0 otherwise.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Judgement:
    query: str
    kind: str
    expected: tuple[str, ...]
    absent: tuple[str, ...] = field(default=())


def j(query: str, kind: str, *expected: str, absent: tuple[str, ...] = ()) -> Judgement:
    return Judgement(query, kind, expected, absent)


EXACT, PLURAL, TYPO, US, ABBREVIATION, SYNONYM, PLACE, WELSH, PHRASE, EXCLUSION, OR, NOTHING = (
    "exact word",
    "plural or inflection",
    "typo",
    "US spelling",
    "abbreviation",
    "synonym",
    "place name",
    "Welsh place name or word",
    "phrase",
    "exclusion",
    "OR",
    "should find nothing",
)

JUDGEMENTS = [
    # Exact words
    j("recycling", EXACT, "SWA", "WIL", "GAT"),
    j("reablement", EXACT, "STY", "KEN"),
    j("potholes", EXACT, "LAN"),
    j("telecare", EXACT, "BST"),
    j("apprenticeship levy", EXACT, "SFK"),
    j("heat pumps", EXACT, "ESS"),
    j("ash dieback", EXACT, "DEV"),
    j("phosphate", EXACT, "MON"),
    j("cargo bikes", EXACT, "YOR"),
    j("damp and mould", EXACT, "SWK"),
    j("food waste", EXACT, "DUR", "GAT"),
    j("temporary accommodation", EXACT, "BNH", "DER"),
    j("mobile library", EXACT, "GWN"),
    j("blood pressure", EXACT, "WRL"),
    j("flood wardens", EXACT, "RCT"),
    j("knife crime", EXACT, "LUT"),
    j("One Public Estate", EXACT, "PTE", "HAM", "CHE", "MIK"),
    j("laptops", EXACT, "KIR"),
    j("freight", EXACT, "YOR"),
    j("screen industry jobs", EXACT, "BDG"),
    j("meanwhile leases", EXACT, "SKP"),
    j("planning service", EXACT, "HPL"),
    j("contact centres", EXACT, "NNT"),
    j("financial assessments", EXACT, "WLL"),
    j("night-time economy", EXACT, "SHF"),
    j("rough sleeping", EXACT, "MAN", "CAB"),
    j("loneliness", EXACT, "BIR", "SND"),
    # Plurals and inflections
    j("pothole", PLURAL, "LAN"),
    j("wetland", PLURAL, "MON"),
    j("cycleway", PLURAL, "CRF"),
    j("vaccines", PLURAL, "LDS", "LIV"),
    j("lending libraries", PLURAL, "KIR", "WRL"),
    j("homeless family", PLURAL, "DER"),
    # Typos
    j("recyling", TYPO, "SWA", "WIL", "GAT"),
    j("reablment", TYPO, "STY", "KEN"),
    j("potholse", TYPO, "LAN"),
    j("contaminaton", TYPO, "SWA", "WIL"),
    j("phospate", TYPO, "MON"),
    j("telecre", TYPO, "BST"),
    j("vaccinaton", TYPO, "LIV", "LDS"),
    j("libary lending", TYPO, "KIR", "WRL"),
    j("Gatesehad", TYPO, "GAT"),
    j("apprenticeship levvy", TYPO, "SFK"),
    # US spellings
    j("immunization", US, "LDS", "NWM"),
    j("reorganization", US, "OXF"),
    j("behavioral insights", US, "SWA", "LIV", "DUR", "LDS", "NWM", "SRY", "GAT"),
    j("labor market", US, "COV", "SHR"),
    j("neighborhoods", US, "LDS", "NET", "PTE", "COV", "BRD", "PLY", "LUT", "CAB", "MDB", "MIK"),
    # Abbreviations
    j("AI", ABBREVIATION, "LAN"),
    j("SEND", ABBREVIATION, "WOR", "SRY"),
    j("EV", ABBREVIATION, "SHR", "YOR"),
    j("ASB", ABBREVIATION, "MDB"),
    j("HAF", ABBREVIATION, "BPL"),
    j("FSM", ABBREVIATION, "BPL"),
    j("RPA", ABBREVIATION, "NGM"),
    j("VCSE", ABBREVIATION, "BIR", "MAN", "BRD", "NBL"),
    # Synonyms
    j("artificial intelligence", SYNONYM, "LAN"),
    j("special educational needs", SYNONYM, "WOR", "SRY"),
    j("ebikes", SYNONYM, "YOR"),
    j("electric vehicles", SYNONYM, "SHR", "YOR"),
    j("carbon neutral", SYNONYM, "GMCA", "NET"),
    j("looked-after children", SYNONYM, "STE"),
    j("small businesses", SYNONYM, "SFK", "PLY"),
    j("coronavirus", SYNONYM, "NWM", "LDS", "LIV"),
    j("digital divide", SYNONYM, "KIR"),
    j("bike lanes", SYNONYM, "CRF"),
    j("social isolation", SYNONYM, "BIR", "SND"),
    # Place names
    j("Newcastle", PLACE, "NET"),
    j("Stoke-on-Trent", PLACE, "STE"),
    j("Barking and Dagenham", PLACE, "BDG"),
    j("Milton Keynes", PLACE, "MIK"),
    j("Cornwall", PLACE, "CON"),
    j("Cardiff", PLACE, "CRF"),
    j("Pembrokeshire", PLACE, "PEM"),
    j("Swansea", PLACE, "SWA"),
    # Welsh place names and words
    j("Gwynedd", WELSH, "GWN"),
    j("Conwy", WELSH, "CWY"),
    j("Rhondda Cynon Taf", WELSH, "RCT"),
    j("RCT", WELSH, "RCT"),
    j("Caerdydd", WELSH, "CRF"),
    j("Abertawe", WELSH, "SWA"),
    j("Sir Fynwy", WELSH, "MON"),
    j("Croeso Cynnes", WELSH, "CWY", "BRD", "BIR"),
    j("Llyfrgell", WELSH, "GWN"),
    # Phrases
    j('"food waste collections"', PHRASE, "GAT", "DUR"),
    j('"public health approach"', PHRASE, "LUT"),
    j('"home care"', PHRASE, "SHR", "RUT", "LEC"),
    j('"warm welcome"', PHRASE, "BRD", "BIR", "CWY"),
    j('"travel training"', PHRASE, "WOR", "SRY"),
    # Exclusions
    j("recycling -Wiltshire", EXCLUSION, "SWA", "GAT", absent=("WIL",)),
    j("reablement -Kent", EXCLUSION, "STY", absent=("KEN",)),
    j('"warm welcome" -Bradford', EXCLUSION, "BIR", "CWY", absent=("BRD",)),
    j('"home care" -Shropshire', EXCLUSION, "RUT", "LEC", absent=("SHR",)),
    # OR
    j("Gwynedd OR Conwy", OR, "GWN", "CWY"),
    j("Cardiff OR Swansea", OR, "CRF", "SWA"),
    j('potholes OR "ash dieback"', OR, "LAN", "DEV"),
    # Queries that should find nothing (a keyword with no word at all, such as "!!!", is no search: the list
    # shows everything with a note, tests/casestudies/catalogue/test_describe.py)
    j("zeppelin", NOTHING),
    j("quantum blockchain", NOTHING),
    j("xyzzy", NOTHING),
    j("Aberdeen", NOTHING),
]
