"""Which RIS tag holds which CSL variable, per kind of record, in both directions.

The tables follow Zotero's RIS translator: a RIS type (``TY``) names a Zotero item type
(the *kind* here), and each tag means a different Zotero field per kind; Zotero's own
field-to-CSL mapping then gives the CSL variable. The tables are written straight in CSL
terms. ``PRIMARY`` is read and written (Zotero's field map); ``FALLBACK`` is only read,
and only fills what the primary tags left empty (Zotero's "degenerate" import map: tags
other programs write where the specification says otherwise). docs/ris.md has the same
tables for people.

A target is a CSL variable, ``@role`` for a name variable, or None (no CSL variable: the
value stays in the record's RIS fields).
"""

from __future__ import annotations

from collections.abc import Mapping

# -- kinds: Zotero's item types, and their CSL types -----------------------------------

KIND_TYPES = {
    "artwork": "graphic",
    "audioRecording": "song",
    "bill": "bill",
    "blogPost": "post-weblog",
    "book": "book",
    "bookSection": "chapter",
    "case": "legal_case",
    "computerProgram": "software",
    "conferencePaper": "paper-conference",
    "dataset": "dataset",
    "dictionaryEntry": "entry-dictionary",
    "document": "document",
    "email": "personal_communication",
    "encyclopediaArticle": "entry-encyclopedia",
    "film": "motion_picture",
    "hearing": "hearing",
    "journalArticle": "article-journal",
    "letter": "personal_communication",
    "magazineArticle": "article-magazine",
    "manuscript": "manuscript",
    "map": "map",
    "newspaperArticle": "article-newspaper",
    "patent": "patent",
    "presentation": "speech",
    "report": "report",
    "statute": "legislation",
    "thesis": "thesis",
    "videoRecording": "motion_picture",
    "webpage": "webpage",
}

# RIS type -> (kind, CSL type). Zotero's import map, except where a CSL type says exactly
# what the RIS type names and Zotero has no such item type (each one marked), and GEN,
# which Zotero reads as a journal article: here it is a CSL document read with the journal
# article's tags, so that a document exported as GEN comes back as one.
RIS_TYPES: dict[str, tuple[str, str]] = {
    "ABST": ("journalArticle", "article-journal"),
    "ADVS": ("film", "motion_picture"),
    "AGGR": ("dataset", "dataset"),  # Zotero: document
    "ANCIENT": ("book", "classic"),  # Zotero: document
    "ART": ("artwork", "graphic"),
    "BILL": ("bill", "bill"),
    "BLOG": ("blogPost", "post-weblog"),
    "BOOK": ("book", "book"),
    "CASE": ("case", "legal_case"),
    "CHAP": ("bookSection", "chapter"),
    "CHART": ("artwork", "figure"),  # Zotero: artwork
    "CLSWK": ("book", "classic"),  # Zotero: book
    "COMP": ("computerProgram", "software"),
    "CONF": ("conferencePaper", "paper-conference"),
    "CPAPER": ("conferencePaper", "paper-conference"),
    "CTLG": ("magazineArticle", "article-magazine"),
    "DATA": ("dataset", "dataset"),
    "DBASE": ("dataset", "dataset"),
    "DICT": ("dictionaryEntry", "entry-dictionary"),
    "EBOOK": ("book", "book"),
    "ECHAP": ("bookSection", "chapter"),
    "EDBOOK": ("book", "book"),
    "EJOUR": ("journalArticle", "article-journal"),
    "ELEC": ("webpage", "webpage"),
    "ENCYC": ("encyclopediaArticle", "entry-encyclopedia"),
    "EQUA": ("document", "document"),
    "FIGURE": ("artwork", "figure"),  # Zotero: artwork
    "GEN": ("journalArticle", "document"),  # Zotero: journal article
    "GOVDOC": ("report", "report"),
    "GRANT": ("document", "document"),
    "GRNT": ("document", "document"),
    "HEAR": ("hearing", "hearing"),
    "ICOMM": ("email", "personal_communication"),
    "INPR": ("journalArticle", "article-journal"),  # Zotero: manuscript, losing the journal
    "JFULL": ("journalArticle", "periodical"),  # Zotero: journal article
    "JOUR": ("journalArticle", "article-journal"),
    "LEGAL": ("statute", "regulation"),  # Zotero: case; RIS says "legal rule or regulation"
    "MANSCPT": ("manuscript", "manuscript"),
    "MAP": ("map", "map"),
    "MGZN": ("magazineArticle", "article-magazine"),
    "MPCT": ("film", "motion_picture"),
    "MULTI": ("videoRecording", "motion_picture"),
    "MUSIC": ("audioRecording", "musical_score"),  # Zotero: audio recording
    "NEWS": ("newspaperArticle", "article-newspaper"),
    "PAMP": ("manuscript", "pamphlet"),  # Zotero: manuscript
    "PAT": ("patent", "patent"),
    "PCOMM": ("letter", "personal_communication"),
    "RPRT": ("report", "report"),
    "SER": ("book", "book"),
    "SLIDE": ("presentation", "speech"),
    "SOUND": ("audioRecording", "song"),
    "STAND": ("report", "standard"),  # Zotero: report
    "STAT": ("statute", "legislation"),
    "THES": ("thesis", "thesis"),
    "UNBILL": ("manuscript", "manuscript"),
    "UNPB": ("manuscript", "manuscript"),
    "UNPD": ("manuscript", "manuscript"),
    "VIDEO": ("videoRecording", "motion_picture"),
    "WEB": ("webpage", "webpage"),
}
# A record without TY, or with a type nobody defines, is read as Zotero reads it.
DEFAULT_RIS_TYPE = "JOUR"

