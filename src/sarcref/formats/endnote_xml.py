"""EndNote XML (``<xml><records><record>``: the XML export of EndNote, Bookends, Mendeley and
others) to CSL records.

Each ``<record>`` has its reference type (``<ref-type name="Journal Article">17</ref-type>``:
the name decides, the number when the name is missing), and fields whose meaning depends on
it, as in EndNote's own reference types: ``secondary-title`` is a journal's name for a
journal article, the book's for a book section, the series' for a book. Styled text (``<style
face="italic">``, bold, superscript, subscript) becomes CSL rich text (``<i>``, ``<b>``,
``<sup>``, ``<sub>``). Fields with no CSL counterpart are kept in the record's sarcref fields
(``extra["endnote"]``). The file is parsed with entities, DTDs and the network off.
"""

from __future__ import annotations

import re
from typing import Any

from ..xmlsafe import iter_records, root_name
from . import collect
from .languages import bcp47
from .model import ReadResult
from .person_names import from_inverted
from .text_dates import parse_text_date

FORMAT = "endnote-xml"
EXTRA = "endnote"

# EndNote's reference types: name -> (number, CSL type). The numbers are those EndNote X
# writes; the types EndNote 20 added are known by name only.
TYPES: dict[str, tuple[int | None, str]] = {
    "Aggregated Database": (55, "dataset"),
    "Ancient Text": (51, "classic"),
    "Artwork": (2, "graphic"),
    "Audiovisual Material": (3, "motion_picture"),
    "Bill": (4, "bill"),
    "Blog": (56, "post-weblog"),
    "Book": (6, "book"),
    "Book Section": (5, "chapter"),
    "Case": (7, "legal_case"),
    "Catalog": (8, "book"),
    "Chart or Table": (38, "figure"),
    "Classical Work": (49, "classic"),
    "Computer Program": (9, "software"),
    "Conference Paper": (47, "speech"),
    "Conference Proceedings": (10, "paper-conference"),
    "Dataset": (59, "dataset"),
    "Dictionary": (52, "entry-dictionary"),
    "Edited Book": (28, "book"),
    "Electronic Article": (43, "article-journal"),
    "Electronic Book": (44, "book"),
    "Electronic Book Section": (60, "chapter"),
    "Encyclopedia": (53, "entry-encyclopedia"),
    "Equation": (39, "figure"),
    "Figure": (37, "figure"),
    "Film or Broadcast": (21, "motion_picture"),
    "Generic": (13, "document"),
    "Government Document": (46, "report"),
    "Grant": (54, "document"),
    "Hearing": (14, "hearing"),
    "Journal Article": (17, "article-journal"),
    "Legal Rule or Regulation": (50, "regulation"),
    "Magazine Article": (19, "article-magazine"),
    "Manuscript": (36, "manuscript"),
    "Map": (20, "map"),
    "Music": (61, "song"),
    "Newspaper Article": (23, "article-newspaper"),
    "Online Database": (45, "webpage"),
    "Online Multimedia": (48, "webpage"),
    "Pamphlet": (24, "pamphlet"),
    "Patent": (25, "patent"),
    "Personal Communication": (26, "personal_communication"),
    "Report": (27, "report"),
    "Serial": (57, "periodical"),
    "Standard": (58, "standard"),
    "Statute": (31, "legislation"),
    "Thesis": (32, "thesis"),
    "Unpublished Work": (34, "manuscript"),
    "Web Page": (12, "webpage"),
    "Interview": (None, "interview"),
    "Podcast": (None, "broadcast"),
    "Press Release": (None, "article"),
    "Social Media": (None, "post"),
    "Discussion Forum": (None, "post"),
}
_BY_NUMBER = {number: csl for number, csl in TYPES.values() if number is not None}

