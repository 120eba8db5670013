"""``sarcref check``: what is wrong with records before a manuscript cites them.

Offline: records missing what the style prints (author or editor, title, year, container,
volume/pages or an identifier for journal articles), malformed DOIs, raw LaTeX left in a
printed field, and duplicates (the rules of ``DUPLICATE_RULES``, one small function each).
Online (``online=True``): Crossref's record of each DOI, for retractions, corrections and
expressions of concern (``sarcref.web.crossref``).

A report with any issue exits 1, so a CI job can gate a manuscript on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING, Any

from .errors import NotFoundError
from .identifiers import bare_doi
from .records import NAME_VARIABLES, Record
from .style_catalogue import DEFAULT_STYLE

if TYPE_CHECKING:
    from .library import Library
    from .web.crossref import Notice
    from .web.http import HttpClient

CHECK_FORMATS = ("table", "json")

# Types whose container (journal, book, proceedings...) a reader needs to find them.
CONTAINED_TYPES = frozenset(
    """article-journal article-magazine article-newspaper chapter paper-conference entry
    entry-dictionary entry-encyclopedia post-weblog review review-book""".split()
)
# Legal types are named by their title; no author is expected.
AUTHORLESS_TYPES = frozenset("bill legal_case legislation regulation treaty".split())
# Fields whose text is not prose (identifiers, links): never looked at for LaTeX.
_NOT_PROSE = frozenset({"DOI", "URL", "PMID", "PMCID", "ISBN", "ISSN", "id", "type"})
_RAW_LATEX = re.compile(
    r"\\[A-Za-z]+\s*\{"  # \emph{, \textit{
    r"|\{\\[A-Za-z'\"`^~=.]"  # {\"a}, {\'e}, {\v c}, {\ss}
    r"|\\['\"`^~=.][A-Za-z{]"  # \"a, \'{e}
    r"|\\[&%_#$]"  # escaped specials
    r"|\$[^$]+\$"  # math
)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
# Crossmark update types, as a reader names them; others are shown with their own label.
_NOTICE_CODES = {
    "retraction": "retracted",
    "partial_retraction": "retracted",
    "removal": "retracted",
    "withdrawal": "retracted",
    "expression_of_concern": "expression-of-concern",
    "correction": "corrected",
    "corrigendum": "corrected",
    "erratum": "corrected",
    "addendum": "corrected",
    "clarification": "corrected",
}


@dataclass(frozen=True)
class Issue:
    """One thing wrong with one record. ``code``: missing-author, missing-title,
    missing-year, missing-container, missing-locator, malformed-doi, raw-latex, duplicate,
    retracted, corrected, expression-of-concern, updated, is-update-notice."""

    key: str
    code: str
    message: str
    field: str | None = None
    details: Mapping[str, Any] = dataclass_field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {"key": self.key, "code": self.code, "field": self.field}
        row["message"] = self.message
        if self.details:
            row["details"] = dict(self.details)
        return row


@dataclass
class CheckReport:
    """The issues of the records checked, in record order; ``notes`` say what could not be
    checked (they do not change the exit code)."""

    style: str
    online: bool
    checked: int
    issues: list[Issue] = dataclass_field(default_factory=list)
    notes: list[str] = dataclass_field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.issues else 0

    def rows(self) -> list[tuple[str, str, str]]:
        """(key, code, message) per issue: the table's rows."""
        return [(i.key, i.code, i.message) for i in self.issues]

    def output(self, fmt: str = "table") -> str:
        """Standard output: tab-separated ``KEY  CODE  MESSAGE`` lines (``table`` piped), or
        JSON: ``{"style", "online", "checked", "issues": [...], "notes": [...]}``."""
        if fmt == "json":
            return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        return "".join("\t".join(row) + "\n" for row in self.rows())

    def summary(self) -> str:
        records = len({i.key for i in self.issues})
        if not self.issues:
            return f"checked {self.checked} records against {self.style}: no issues"
        return (
            f"checked {self.checked} records against {self.style}: "
            f"{len(self.issues)} {'issue' if len(self.issues) == 1 else 'issues'} "
            f"in {records} {'record' if records == 1 else 'records'}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "style": self.style,
            "online": self.online,
            "checked": self.checked,
            "issues": [i.to_json() for i in self.issues],
            "notes": list(self.notes),
        }


# -- the checks of one record ---------------------------------------------------------------