# CSL type -> the RIS type written for it. The last group has no RIS type of its own:
# Zotero's choice is written, and the record comes back as that type's CSL type.
EXPORT_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "chapter": "CHAP",
    "classic": "CLSWK",
    "dataset": "DATA",
    "document": "GEN",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "figure": "FIGURE",
    "graphic": "ART",
    "hearing": "HEAR",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "musical_score": "MUSIC",
    "pamphlet": "PAMP",
    "paper-conference": "CONF",
    "patent": "PAT",
    "periodical": "JFULL",
    "personal_communication": "PCOMM",
    "post-weblog": "BLOG",
    "regulation": "LEGAL",
    "report": "RPRT",
    "software": "COMP",
    "song": "SOUND",
    "speech": "SLIDE",
    "standard": "STAND",
    "thesis": "THES",
    "webpage": "ELEC",
    # no RIS type of their own
    "article": "GEN",
    "broadcast": "MPCT",
    "collection": "GEN",
    "entry": "GEN",
    "event": "GEN",
    "interview": "PCOMM",
    "performance": "GEN",
    "post": "ICOMM",
    "review": "GEN",
    "review-book": "GEN",
    "treaty": "GEN",
}


def ris_type(tag_value: str) -> tuple[str, str] | None:
    """(kind, CSL type) of a ``TY`` value, or None if no one defines it."""
    return RIS_TYPES.get(tag_value.strip().upper())


def export_type(csl_type: str) -> str:
    return EXPORT_TYPES.get(csl_type, "GEN")


def kind_of(csl_type: str, kept_ris_type: str | None = None) -> tuple[str, str]:
    """(RIS type, kind) to write a record of *csl_type* with.

    A RIS type the record was imported with is written back when it still names the
    record's CSL type (an ``EJOUR`` stays ``EJOUR``).
    """
    if kept_ris_type:
        known = ris_type(kept_ris_type) or (
            # a type no one defines, read as the default: written back as it was
            None if csl_type != RIS_TYPES[DEFAULT_RIS_TYPE][1] else RIS_TYPES[DEFAULT_RIS_TYPE]
        )
        if known and known[1] == csl_type:
            return kept_ris_type.strip().upper(), known[0]
    ty = export_type(csl_type)
    return ty, RIS_TYPES[ty][0]


# -- tags -------------------------------------------------------------------------------

# A rule: one target for every kind, or {kind: target} with "*" the default and "!" the
# kinds the default does not apply to.
Rule = str | Mapping[str, object]

_JOURNALS = ("journalArticle", "magazineArticle", "newspaperArticle")
_BROADCASTS = ("film", "videoRecording")
_CONTAINED = (
    *_JOURNALS,
    "bookSection",
    "blogPost",
    "dictionaryEntry",
    "encyclopediaArticle",
    "webpage",
    "bill",
    "statute",
)
_AUTHORS: Rule = {
    "*": "@author",
    "audioRecording": "@composer",
    "film": "@director",
    "videoRecording": "@director",
}


def _each(kinds: tuple[str, ...], target: str | None) -> dict[str, object]:
    return dict.fromkeys(kinds, target)