_PERIODICAL = {"article-journal", "article-magazine", "article-newspaper"}
_BOOK = {"book", "classic"}
_PART = {"chapter", "entry-dictionary", "entry-encyclopedia"}
_CONFERENCE = {"paper-conference", "speech"}
_NUMBERED = {"report", "patent", "thesis", "bill", "hearing", "legislation", "standard"}
_FACES = (("italic", "i"), ("bold", "b"), ("superscript", "sup"), ("subscript", "sub"))
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ISSN = re.compile(r"\b\d{4}-?\d{3}[\dXx]\b")
_SPACE_BEFORE_CLOSE = re.compile(r"\s+(</(?:i|b|sup|sub)>)")


def looks_like_endnote_xml(head: str) -> bool:
    return root_name(head) == "xml" and "<record" in head[:20000]


def read(text: str, source: str) -> ReadResult:
    """The records of an EndNote XML text, in file order, and the records it could not read."""
    result = ReadResult(FORMAT)
    records = iter_records(text, source, root="xml", records=("record",), what="EndNote XML")
    for number, record in enumerate(records, 1):
        label = f"record {_text(record.find('rec-number')) or number}"
        csl, extra, warnings = record_to_csl(record)
        for warning in warnings:
            collect.warn(result, source, record.sourceline, label, warning)
        collect.add_record(result, csl, extra, source, record.sourceline, label)
    return result


def record_to_csl(record: Any) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """The CSL variables, sarcref fields and warnings of one ``<record>``."""
    ref_type = record.find("ref-type")
    kind = csl_type(ref_type)
    csl: dict[str, Any] = {"type": kind, "id": ""}
    rest: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    warnings: list[str] = []
    if ref_type is not None:
        rest["ref-type"] = ref_type.get("name") or _text(ref_type)
    source: dict[str, str] = {"format": FORMAT}
    for field in record:
        name = field.tag
        if name in ("titles", "periodical", "alt-periodical"):
            for sub in field:
                _title(kind, f"{name}/{sub.tag}", sub, csl, rest)
        elif name == "contributors":
            for group in field:
                _names(kind, group, csl, rest)
        elif name == "dates":
            _dates(field, csl, rest, warnings)
        elif name == "urls":
            _urls(field, csl, rest)
        elif name == "keywords":
            words = [_text(k) for k in field.findall("keyword")]
            words = [w for k in words for w in re.split(r"[\r\n]+", k) if w.strip()]
            if words:
                csl["keyword"] = ", ".join(w.strip() for w in words)
        elif name == "source-app":
            source["application"] = field.get("name") or _text(field)
        elif name == "remote-database-name" and _text(field):
            source["database"] = collect.database_name(_text(field))
            rest[name] = _text(field)
        elif name in ("ref-type", "foreign-keys", "database"):
            continue
        else:
            _field(kind, name, field, csl, rest, warnings)
    _finish(kind, csl, rest, source)
    extra["source"] = source
    publication_type = rest.pop("work-type", None) if kind in _PERIODICAL else None
    if publication_type:
        extra["publication-types"] = [publication_type]
    if rest:
        extra[EXTRA] = rest
    return csl, extra, warnings


def csl_type(ref_type: Any) -> str:
    if ref_type is None:
        return "article-journal"
    named = TYPES.get((ref_type.get("name") or "").strip())
    if named:
        return named[1]
    number = _text(ref_type)
    return _BY_NUMBER.get(int(number), "document") if number.isdigit() else "document"