def missing_fields(record: Record, printed: frozenset[str]) -> list[Issue]:
    """What the style prints that the record lacks."""
    csl, key, kind = record.csl, record.key, record.type
    issues = []

    def has(*variables: str) -> bool:
        return any(_filled(csl.get(v)) for v in variables)

    if printed & {"author", "editor"} and kind not in AUTHORLESS_TYPES:
        if not has("author", "editor", "collection-editor", "translator", "container-author"):
            issues.append(Issue(key, "missing-author", "no author or editor", "author"))
    if "title" in printed and not has("title"):
        issues.append(Issue(key, "missing-title", "no title", "title"))
    if "issued" in printed and record.year is None and not _literal_date(csl.get("issued")):
        issues.append(Issue(key, "missing-year", "no year (issued)", "issued"))
    if "container-title" in printed and kind in CONTAINED_TYPES and not has("container-title"):
        where = "journal" if kind.startswith("article") else "container"
        issues.append(
            Issue(
                key, "missing-container", f"no {where} title (container-title)", "container-title"
            )
        )
    if kind == "article-journal" and printed & {"volume", "page"}:
        if not has("volume", "page", "number", "DOI", "PMID", "PMCID", "URL"):
            message = "no volume, pages, article number or identifier (DOI, PMID, URL)"
            issues.append(Issue(key, "missing-locator", message, "volume"))
    return issues


def malformed_doi(record: Record) -> list[Issue]:
    """A DOI field that is not a bare DOI: a URL or ``doi:`` form, spaces, or no DOI at all."""
    value = record.csl.get("DOI")
    if value is None or value == "":
        return []
    text = str(value)
    bare = bare_doi(text)
    if bare is None:
        return [Issue(record.key, "malformed-doi", f"not a DOI: {text!r}", "DOI")]
    if bare != text:
        return [
            Issue(
                record.key,
                "malformed-doi",
                f"the DOI field holds {text!r}; store the bare DOI {bare!r} "
                "(styles add https://doi.org/ themselves)",
                "DOI",
            )
        ]
    if not _DOI_SHAPE.match(bare) or bare[-1] in ".,;":
        return [Issue(record.key, "malformed-doi", f"the DOI {text!r} ends oddly", "DOI")]
    return []


def raw_latex(record: Record, printed: frozenset[str]) -> list[Issue]:
    """LaTeX markup left in a printed field (``\\emph{``, ``{\\"a}``, ``$x$``)."""
    issues = []
    for variable in sorted(printed & record.csl.keys()):
        if variable in _NOT_PROSE:
            continue
        value = record.csl[variable]
        for text in _texts(value, variable):
            found = _RAW_LATEX.search(text)
            if found:
                issues.append(
                    Issue(
                        record.key,
                        "raw-latex",
                        f"raw LaTeX '{found.group(0)}' in {variable}",
                        variable,
                    )
                )
                break
    return issues


# -- duplicates: small rules, each comparing the records checked ------------------------------

DuplicateRule = Callable[[Sequence[Record]], list[Issue]]


def same_identifier(records: Sequence[Record]) -> list[Issue]:
    """Records with the same DOI (case and resolver prefix ignored) or the same PMID."""
    groups: dict[tuple[str, str], list[str]] = {}
    for record in records:
        doi = bare_doi(str(record.csl.get("DOI") or ""))
        if doi:
            groups.setdefault(("DOI", doi.lower()), []).append(record.key)
        pmid = str(record.csl.get("PMID") or "").strip()
        if pmid.isdigit():
            groups.setdefault(("PMID", str(int(pmid))), []).append(record.key)
    issues = []
    for (kind, value), keys in groups.items():
        if len(keys) < 2:
            continue
        for key in keys:
            others = ", ".join(f"'{k}'" for k in keys if k != key)
            issues.append(
                Issue(
                    key,
                    "duplicate",
                    f"same {kind} {value} as {others}",
                    kind,
                    {"same_as": [k for k in keys if k != key], kind: value},
                )
            )
    return issues


def same_work(records: Sequence[Record]) -> list[Issue]:
    """Records that are one work by the rules ``import`` and ``duplicates`` use (same DOI,
    PMID or PMCID; or same normalised title, close year and same first author or journal):
    each record after the first of its group, naming the first and the reason."""
    from .duplicates import fingerprint, groups

    issues = []
    for group in groups(fingerprint(r) for r in records):
        first = group[0][0]
        for key, reason in group[1:]:
            issues.append(
                Issue(
                    key,
                    "duplicate",
                    f"a duplicate of '{first}' ({reason})",
                    None,
                    {"same_as": [first]},
                )
            )
    return issues