PRIMARY: dict[str, Rule] = {
    "AB": "abstract",
    "AN": "archive_location",
    "CN": "call-number",
    "DB": "archive",
    "DO": "DOI",
    "DP": "source",
    "J2": "container-title-short",
    "KW": "keyword",
    "L1": {},
    "L2": {},
    "L4": {},
    "N1": "annote",
    "ST": "title-short",
    "UR": "URL",
    "Y2": "accessed",
    "TI": "title",
    "T2": {
        **_each(_CONTAINED, "container-title"),
        "conferencePaper": "event-title",
        "presentation": "event-title",
        "hearing": "section",
        **_each(("computerProgram", "map", "report", "book"), "collection-title"),
    },
    "T3": {
        "hearing": "authority",
        "bill": "authority",
        **_each(
            ("bookSection", "conferencePaper", "journalArticle", "audioRecording"),
            "collection-title",
        ),
    },
    "AU": _AUTHORS,
    "A1": _AUTHORS,
    "A2": {
        **_each(("bill", "audioRecording", "presentation"), "@author"),
        "interview": "@interviewer",
        **_each(
            (
                "journalArticle",
                "bookSection",
                "conferencePaper",
                "dictionaryEntry",
                "document",
                "encyclopediaArticle",
            ),
            "@editor",
        ),
        **_each(("book", "report"), "@collection-editor"),
        **_each(("email", "letter"), "@recipient"),
        "case": "container-title",  # the reporter
        "patent": "authority",  # the issuing authority
    },
    "A3": {
        "thesis": "@contributor",
        **_each(_BROADCASTS, "@producer"),
        "book": "@editor",
        **_each(
            ("bookSection", "conferencePaper", "dictionaryEntry", "encyclopediaArticle", "map"),
            "@collection-editor",
        ),
    },
    "A4": {
        "*": "@translator",
        "!": ("case",),  # counsel: no CSL variable
        **_each(("conferencePaper", "film", "dataset"), "@contributor"),
    },
    "C1": {
        "patent": "submitted",  # filing date
        "videoRecording": "@performer",
        "map": "scale",
        "conferencePaper": "publisher-place",
    },
    "C2": {
        "bookSection": "@container-author",
        # sarcref: Scopus writes the PubMed ID here; "PMC..." values are PMC IDs.
        "journalArticle": "PMID",
    },
    "C3": {"artwork": "dimensions", "conferencePaper": "container-title"},
    "C4": {"film": "genre"},
    "C5": {
        "patent": "references",
        "audioRecording": "medium",
        **_each(_BROADCASTS, "medium"),
    },
    "C6": {"patent": "status"},
    # sarcref: the article number (RIS 2011, Scopus and Web of Science).
    "C7": {"journalArticle": "number"},
    "CY": {"*": "publisher-place", "!": ("conferencePaper",)},
    "DA": "issued",
    "ET": {
        "*": "edition",
        **_each(("bill", "hearing", "statute"), "chapter-number"),
        **_each(("computerProgram", "dataset"), "version"),
    },
    "IS": {"*": "issue", "bookSection": "number-of-volumes", "!": ("dataset",)},
    "LA": {"*": "language", "computerProgram": "genre"},
    "M1": {
        "book": "collection-number",
        "bill": "number",
        "computerProgram": "medium",
        "hearing": "number",
        "patent": "call-number",
        "statute": "number",
    },
    "M3": {
        **_each(
            (
                "manuscript",
                "map",
                "report",
                "thesis",
                "blogPost",
                "webpage",
                "letter",
                "presentation",
            ),
            "genre",
        ),
        "artwork": "medium",
    },
    "NV": {"*": "number-of-volumes", "dataset": "number", "!": ("bookSection",)},
    "OP": {
        **_each(("hearing", "statute", "bill", "case"), "references"),
        "patent": "issue",  # priority numbers
    },
    "PB": {"*": "publisher", "case": "authority", "!": ("patent",)},
    "PY": "issued",
    "SE": {"*": "section", "!": ("case",)},
    "SN": {
        "*": "ISBN",
        **_each(_JOURNALS, "ISSN"),
        "patent": "number",
        "report": "number",
    },
    "SP": {
        "*": "page",
        **_each(("book", "thesis", "manuscript"), "number-of-pages"),
        "film": "dimensions",
    },
    "SV": {"bookSection": "collection-number", "case": "number"},
    "VL": {"*": "volume", "!": ("patent", "webpage")},
    # sarcref: CSL's note is Zotero's Extra, which Zotero reads from M2.
    "M2": "note",
}