def _title(kind: str, path: str, node: Any, csl: dict[str, Any], rest: dict[str, Any]) -> None:
    text = styled_text(node, rich=True)
    if not text:
        return
    variable = {
        "titles/title": "title",
        "titles/short-title": "title-short",
        "periodical/full-title": "container-title",
        "periodical/abbr-1": "container-title-short",
    }.get(path)
    if path == "titles/secondary-title":
        if kind in _PERIODICAL | _PART | _CONFERENCE or kind in ("webpage", "post-weblog"):
            variable = "container-title"
        elif kind in _BOOK | {"report", "map", "software", "thesis"}:
            variable = "collection-title"
        elif kind in ("bill", "legislation", "legal_case", "regulation"):
            variable = "container-title"
    elif path == "titles/tertiary-title" and kind in _PART | _CONFERENCE:
        variable = "collection-title"
    elif path == "titles/alt-title" and kind in _PERIODICAL:
        variable = "container-title-short"
    if variable and variable not in csl:
        csl[variable] = text
    elif variable is None or csl.get(variable) != text:
        rest[path] = text


def _names(kind: str, group: Any, csl: dict[str, Any], rest: dict[str, Any]) -> None:
    names = [_name(styled_text(a)) for a in group.findall("author")]
    names = [n for n in names if n]
    if not names:
        return
    role = group.tag
    variable: str | None = None
    if role == "authors":
        variable = {"motion_picture": "director", "song": "composer"}.get(kind, "author")
        if kind == "book" and rest.get("ref-type") in ("Edited Book", "28"):
            variable = "editor"
    elif role == "secondary-authors":
        if kind in _BOOK | {"report"}:
            variable = "collection-editor"
        elif kind == "personal_communication":
            variable = "recipient"
        else:
            variable = "editor"
    elif role == "tertiary-authors":
        variable = "editor" if kind in _BOOK else "collection-editor"
    elif role == "subsidiary-authors":
        variable = "translator"
    if variable is None:
        rest[f"contributors/{role}"] = [styled_text(a) for a in group.findall("author")]
        return
    csl.setdefault(variable, []).extend(names)


def _name(text: str) -> dict[str, str] | None:
    """EndNote's ``Family, Given``; a name ending in a comma (``PRISMA Group,``) is corporate."""
    text = " ".join(text.split())
    if not text:
        return None
    if text.endswith(",") or "," not in text:
        return {"literal": text.rstrip(",").strip()}
    return from_inverted(text)


def _dates(node: Any, csl: dict[str, Any], rest: dict[str, Any], warnings: list[str]) -> None:
    year = _text(node.find("year"))
    day = " ".join(_text(d) for d in node.findall("pub-dates/date"))
    text = day if re.search(r"\b\d{4}\b", day) else f"{year} {day}".strip()
    date = parse_text_date(text) if text else None
    if date is None and year:
        date = parse_text_date(year)
        if day:
            rest["dates/pub-dates"] = day
    if date is not None:
        csl["issued"] = date
    elif text:
        csl["issued"] = {"literal": text}
        warnings.append(f"date '{text}' kept as text")


def _urls(node: Any, csl: dict[str, Any], rest: dict[str, Any]) -> None:
    for group in node:
        urls = [_text(u) for u in group.findall("url") if _text(u)]
        if not urls:
            continue
        if group.tag in ("related-urls", "web-urls") and "URL" not in csl:
            csl["URL"] = urls.pop(0)
        if urls:
            rest[f"urls/{group.tag}"] = urls


