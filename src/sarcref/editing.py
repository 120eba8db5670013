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
import sys
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
        raise UsageError(
            "the key is not a field", hint="`sarcref rename OLD NEW` changes a record's key"
        )
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


def merge_tags(existing: Iterable[str], more: Iterable[str]) -> list[str]:
    """Tags as one list: case-insensitive (``To-Read`` and ``to-read`` are one tag), the
    first spelling kept, in the order first seen."""
    kept: dict[str, str] = {}
    for tag in (*existing, *more):
        tag = " ".join(str(tag).split())
        if tag:
            kept.setdefault(tag.casefold(), tag)
    return list(kept.values())


def change_tags(record: Record, changes: Iterable[str]) -> Record:
    """*record* with ``+tag`` (or a bare ``tag``) added and ``-tag`` removed; tags compare
    without case, and a tag already there keeps its spelling."""
    tags = list(record.tags)
    for change in changes:
        sign, tag = (change[0], change[1:]) if change[:1] in ("+", "-") else ("+", change)
        tag = " ".join(tag.split())
        if not tag or any(c in tag for c in ",;"):
            raise UsageError(f"'{change}' is not +TAG or -TAG (a tag holds no , or ;)")
        if sign == "+":
            tags = merge_tags(tags, [tag])
        else:
            tags = [t for t in tags if t.casefold() != tag.casefold()]
    changed = copy.deepcopy(record)
    changed.tags = sorted(tags, key=str.casefold)
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
    """``$VISUAL`` or ``$EDITOR`` as a command; ``vi`` only on a terminal.

    Without an editor and without a terminal (a script, a pipe) there is nobody to edit:
    a usage error, never a hang.
    """
    raw = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    if not raw.strip():
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(
                "no editor: $VISUAL and $EDITOR are not set and there is no terminal",
                hint="use --set FIELD=VALUE, or --from FILE",
            )
        raw = "vi"
    try:
        command = shlex.split(raw)
    except ValueError as error:
        raise UsageError(
            f"cannot read the editor command {raw!r}: {error}",
            hint="set $EDITOR to a command, e.g. EDITOR='nano' or EDITOR='code --wait'",
        ) from None
    if not command:
        raise UsageError(f"the editor command {raw!r} is empty")
    return command


def keep_hint(key: str, path: Path) -> str:
    return f"your edit is kept in {path}; apply it with `sarcref edit {key} --from {path}`"


def edit_in_editor(record: Record) -> tuple[Record, Path] | None:
    """Let the user edit *record*: the edited record and the file it is in, or None when it
    comes back unchanged (the file is then removed).

    Whatever goes wrong after the editor started keeps the file and names it (DataError):
    an editor that fails, a file removed, replaced by a folder or not UTF-8, invalid JSON.
    The caller removes the file once the edit is stored.
    """
    command = editor_command()
    text = editable_text(record)
    handle, name = tempfile.mkstemp(prefix=f"sarcref-{_safe(record.key)}-", suffix=".json")
    path = Path(name)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    try:
        done = subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        path.unlink(missing_ok=True)
        raise UsageError(
            f"cannot start the editor '{command[0]}': {error.strerror}",
            hint="set $EDITOR, or use --set FIELD=VALUE",
        ) from None
    unchanged = f"'{record.key}' is unchanged"
    if done.returncode != 0:
        raise DataError(
            f"the editor exited with status {done.returncode}; {unchanged}",
            hint=keep_hint(record.key, path) if path.is_file() else None,
        )
    edited_text = read_edit(path, record.key)
    if edited_text == text:
        path.unlink()
        return None
    try:
        edited = record_from_text(edited_text, record, str(path))
    except DataError as error:
        raise DataError(f"{error.message}; {unchanged}", hint=keep_hint(record.key, path)) from None
    return edited, path


def read_edit(path: Path, key: str) -> str:
    """The text of an edited file; DataError naming what happened to it."""
    unchanged = f"'{key}' is unchanged"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"the edited file {path} is gone; {unchanged}") from None
    except IsADirectoryError:
        raise DataError(f"the edited file {path} is now a folder; {unchanged}") from None
    except OSError as error:
        raise DataError(
            f"cannot read the edited file {path}: {error.strerror}; {unchanged}"
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError(
            f"{path}:{line}: the edited file is not UTF-8; {unchanged}",
            hint=keep_hint(key, path),
        ) from None


def _safe(key: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in key)[:40]