FALLBACK: dict[str, Rule] = {
    "T1": "title",
    "T2": "container-title",
    "T3": {"book": "collection-title"},
    "AV": "archive_location",
    "BT": {
        **_each(("book", "manuscript"), "title"),
        "*": "container-title",
    },
    "CR": "license",
    "CT": "title",
    "CY": "publisher-place",
    "ED": "@editor",
    "IS": {"dataset": "version"},
    "JA": "container-title-short",
    "JF": "container-title",
    # sarcref: Web of Science's ISO abbreviation, source title and PubMed ID, in records
    # tools rewrote from Web of Science's own format.
    "JI": "container-title-short",
    "SO": "container-title",
    "PM": "PMID",
    "JO": {"*": "container-title-short", "conferencePaper": "event-title"},
    "M1": {
        "*": "note",
        "journalArticle": "issue",  # EndNote writes the issue here
        "bookSection": "number-of-volumes",
        "webpage": "accessed",
    },
    "M2": "note",
    "C2": {"patent": "issued"},  # the issue date, as Zotero writes it besides DA
    "H1": "source",  # Citavi's library
    "H2": "call-number",  # ... and call number
    "M3": "DOI",  # EndNote writes the DOI here; anything else is left alone
    "N2": "abstract",
    "NV": "number-of-volumes",
    "RN": "annote",
    "VL": {"webpage": "accessed"},
    "Y1": "issued",
}

# Tags read in a second pass, after every other tag, so that they only fill gaps (Zotero
# defers any tag its degenerate map names).
DEFERRED = frozenset(FALLBACK)

# Zotero's order of tags on export, with sarcref's additions (C7, M2) in place.
EXPORT_ORDER = (
    "TI AU T2 A2 T3 A3 A4 AB C1 C2 C3 C4 C5 C6 C7 CN CY DA PY DO DP ET VL IS SP J2 LA M1 M2 "
    "M3 NV OP PB SE SN ST SV UR AN DB Y2 N1 KW"
).split()


def _pick(rule: Rule | None, kind: str) -> tuple[bool, str | None]:
    """(whether *rule* says anything for *kind*, its target)."""
    if rule is None:
        return False, None
    if isinstance(rule, str):
        return True, rule
    if kind in rule:
        target = rule[kind]
        return True, target if isinstance(target, str) else None
    default = rule.get("*")
    excluded = rule.get("!", ())
    if isinstance(default, str) and kind not in excluded:  # type: ignore[operator]
        return True, default
    return False, None


def target(kind: str, tag: str) -> str | None:
    """The CSL variable (or ``@role``) *tag* fills in a record of *kind* on import."""
    found, variable = _pick(PRIMARY.get(tag), kind)
    if found and variable is not None:
        return variable
    return _pick(FALLBACK.get(tag), kind)[1]


def export_tags(kind: str) -> list[tuple[str, str]]:
    """(tag, CSL variable or @role) written for a record of *kind*, in export order.

    Zotero's tags first; then, for a variable none of them holds for *kind*, the tag other
    programs write it in and Zotero reads it from (``JF`` for a book's container title,
    ``ED`` for a thesis's editor), so that what an import read, an export writes.
    """
    tags = []
    for tag in EXPORT_ORDER:
        variable = _pick(PRIMARY.get(tag), kind)[1]
        if variable is not None:
            tags.append((tag, variable))
    used = {tag for tag, _ in tags}
    covered = {variable for _, variable in tags}
    for tag in FALLBACK:
        variable = target(kind, tag)
        if tag not in used and variable is not None and variable not in covered:
            tags.append((tag, variable))
            used.add(tag)
            covered.add(variable)
    return tags


def round_trips(csl_type: str) -> bool:
    """Whether a record of *csl_type* comes back from RIS with its type."""
    return RIS_TYPES[export_type(csl_type)][1] == csl_type


def carried(csl_type: str) -> dict[str, str]:
    """The CSL variables RIS carries for a record of *csl_type*, each with its tag.

    Name variables are named without the ``@``. ``page`` is written as SP and EP;
    ``PMCID`` shares ``PMID``'s tag (C2), and ISBN and ISSN share SN: each is told from
    the other by its shape.
    """
    variables: dict[str, str] = {}
    for tag, variable in export_tags(kind_of(csl_type)[1]):
        variables.setdefault(variable.removeprefix("@"), tag)
    if "PMID" in variables:
        variables["PMCID"] = variables["PMID"]
    for one, other in (("ISBN", "ISSN"), ("ISSN", "ISBN")):
        if one in variables:
            variables.setdefault(other, variables[one])
    return variables