def _field(
    kind: str, name: str, node: Any, csl: dict[str, Any], rest: dict[str, Any], warnings: list[str]
) -> None:
    text = styled_text(node, rich=False)
    if not text:
        return
    variable: str | None = {
        "volume": "volume",
        "num-vols": "number-of-volumes",
        "pub-location": "event-place" if kind in _CONFERENCE else "publisher-place",
        "publisher": "publisher",
        "call-num": "call-number",
        "notes": "note",
        "access-date": "accessed",
    }.get(name)
    if name == "pages":
        variable = "number-of-pages" if kind in _BOOK | {"thesis"} else "page"
    elif name == "number":
        if kind in _PERIODICAL:
            variable = "issue"
        elif kind in _BOOK | _PART:
            variable = "collection-number"
        else:
            variable = "number"
    elif name == "issue":
        variable = "issue"
    elif name == "edition":
        # A journal article's "edition" is EndNote's Epub Date.
        variable = "available-date" if kind in _PERIODICAL else "edition"
    elif name == "abstract":
        csl["abstract"] = _paragraphs(node)
        return
    elif name == "isbn":
        variable = _isbn(kind, "".join(node.itertext()), csl)
        if variable is None and csl.get("ISSN") == text:
            return  # the whole field was the ISSN
    elif name == "electronic-resource-num":
        match = _DOI.search(text)
        variable = "DOI" if match else None
        text = match.group().rstrip(".") if match else text
    elif name == "accession-num":
        rest[name] = text
        return
    elif name == "language":
        tag = bcp47(text)
        if tag:
            csl["language"] = tag
            return
        warnings.append(f"language '{text}' is not one sarcref knows; kept in the endnote fields")
    elif name == "work-type" and kind not in _PERIODICAL:
        variable = "genre"
    elif name == "custom2" and re.fullmatch(r"PMC\d+", text):
        variable = "PMCID"
    if variable in ("available-date", "accessed"):
        date = parse_text_date(text)
        if date is None:
            rest[name] = text
        else:
            csl[variable] = date
        return
    if variable and variable not in csl:
        csl[variable] = text
    else:
        rest[name] = text


def _isbn(kind: str, text: str, csl: dict[str, Any]) -> str | None:
    if kind in _PERIODICAL:
        # PubMed's "1549-1676 (Electronic)\r1549-1277 (Linking)": print, else linking.
        lines = [line for line in re.split(r"[\r\n;]+", text) if _ISSN.search(line)]
        ranked = sorted(lines, key=lambda line: ("Print" not in line, "Linking" not in line))
        if ranked:
            number = _ISSN.search(ranked[0]).group().upper()  # type: ignore[union-attr]
            csl.setdefault("ISSN", number if "-" in number else f"{number[:4]}-{number[4:]}")
        return None
    if kind in ("report", "patent"):
        return "number"
    return "ISBN"


def _finish(kind: str, csl: dict[str, Any], rest: dict[str, Any], source: dict[str, str]) -> None:
    accession = rest.pop("accession-num", None)
    if accession:
        source["accession"] = accession
        if source.get("database") in ("PubMed", "MEDLINE") and accession.isdigit():
            csl.setdefault("PMID", accession)
    if kind == "speech" and "container-title" in csl:
        # A Conference Paper's "Conference Name" is its event; proceedings are a container.
        csl["event-title"] = csl.pop("container-title")
    if "ISBN" in csl:
        csl["ISBN"] = re.split(r"[\r\n]", csl["ISBN"])[0].split(" (")[0].strip()


def styled_text(node: Any, *, rich: bool = False) -> str:
    """A field's text on one line; with *rich*, its ``<style face=...>`` runs as CSL rich
    text (``<i>``, ``<b>``, ``<sup>``, ``<sub>``)."""
    if node is None:
        return ""
    text = " ".join(_runs(node, rich).split())
    if rich and "</" in text:
        for _, tag in _FACES:
            text = text.replace(f"</{tag}><{tag}>", "")
        text = _SPACE_BEFORE_CLOSE.sub(r"\1 ", text).strip()
    return text


def _runs(node: Any, rich: bool) -> str:
    pieces = [node.text or ""]
    for child in node:
        inner = _runs(child, rich)
        if rich and child.tag == "style" and inner.strip():
            faces = (child.get("face") or "").split()
            for face, tag in _FACES:
                if face in faces:
                    inner = f"<{tag}>{inner}</{tag}>"
        pieces.append(inner)
        pieces.append(child.tail or "")
    return "".join(pieces)


def _paragraphs(node: Any) -> str:
    """An abstract's text, its line breaks (EndNote writes ``\\r``) kept as paragraphs."""
    text = "".join(node.itertext()).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _text(node: Any) -> str:
    return styled_text(node) if node is not None else ""
