"""``sarcref edit`` and ``sarcref tag``: change one record, validated, or leave it as it was.

``--set FIELD=VALUE`` takes names as "Family, Given and Family, Given" (``{Name}`` for an
organisation) and dates as ``YYYY[-MM[-DD]]``; every other field is text. ``edit KEY`` alone
opens the record as JSON in ``$VISUAL``/``$EDITOR``.
"""

from __future__ import annotations

import copy
import difflib
import json
import os
import shlex
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import DataError, UsageError
from .formats import dates
from .formats.bibtex import names
from .records import CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES, SARCREF_FIELD, Record, validate_csl

NUMBER_VARIABLES = frozenset(
    """chapter-number citation-number collection-number edition first-reference-note-number
    issue locator number number-of-pages number-of-volumes page part-number printing-number
    section supplement-number version volume""".split()
)
TEXT_VARIABLES = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number citation-key citation-label collection-title container-title
    container-title-short dimensions division DOI event event-place event-title genre ISBN
    ISSN jurisdiction keyword language license medium note original-publisher
    original-publisher-place original-title part-title PMCID PMID publisher publisher-place
    references reviewed-genre reviewed-title scale source status title title-short URL
    volume-title year-suffix""".split()
)
FIELDS = NUMBER_VARIABLES | TEXT_VARIABLES | NAME_VARIABLES | DATE_VARIABLES | {"type"}


def parse_assignment(text: str) -> tuple[str, str]:
    """``FIELD=VALUE`` as (field, value)."""
    field, sep, value = text.partition("=")
    if not sep or not field.strip():
        raise UsageError(f"--set takes FIELD=VALUE, not '{text}'")
    return field.strip(), value.strip()


def _check_field(field: str) -> None:
    if field in ("id", "key"):
        raise UsageError("a record's key never changes", hint="add a new record instead")
    if field == "tags":
        raise UsageError("tags are changed with `sarcref tag KEY +TAG -TAG`")
    if field not in FIELDS:
        close = difflib.get_close_matches(field, sorted(FIELDS), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "fields are CSL variables"
        raise UsageError(f"unknown field '{field}'", hint=hint)


def field_value(field: str, value: str) -> Any:
    """The CSL value of ``--set FIELD=VALUE``; UsageError when VALUE does not fit FIELD."""
    _check_field(field)
    if field == "type":
        if value not in CSL_TYPES:
            close = difflib.get_close_matches(value, sorted(CSL_TYPES), n=3)
            raise UsageError(
                f"'{value}' is not a CSL item type",
                hint=f"did you mean {', '.join(close)}?" if close else None,
            )
        return value
    if field in NAME_VARIABLES:
        parsed = names.parse_names(value, decode=names.strip_braces)
        if not parsed:
            raise UsageError(f'{field} needs at least one name: "Family, Given and ..."')
        return parsed
    if field in DATE_VARIABLES:
        date = dates.parse_iso(value)
        if date is None:
            raise UsageError(
                f"{field}: '{value}' is not a date",
                hint="write YYYY, YYYY-MM or YYYY-MM-DD (and A/B for a range)",
            )
        return date
    if not value:
        raise UsageError(f"{field} is empty; use --unset {field} to remove it")
    return value


def apply_changes(record: Record, sets: Iterable[str], unsets: Iterable[str]) -> Record:
    """A copy of *record* with the fields of ``--set``/``--unset`` changed, validated."""
    changed = copy.deepcopy(record)
    for field in unsets:
        _check_field(field)
        if field == "type":
            raise UsageError("a record needs a type; --set type=... changes it")
        changed.csl.pop(field, None)
    for assignment in sets:
        field, value = parse_assignment(assignment)
        changed.csl[field] = field_value(field, value)
    validate_csl(changed.csl, where=f"record '{record.key}'")
    return changed


def change_tags(record: Record, changes: Iterable[str]) -> Record:
    """*record* with ``+tag`` (or a bare ``tag``) added and ``-tag`` removed."""
    tags = set(record.tags)
    for change in changes:
        sign, tag = (change[0], change[1:]) if change[:1] in "+-" else ("+", change)
        if not tag or any(c.isspace() for c in tag):
            raise UsageError(f"'{change}' is not +TAG or -TAG (a tag is one word)")
        if sign == "+":
            tags.add(tag)
        else:
            tags.discard(tag)
    changed = copy.deepcopy(record)
    changed.tags = sorted(tags)
    return changed


# -- the editor round trip ------------------------------------------------------------


def editable_text(record: Record) -> str:
    """The record as the JSON the user edits: CSL-JSON plus sarcref's fields and tags."""
    own = {**record.extra, "tags": record.tags}
    return json.dumps({**record.to_csl(), SARCREF_FIELD: own}, ensure_ascii=False, indent=2) + "\n"


def record_from_text(text: str, original: Record, where: str) -> Record:
    """Read an edited record back; DataError when it is not valid or its key changed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(f"{where}:{error.lineno}: not valid JSON: {error.msg}") from None
    if not isinstance(data, dict):
        raise DataError(f"{where}: the record must be one JSON object")
    if data.get("id") != original.key:
        raise DataError(f"{where}: the key is '{original.key}' and cannot change")
    own = data.get(SARCREF_FIELD)
    if own is not None and not isinstance(own, dict):
        raise DataError(f"{where}: '{SARCREF_FIELD}' must be an object")
    edited = Record.from_json(data, where=where)
    edited.added, edited.modified = original.added, original.modified
    return edited


def editor_command() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(command)


def edit_in_editor(record: Record) -> Record | None:
    """Let the user edit *record*; None when it comes back unchanged.

    An invalid edit raises DataError and keeps the edited file so no work is lost.
    """
    text = editable_text(record)
    handle, name = tempfile.mkstemp(prefix=f"sarcref-{_safe(record.key)}-", suffix=".json")
    path = Path(name)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    try:
        done = subprocess.run([*editor_command(), str(path)], check=False)
    except OSError as error:
        path.unlink(missing_ok=True)
        raise UsageError(
            f"cannot start the editor '{editor_command()[0]}': {error.strerror}",
            hint="set $EDITOR, or use --set FIELD=VALUE",
        ) from None
    if done.returncode != 0:
        path.unlink(missing_ok=True)
        raise DataError(
            f"the editor exited with status {done.returncode}; '{record.key}' is unchanged"
        )
    edited_text = path.read_text(encoding="utf-8")
    if edited_text == text:
        path.unlink()
        return None
    try:
        edited = record_from_text(edited_text, record, str(path))
    except DataError as error:
        raise DataError(
            f"{error.message}; '{record.key}' is unchanged",
            hint=f"your edit is kept in {path}",
        ) from None
    path.unlink()
    return edited


def _safe(key: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in key)[:40]
