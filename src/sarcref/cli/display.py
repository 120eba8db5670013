"""What ``sarcref show`` says about a record, as labelled text (no rich here).

The CLI draws these parts in a rich panel on a terminal and as plain lines when piped,
so both carry the same content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..records import Record, abstract_sections, display_name, format_date, strip_markup

TYPE_NAMES = {
    "article": "Article",
    "article-journal": "Journal article",
    "article-magazine": "Magazine article",
    "article-newspaper": "Newspaper article",
    "book": "Book",
    "chapter": "Book chapter",
    "dataset": "Dataset",
    "entry-dictionary": "Dictionary entry",
    "entry-encyclopedia": "Encyclopedia entry",
    "legal_case": "Legal case",
    "manuscript": "Manuscript",
    "paper-conference": "Conference paper",
    "patent": "Patent",
    "personal_communication": "Personal communication",
    "post-weblog": "Blog post",
    "report": "Report",
    "review": "Review",
    "software": "Software",
    "thesis": "Thesis",
    "webpage": "Web page",
}

LANGUAGES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "ru": "Russian",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "sv": "Swedish",
    "da": "Danish",
    "nb": "Norwegian",
    "fi": "Finnish",
    "la": "Latin",
}

NAME_ROLES = (
    ("editor", "Editors"),
    ("translator", "Translators"),
    ("container-author", "Container authors"),
    ("collection-editor", "Series editors"),
)

PLAIN_FIELDS = (
    ("publisher", "Publisher"),
    ("publisher-place", "Place"),
    ("edition", "Edition"),
    ("collection-title", "Series"),
    ("event-title", "Event"),
    ("number", "Number"),
    ("DOI", "DOI"),
    ("ISBN", "ISBN"),
    ("ISSN", "ISSN"),
    ("PMID", "PMID"),
    ("PMCID", "PMCID"),
    ("URL", "URL"),
    ("note", "Note"),
)


@dataclass
class RecordView:
    """A record prepared for reading: heading lines, labelled fields, abstract sections."""

    title: str
    authors: str
    fields: list[tuple[str, str]]
    abstract: list[tuple[str | None, str]]


def language_name(code: str) -> str:
    base, _, region = code.replace("_", "-").partition("-")
    name = LANGUAGES.get(base.lower())
    if name is None:
        return code
    return f"{name} ({region.upper()})" if region else name


def _names(value: Any) -> str:
    if not isinstance(value, list):
        return ""
    return ", ".join(display_name(n) for n in value if isinstance(n, Mapping))


def _journal_line(csl: Mapping[str, Any]) -> str:
    container = strip_markup(str(csl.get("container-title", "")))
    short = strip_markup(str(csl.get("container-title-short", "")))
    line = f"{container} ({short})" if container and short and short != container else container
    volume, issue, page = (str(csl.get(v, "")) for v in ("volume", "issue", "page"))
    numbers = volume + (f"({issue})" if issue else "")
    if numbers:
        line += f" {numbers}" if line else numbers
    if page:
        line += f": {page}" if line else page
    pages = csl.get("number-of-pages")
    if pages:
        line += f" ({pages} pages)"
    return line.strip()


def _type_line(record: Record) -> str:
    name = TYPE_NAMES.get(record.type, record.type)
    notes = []
    genre = record.extra.get("genre") or record.csl.get("genre")
    if genre:
        notes.append(str(genre))
    if record.extra.get("peer-reviewed"):
        notes.append("peer-reviewed")
    if record.extra.get("externally-published"):
        notes.append("externally published")
    return f"{name} ({', '.join(notes)})" if notes else name


def view(record: Record) -> RecordView:
    csl = record.csl
    fields: list[tuple[str, str]] = []

    def add(label: str, value: Any) -> None:
        if value not in (None, "", []):
            fields.append((label, str(value)))

    add("Journal" if record.type.startswith("article") else "In", _journal_line(csl))
    add("Published", format_date(csl.get("issued")))
    add("Type", _type_line(record))
    add("Language", language_name(str(csl["language"])) if csl.get("language") else "")
    for variable, label in NAME_ROLES:
        add(label, _names(csl.get(variable)))
    for variable, label in PLAIN_FIELDS:
        add(label, csl.get(variable))
    add("Accessed", format_date(csl.get("accessed")))
    add("Keywords", "; ".join(record.keywords))
    subjects = [
        f"{s.get('name')} ({s.get('scheme')})" if s.get("scheme") else str(s.get("name"))
        for s in record.extra.get("subject-areas", [])
        if isinstance(s, Mapping)
    ]
    add("Subjects", "; ".join(subjects))
    counts = [
        f"{c.get('count')} ({c.get('source')})"
        for c in record.extra.get("citation-counts", [])
        if isinstance(c, Mapping)
    ]
    add("Cited by", "; ".join(counts))
    add("Tags", ", ".join(record.tags))
    # What an imported file said that no CSL variable holds (kept for export).
    for source, part in (("bibtex", "fields"), ("ris", "tags")):
        kept = record.extra.get(source)
        fields_kept = kept.get(part) if isinstance(kept, Mapping) else None
        for name, value in fields_kept.items() if isinstance(fields_kept, Mapping) else ():
            shown = "; ".join(map(str, value)) if isinstance(value, list) else value
            add(f"{name} ({source})", shown)
    add("Key", record.key)
    add("Added", record.added)
    return RecordView(
        title=record.title or "(untitled)",
        authors=_names(csl.get("author")),
        fields=fields,
        abstract=abstract_sections(str(csl.get("abstract", ""))),
    )


def plain_text(record: Record, width: int = 80) -> str:
    """The pretty view as plain text: what ``show`` prints when piped."""
    import textwrap

    shown = view(record)
    lines = [shown.title]
    if shown.authors:
        lines.append(shown.authors)
    lines.append("")
    label_width = max((len(label) for label, _ in shown.fields), default=0) + 2
    for label, value in shown.fields:
        lines.append(f"{label:<{label_width}}{value}")
    if shown.abstract:
        lines += ["", "Abstract"]
        for heading_label, body in shown.abstract:
            if heading_label:
                lines.append(f"  {heading_label}")
            lines += textwrap.wrap(
                body, width=width, initial_indent="  ", subsequent_indent="  "
            ) or [""]
            lines.append("")
        lines.pop()
    return "\n".join(lines)
