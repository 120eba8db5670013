"""The files of a shared library's repository: one JSON file per record, and sarcref.toml.

A record's file is ``records/<encoded key>.json``: the record as ``sarcref show --format
json`` prints it, with sorted keys and two-space indentation, so that a change to one field
is a change to one line. A key becomes a file name reversibly: ASCII lower-case letters,
digits, ``-`` and ``_`` stay, ``.`` too (except first), and every other byte of its UTF-8
is ``%XX``. Upper-case letters are escaped as well, so two keys that differ only in case
stay two files on a case-insensitive file system (macOS, Windows).

>>> file_name("Doe2020:a/b")
'%44oe2020%3Aa%2Fb.json'
>>> key_of("records/%44oe2020%3Aa%2Fb.json")
'Doe2020:a/b'
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import DataError

RECORDS = "records"
SUFFIX = ".json"
SETTINGS_FILE = "sarcref.toml"
# The layout of the repository; a newer sarcref that changes it raises this number.
FORMAT = 1
# File names longer than this (bytes) do not fit every file system.
_MAX_NAME = 240
_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789-_.")
# Names Windows reserves whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{n}" for n in range(10)] + [f"lpt{n}" for n in range(10)]
)
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


def file_name(key: str) -> str:
    """The file name of the record *key* (without the folder); DataError when the key is
    too long for a file name."""
    out = []
    for index, byte in enumerate(key.encode("utf-8")):
        if byte in _SAFE and not (index == 0 and byte == ord(".")):
            out.append(chr(byte))
        else:
            out.append(f"%{byte:02X}")
    stem = "".join(out)
    if stem.split(".")[0] in _RESERVED:
        stem = f"%{ord(stem[0]):02X}{stem[1:]}"
    if len(stem) + len(SUFFIX) > _MAX_NAME:
        raise DataError(
            f"the key '{key[:60]}...' is too long to be a file name in the shared repository",
            hint="`sarcref rename` it to a shorter key, then sync again",
        )
    return stem + SUFFIX


def path_of(key: str) -> str:
    """The record's path inside the repository."""
    return f"{RECORDS}/{file_name(key)}"


def key_of(path: str) -> str | None:
    """The key a repository path holds, or None when it is not a record's file."""
    folder, _, name = path.partition("/")
    if folder != RECORDS or "/" in name or not name.endswith(SUFFIX):
        return None
    stem = name[: -len(SUFFIX)]
    try:
        raw = bytearray()
        position = 0
        for match in _ESCAPE.finditer(stem):
            raw += stem[position : match.start()].encode("ascii")
            raw.append(int(match.group(1), 16))
            position = match.end()
        raw += stem[position:].encode("ascii")
        return raw.decode("utf-8") or None
    except (UnicodeError, ValueError):
        return None


def record_text(record: dict[str, Any]) -> str:
    """A record's file: its stored JSON, keys sorted, two-space indent, a final newline."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def read_record(data: bytes, path: str) -> dict[str, Any]:
    """A record's file read back; DataError naming the file when it is not a record."""
    from ..records import Record

    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"{path} in the shared repository is not valid JSON: {error}") from None
    key = key_of(path)
    where = f"{path} in the shared repository"
    if not isinstance(parsed, dict) or parsed.get("id") != key:
        raise DataError(f"{where}: the record's id must be '{key}', the key its name encodes")
    Record.from_json(parsed, where=where)  # validated: a bad file is named, not imported
    return parsed


def settings_text() -> str:
    return (
        "# A reference library shared with `sarcref sync`: records/<key>.json holds one record.\n"
        "# Written by sarcref: change the records with sarcref, not by hand.\n"
        f"format = {FORMAT}\n"
    )


def read_format(data: bytes | None, remote: str) -> int:
    """The layout version a repository's sarcref.toml gives; DataError when it is newer
    than this sarcref reads, or the file is not sarcref's."""
    if data is None:
        raise DataError(
            f"{remote} holds a git repository that is not a shared sarcref library "
            f"(no {SETTINGS_FILE})",
            hint="give an empty repository, or one another sarcref library syncs with",
        )
    match = re.search(r"^format\s*=\s*(\d+)\s*$", data.decode("utf-8", "replace"), re.MULTILINE)
    if match is None:
        raise DataError(f"{SETTINGS_FILE} in {remote} gives no format version")
    version = int(match.group(1))
    if version > FORMAT:
        raise DataError(
            f"{remote} was written by a newer sarcref (repository format {version}, this "
            f"version reads {FORMAT})",
            hint="upgrade sarcref on this machine, then sync again; nothing was changed",
        )
    return version