DUPLICATE_RULES: tuple[DuplicateRule, ...] = (same_work,)


# -- online: what happened to the work after publication --------------------------------------


def notice_issues(record: Record, doi: str, notices: Iterable[Notice]) -> list[Issue]:
    """Issues for the Crossref update notices of a record's work."""
    issues = []
    for notice in notices:
        when = f" on {notice.date}" if notice.date else ""
        by = f" (source: {notice.source})" if notice.source else ""
        details = notice.to_json()
        if notice.relation == "update-to" and (notice.doi or "").lower() != doi.lower():
            code = "is-update-notice"
            message = f"this is itself a {notice.label.lower()} notice of DOI {notice.doi}{when}"
        else:
            code = _NOTICE_CODES.get(notice.type, "updated")
            notice_doi = notice.doi if notice.doi and notice.doi.lower() != doi.lower() else None
            where = f" by DOI {notice_doi}" if notice_doi else " (in place)"
            message = f"{notice.label.lower()}{where}{when}{by}"
        issues.append(Issue(record.key, code, message, "DOI", details))
    return issues


def online_issues(records: Sequence[Record], client: HttpClient) -> tuple[list[Issue], list[str]]:
    """Ask Crossref about each record's DOI: the issues, and notes on DOIs it does not know."""
    from .web import crossref

    issues: list[Issue] = []
    notes: list[str] = []
    asked: dict[str, list[Notice] | None] = {}
    for record in records:
        doi = bare_doi(str(record.csl.get("DOI") or ""))
        if not doi:
            continue
        if doi.lower() not in asked:
            try:
                asked[doi.lower()] = crossref.notices(crossref.fetch_work(client, doi))
            except NotFoundError:
                asked[doi.lower()] = None
        found = asked[doi.lower()]
        if found is None:
            notes.append(f"{record.key}: Crossref does not know DOI {doi}; not checked for notices")
            continue
        issues += notice_issues(record, doi, found)
    return issues, notes


# -- the whole check --------------------------------------------------------------------------


def check_records(
    records: Sequence[Record],
    *,
    style: str = DEFAULT_STYLE,
    online: bool = False,
    client: HttpClient | None = None,
    duplicate_rules: Sequence[DuplicateRule] = DUPLICATE_RULES,
) -> CheckReport:
    """Check *records* against *style* (an id, alias or ``.csl`` path).

    UsageError for an unknown style; with *online*, TemporaryFailure (exit 75) when Crossref
    cannot be reached and DataError when it answers something else than its documented JSON.
    """
    from .style_variables import style_variables

    printed = style_variables(style)
    report = CheckReport(style=style, online=online, checked=len(records))
    by_key: dict[str, list[Issue]] = {r.key: [] for r in records}
    for record in records:
        by_key[record.key] += missing_fields(record, printed)
        by_key[record.key] += malformed_doi(record)
        by_key[record.key] += raw_latex(record, printed)
    for rule in duplicate_rules:
        for issue in rule(records):
            by_key.setdefault(issue.key, []).append(issue)
    if online:
        own = client is None
        if client is None:
            from .web.http import HttpClient

            client = HttpClient()
        try:
            found, report.notes = online_issues(records, client)
        finally:
            if own:
                client.close()
        for issue in found:
            by_key.setdefault(issue.key, []).append(issue)
    report.issues = [issue for issues in by_key.values() for issue in issues]
    return report


def check_library(
    library: Library,
    keys: Sequence[str] | None = None,
    *,
    style: str = DEFAULT_STYLE,
    online: bool = False,
    client: HttpClient | None = None,
) -> CheckReport:
    """Check the records of *keys* (every record when None). NotFoundError (exit 1) naming
    every unknown key, before anything is checked."""
    records = library.all() if keys is None else library.get_many(list(dict.fromkeys(keys)))
    return check_records(records, style=style, online=online, client=client)


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(isinstance(v, Mapping) and any(v.values()) for v in value)
    return value is not None and value != {}


def _literal_date(value: Any) -> bool:
    return isinstance(value, Mapping) and bool(value.get("literal") or value.get("raw"))


def _texts(value: Any, variable: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if variable in NAME_VARIABLES and isinstance(value, list):
        return [str(part) for name in value if isinstance(name, Mapping) for part in name.values()]
    return []
