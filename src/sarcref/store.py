"""The SQLite file behind a library: schema, migrations, transactions, the search index.

One file, standard-library ``sqlite3``. WAL mode and a busy timeout let two commands write
at once (one waits); every write runs in one ``BEGIN IMMEDIATE`` transaction, so an error,
Ctrl-C or a kill leaves the file as it was. A file that is not a sarcref library is
reported and never written to.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError
from .pausing import pause_point
from .records import Record

if TYPE_CHECKING:
    from .duplicates import Fingerprint
    from .journal import Recorder, State
    from .query import Compiled

# "srcf": marks the file as a sarcref library in the SQLite header (offset 68).
APPLICATION_ID = 0x73726366
MEMORY = ":memory:"
# Rendered citations kept in a library; older ones are dropped first.
CACHE_LIMIT = 500
BUSY_TIMEOUT_MS = 30_000
_SQLITE_MAGIC = b"SQLite format 3\x00"

SORTS: dict[str, str] = {
    "added": "r.id",
    "key": "r.key COLLATE NOCASE, r.key",
    "year": "r.year IS NULL, r.year, r.author_sort, r.title_sort",
    "-year": "r.year IS NULL, r.year DESC, r.author_sort, r.title_sort",
    "author": "r.author_sort = '', r.author_sort, r.year, r.title_sort",
    "title": "r.title_sort, r.year",
}

# bm25 weights of the records_fts columns: key (not indexed), title, author, journal,
# keyword, abstract, tag. FTS5 multiplies a column's hits by its weight and then saturates
# (tf * 2.2 / (tf + 1.2 * length)), with the length of the whole row: a long abstract would
# sink a title match below a keyword match in a short record. Weights this large make any
# title or author match saturate near the top score whatever the length; the rest keep
# keyword and tag above journal, and journal above abstract.
_BM25 = "bm25(records_fts, 0, 1000, 1000, 2, 4, 1, 4)"


def _execute_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would break the migration's transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_initial(db: sqlite3.Connection) -> None:
    _execute_script(
        db,
        """
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            csl TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}',
            title_sort TEXT NOT NULL DEFAULT '',
            author_sort TEXT NOT NULL DEFAULT '',
            year INTEGER,
            doi TEXT,
            content_hash TEXT NOT NULL,
            added TEXT NOT NULL,
            modified TEXT NOT NULL
        );
        CREATE INDEX records_year ON records (year);
        CREATE INDEX records_doi ON records (doi) WHERE doi IS NOT NULL;
        CREATE TABLE tags (
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (record_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX tags_tag ON tags (tag);
        CREATE VIRTUAL TABLE records_fts USING fts5 (
            key, title, author, journal, keyword, abstract, tag, type,
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '2 3'
        );
        CREATE TABLE citation_cache (
            cache_key TEXT PRIMARY KEY,
            output TEXT NOT NULL,
            created TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    )


def _m002_folded_search_index(db: sqlite3.Connection) -> None:
    """The search index from folded text (see ``folding``); B-tree indexes for filters.

    Type, year, tag and key filters run as SQL on ``records`` and ``tags``.
    ``records_id_key`` lets a search read the keys of its hits without touching the (large)
    rows; ``records_key_nocase`` serves ``key:``; ``records_type_year`` serves ``type:``.
    """
    _execute_script(
        db,
        """
        CREATE INDEX records_id_key ON records (id, key);
        CREATE INDEX records_key_nocase ON records (key COLLATE NOCASE);
        CREATE INDEX records_type_year ON records (type, year);
        """,
    )
    rebuild_search_index(db)


# The search index's columns and tokenizer. ``key`` is stored, not indexed, to tell a row's
# record at a glance. A change here (or in ``_index``) needs a new migration that calls
# rebuild_search_index(): it always builds the current index, whichever migration runs it.
_FTS_TABLE = """CREATE VIRTUAL TABLE records_fts USING fts5 (
    key UNINDEXED, title, author, journal, keyword, abstract, tag,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3'
)"""


def rebuild_search_index(db: sqlite3.Connection) -> None:
    """Drop the search index and build it again from every record."""
    db.execute("DROP TABLE IF EXISTS records_fts")
    db.execute(_FTS_TABLE)
    # Row by row, not fetchall(): a large library need not be in memory at once.
    for row in db.execute(f"SELECT r.id, {_SELECT.removeprefix('SELECT ')} GROUP BY r.id"):
        _index(db, row[0], _row_to_record(row[1:]))


def _m003_listing_columns(db: sqlite3.Connection) -> None:
    """What a listing prints (authors in brief, title and journal on one line) as columns.

    ``list`` and piped ``search`` print these without reading a record's JSON: 100,000
    lines come from one indexed query.
    """
    for column in _LISTING_COLUMNS:
        db.execute(f"ALTER TABLE records ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    rows = db.execute(f"SELECT r.id, {_SELECT.removeprefix('SELECT ')} GROUP BY r.id")
    # Computed while reading (small tuples), written after: no update under an open read.
    updates = [(*_listing(_row_to_record(row[1:])), row[0]) for row in rows]
    db.executemany(
        "UPDATE records SET list_authors = ?, list_title = ?, list_journal = ? WHERE id = ?",
        updates,
    )


def _m004_duplicates_and_aliases(db: sqlite3.Connection) -> None:
    """What duplicate detection compares (``duplicates.Fingerprint``) beside each record, and
    the keys of records merged into others (``merge``), which still name the record kept."""
    db.execute("ALTER TABLE records ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '{}'")
    rows = db.execute(f"SELECT r.id, {_SELECT.removeprefix('SELECT ')} GROUP BY r.id")
    updates = [(_fingerprint(_row_to_record(row[1:])), row[0]) for row in rows]
    db.executemany("UPDATE records SET fingerprint = ? WHERE id = ?", updates)
    db.execute(
        "CREATE TABLE aliases (alias TEXT PRIMARY KEY,"
        " record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX aliases_record ON aliases (record_id)")


def _m005_journal_and_sync(db: sqlite3.Connection) -> None:
    """The change journal (see ``journal``: history, undo, restore, what a sync sends) and
    the fields a sync left in conflict, each with the value the other side had."""
    from .journal import SCHEMA

    _execute_script(db, SCHEMA)
    db.execute(
        "CREATE TABLE sync_conflicts (key TEXT NOT NULL, field TEXT NOT NULL, mine TEXT,"
        " theirs TEXT, found TEXT NOT NULL, PRIMARY KEY (key, field)) WITHOUT ROWID"
    )


# Ordered; a library's PRAGMA user_version is the number of migrations applied to it.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _m001_initial,
    _m002_folded_search_index,
    _m003_listing_columns,
    _m004_duplicates_and_aliases,
    _m005_journal_and_sync,
]


def now_iso() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def fold(text: str) -> str:
    """Lower-case text with accents removed: the form sorting and matching compare."""
    if text.isascii():  # the common case, and NFKD leaves ASCII as it is
        return text.lower()
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _writable(target: str) -> bool:
    """Whether SQLite can write the library: the file, and its folder (for -wal/-shm)."""
    folder = os.path.dirname(target) or "."
    return os.access(target, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def check_library_file(path: Path) -> None:
    """Raise DataError unless *path* is absent, empty, or a sarcref library this version reads.

    Only the 100-byte header is read, so a foreign file is never modified.
    """
    try:
        mode = os.stat(path).st_mode  # before opening: a FIFO would block the open
    except FileNotFoundError:
        return
    except OSError as error:
        raise DataError(f"cannot read the library {path}: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        raise DataError(
            f"{path} is a directory, not a library file",
            hint="give --library the path of a .sqlite file",
        )
    if not stat.S_ISREG(mode):
        raise DataError(
            f"{path} is not a regular file (a device, a pipe or a socket), not a library",
            hint="give --library the path of a .sqlite file; it was left untouched",
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise DataError(f"cannot read the library {path}: {error.strerror}") from None
    if not header:
        return
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        kind = "a text file" if _looks_like_text(header) else "not an SQLite database"
        raise DataError(
            f"{path} is not a sarcref library: it is {kind}",
            hint="it was left untouched; point --library or SARCREF_LIBRARY at another file",
        )
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        # In WAL mode the newest header may still be in the -wal file: ask SQLite.
        (application_id,) = _read_only_query(path, "PRAGMA application_id")[0]
    if application_id == APPLICATION_ID:
        return  # Store._migrate checks the schema version
    tables = _foreign_tables(path)
    if application_id != 0 or tables:
        listed = ", ".join(tables[:5]) or "none"
        raise DataError(
            f"{path} is an SQLite database but not a sarcref library (tables: {listed})",
            hint="it was left untouched; point --library or SARCREF_LIBRARY at another file",
        )


def _looks_like_text(header: bytes) -> bool:
    try:
        header.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_only_query(path: Path, sql: str) -> list[Any]:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        raise DataError(f"{path} is a damaged SQLite file: {error}") from None


def _foreign_tables(path: Path) -> list[str]:
    rows = _read_only_query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return [str(name) for (name,) in rows]


class Store:
    """Rows of one library file; the Library facade above it adds rules and messages."""

    def __init__(
        self,
        path: str | Path,
        *,
        seed: Callable[[], Iterable[Record]] | None = None,
        read_only: bool = False,
    ):
        self.path = path if path == MEMORY else Path(path)
        self.created = False
        self.read_only = read_only
        # What the journal records as the command that changes records (see ``journal``):
        # the CLI sets the command line; ``label_change`` marks undos and syncs.
        self.command = "python API"
        self._kind = "command"
        self._undoes: int | None = None
        self._recorder: Recorder | None = None
        # The journal entry the last write transaction made (None: it changed no record).
        self.last_change: int | None = None
        target = str(self.path)
        if isinstance(self.path, Path):
            check_library_file(self.path)
            # A symbolic link is followed once here, so SQLite keeps its -wal and -shm files
            # beside the real file, not beside the link.
            target = os.path.realpath(self.path)
            if not os.path.exists(target) and read_only:
                raise DataError(f"no sarcref library at {self.path}")
            if not os.path.exists(target):
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise DataError(
                        f"cannot create the library folder {self.path.parent}: {error.strerror}"
                    ) from None
            else:
                self.read_only = read_only or not _writable(target)
        self.db = self._connect(target)
        with self._translated():
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db.execute("PRAGMA foreign_keys = ON")
            # Checked before anything is written: a newer sarcref's library stays as it was.
            self._check_version()
            if isinstance(self.path, Path) and not self.read_only:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate(seed)

    def _connect(self, target: str) -> sqlite3.Connection:
        try:
            if not self.read_only:
                return sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            # Read-only: the file (or its folder) cannot be written; reading still works.
            uri = f"{Path(target).as_uri()}?mode=ro"
            db = sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A WAL library in a read-only folder without its -shm file: no writer can
                # be there either, so it is read as it is on disk.
                db.close()
                db = sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None)
            return db
        except sqlite3.Error as error:
            raise DataError(f"cannot open the library {self.path}: {error}") from None

    def _check_version(self) -> None:
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        if version > len(MIGRATIONS):
            raise DataError(
                f"{self.path} was written by a newer sarcref (schema {version}, "
                f"this version knows {len(MIGRATIONS)})",
                hint="upgrade sarcref to use this library; it was left untouched",
            )
        if version < len(MIGRATIONS) and self.read_only:
            raise DataError(
                f"the library {self.path} is read-only, and this version of sarcref must "
                "upgrade it (a write) before using it",
                hint="make it writable once, or use the sarcref that wrote it",
            )

    def close(self) -> None:
        self.db.close()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Turn SQLite's errors into DataError naming the file."""
        try:
            yield
        except sqlite3.OperationalError as error:
            if "readonly" in str(error) or "read-only" in str(error):
                raise DataError(
                    f"the library {self.path} is read-only",
                    hint="reading commands work; to change it, make the file and its folder "
                    "writable",
                ) from None
            if "disk is full" in str(error) or "disk I/O error" in str(error):
                raise DataError(
                    f"no space left on the device holding the library {self.path}"
                    if "full" in str(error)
                    else f"the device holding the library {self.path} failed to write",
                    hint="nothing was changed; free some space and try again",
                ) from None
            if "locked" in str(error) or "busy" in str(error):
                raise DataError(
                    f"the library {self.path} stayed locked by another sarcref command "
                    f"for {BUSY_TIMEOUT_MS // 1000} s",
                    hint="try again when the other command has finished",
                ) from None
            raise DataError(f"the library {self.path} could not be used: {error}") from None
        except sqlite3.DatabaseError as error:
            raise DataError(
                f"the library {self.path} is damaged: {error}",
                hint="restore it from a backup, or move it away to start a new one",
            ) from None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it (errors, Ctrl-C, kill)."""
        with self._translated():
            if self.db.in_transaction:  # nested: the outer transaction decides
                yield self.db
                return
            self.db.execute("BEGIN IMMEDIATE")
            from .journal import Recorder

            self._recorder = Recorder(self._state)
            try:
                yield self.db
                # The journal entry is part of the change: both land, or neither.
                entry = self._recorder.write(self.db, self.command, self._kind, self._undoes)
                if entry is not None:  # records changed: the kept listings are out of date
                    self.db.execute("DELETE FROM meta WHERE name LIKE 'listing:%'")
                pause_point("before-commit")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            finally:
                self._recorder = None
                self._kind, self._undoes = "command", None
            self.db.execute("COMMIT")
            self.last_change = entry
            pause_point("after-commit")

    def label_change(self, kind: str, undoes: int | None = None) -> None:
        """Journal the write transaction in progress as *kind* (``journal.UNDO`` naming the
        entry it *undoes*, or ``journal.SYNC``) instead of a command's own change."""
        assert self._recorder is not None, "label_change() outside Store.write()"
        self._kind, self._undoes = kind, undoes

    @property
    def _journal(self) -> Recorder:
        # Every record write runs inside write(), which set the recorder up.
        assert self._recorder is not None, "a record write outside Store.write()"
        return self._recorder

    def _state(self, key: str) -> State | None:
        """A record as the journal keeps it: its stored JSON and the aliases naming it."""
        from .journal import State

        record = self.get(key)
        if record is None:
            return None
        return State(record.to_json(), self.aliases_for(key))

    # -- library-wide values (sync settings) ---------------------------------------------

    def meta(self, name: str) -> str | None:
        with self.read() as db:
            row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, values: dict[str, str | None]) -> None:
        """Set (or, for None, remove) library-wide values, in one transaction."""
        with self.write() as db:
            for name, value in values.items():
                if value is None:
                    db.execute("DELETE FROM meta WHERE name = ?", (name,))
                else:
                    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._translated():
            yield self.db

    def _migrate(self, seed: Callable[[], Iterable[Record]] | None) -> None:
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        if version == len(MIGRATIONS):
            return
        with self.write() as db:
            # Re-read inside the lock: another process may have migrated meanwhile.
            (version,) = db.execute("PRAGMA user_version").fetchone()
            fresh = version == 0
            for migration in MIGRATIONS[version:]:
                migration(db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
            if fresh:
                db.execute("INSERT INTO meta VALUES ('created', ?)", (now_iso(),))
                if seed is not None:
                    for record in seed():
                        self.insert(record)
                # The bundled record is where a library starts, not a change to undo.
                assert self._recorder is not None
                self._recorder.rows.clear()
                db.execute("INSERT INTO meta VALUES ('seeded', ?)", (now_iso(),))
                self.created = True

    # -- records ------------------------------------------------------------------------

    def count(self) -> int:
        with self.read() as db:
            (n,) = db.execute("SELECT count(*) FROM records").fetchone()
        return int(n)

    def keys(self) -> list[str]:
        with self.read() as db:
            return [k for (k,) in db.execute("SELECT key FROM records ORDER BY id")]

    def has(self, key: str) -> bool:
        with self.read() as db:
            return db.execute("SELECT 1 FROM records WHERE key = ?", (key,)).fetchone() is not None

    def get(self, key: str) -> Record | None:
        found = self.get_many([key])
        return found[0] if found else None

    def get_many(self, keys: Sequence[str]) -> list[Record]:
        """The records of *keys* that exist, in the order given."""
        by_key: dict[str, Record] = {}
        with self.read() as db:
            for chunk, marks in in_chunks(keys):
                rows = db.execute(f"{_SELECT} WHERE r.key IN ({marks}) GROUP BY r.id", chunk)
                by_key.update((row[0], _row_to_record(row)) for row in rows)
        return [by_key[k] for k in keys if k in by_key]

    def listing(self, sort: str = "added", *, rows: bool = False) -> bytes:
        """Every key (or, with *rows*, every row as ``list`` prints it: key, year, authors,
        title and journal, tab-separated), one a line, in a ``list`` order.

        SQLite joins the lines itself (100,000 of them are one string, not 100,000 Python
        tuples), and the text is kept in the library until records change, as rendered
        citations are: a script that lists a 100,000-record library again and again reads
        one value.
        """
        from . import __version__

        name = f"listing:{__version__}:{'rows' if rows else 'keys'}:{sort}"
        with self.read() as db:
            kept = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        if kept is not None and isinstance(kept[0], bytes):
            return kept[0]
        # UTF-8 bytes, kept as a blob: no decoding to read it, none to print it (a 12 MB
        # listing of 100,000 rows costs 40 ms less).
        text = self._join_listing(sort, rows).encode("utf-8", "surrogatepass")
        if not self.read_only:
            try:
                with self.write() as db:
                    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, text))
            except DataError:
                pass  # locked or full: the listing is only kept to save time
        return text

    def _join_listing(self, sort: str, rows: bool) -> str:
        line = (
            "replace(r.key, char(9), ' ') || char(9) || coalesce(r.year, '') || char(9)"
            " || r.list_authors || char(9) || r.list_title || char(9) || r.list_journal"
            if rows
            else "r.key"
        )
        with self.read() as db:
            (text,) = db.execute(
                f"SELECT group_concat(line, char(10)) FROM"
                f" (SELECT {line} AS line FROM records r ORDER BY {SORTS[sort]})"
            ).fetchone()
        return f"{text}\n" if text else ""

    def iter_keys(self, sort: str = "added") -> Iterator[str]:
        """Every key in a ``list`` order, read as the caller goes (no record is built)."""
        with self.read() as db:
            for (key,) in db.execute(f"SELECT r.key FROM records r ORDER BY {SORTS[sort]}"):
                yield key

    def iter_rows(
        self, sort: str = "added", keys: Sequence[str] | None = None
    ) -> Iterator[tuple[str, str, str, str, str]]:
        """(key, year, authors, title, journal) as ``list`` prints them: of every record in a
        ``list`` order, or of *keys* in their order; read as the caller goes."""
        select = (
            "SELECT r.key, coalesce(r.year, ''), r.list_authors, r.list_title, r.list_journal"
            " FROM records r"
        )
        with self.read() as db:
            if keys is None:
                for row in db.execute(f"{select} ORDER BY {SORTS[sort]}"):
                    yield (row[0], str(row[1]), row[2], row[3], row[4])
                return
            for chunk, marks in in_chunks(keys):
                found = {
                    row[0]: (row[0], str(row[1]), row[2], row[3], row[4])
                    for row in db.execute(f"{select} WHERE r.key IN ({marks})", chunk)
                }
                yield from (found[k] for k in chunk if k in found)

    def iter_records(self, sort: str = "added") -> Iterator[Record]:
        """Every record in a ``list`` order, built as the caller goes."""
        with self.read() as db:
            rows = db.execute(f"{_SELECT} GROUP BY r.id ORDER BY {SORTS[sort]}")
            for row in rows:
                yield _row_to_record(row)

    def all(self, sort: str = "added") -> list[Record]:
        order = SORTS[sort]
        with self.read() as db:
            rows = db.execute(f"{_SELECT} GROUP BY r.id ORDER BY {order}").fetchall()
        return [_row_to_record(row) for row in rows]

    def insert(self, record: Record) -> None:
        with self.write() as db:
            stamp = now_iso()
            record.added = record.added or stamp
            record.modified = record.modified or stamp
            cursor = db.execute(
                f"INSERT INTO records (key, {_DATA_COLUMNS}, added, modified)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (record.key, *_columns(record), record.added, record.modified),
            )
            rowid = cursor.lastrowid
            db.executemany(
                "INSERT OR IGNORE INTO tags VALUES (?, ?)", [(rowid, t) for t in record.tags]
            )
            _index(db, rowid, record)
            self._journal.created(record.key)

    def insert_many(
        self, records: Sequence[Record], *, prints: Mapping[str, Fingerprint] | None = None
    ) -> None:
        """Insert many records in one transaction: one executemany, then their index rows.

        *prints*: the records' duplicate fingerprints by key, when the caller has them."""
        with self.write() as db:
            if len(records) > 1000:
                # The search index of thousands of records outgrows SQLite's 2 MB page cache.
                db.execute("PRAGMA cache_size = -65536")
            stamp = now_iso()
            # Inside BEGIN IMMEDIATE no one else writes, so the next ids are ours to give.
            (last,) = db.execute("SELECT coalesce(max(id), 0) FROM records").fetchone()
            rows = []
            tag_rows: list[tuple[int, str]] = []
            for rowid, record in enumerate(records, last + 1):
                record.added = record.added or stamp
                record.modified = record.modified or stamp
                known = prints.get(record.key) if prints else None
                rows.append(
                    (rowid, record.key, *_columns(record, known), record.added, record.modified)
                )
                tag_rows.extend((rowid, tag) for tag in record.tags)
            db.executemany(
                f"INSERT INTO records (id, key, {_DATA_COLUMNS}, added, modified)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            db.executemany("INSERT OR IGNORE INTO tags VALUES (?, ?)", tag_rows)
            db.executemany(
                _INSERT_INDEX_ROW,
                (_index_row(rowid, record) for rowid, record in enumerate(records, last + 1)),
            )
            for record in records:
                self._journal.created(record.key)

    def fingerprints(self) -> list[Fingerprint]:
        """What duplicate detection compares, of every record (in the order they were added)."""
        from .duplicates import Fingerprint

        with self.read() as db:
            rows = db.execute("SELECT key, fingerprint FROM records ORDER BY id")
            return [Fingerprint.from_json(key, json.loads(data)) for key, data in rows]

    # -- aliases: keys of records merged into others -------------------------------------

    def aliases_of(self, names: Sequence[str]) -> dict[str, str]:
        """{alias: the key of the record it names} for those of *names* that are aliases."""
        found: dict[str, str] = {}
        with self.read() as db:
            for chunk, marks in in_chunks(names):
                found.update(
                    db.execute(
                        "SELECT a.alias, r.key FROM aliases a JOIN records r ON r.id = a.record_id"
                        f" WHERE a.alias IN ({marks})",
                        chunk,
                    ).fetchall()
                )
        return found

    def all_aliases(self) -> list[str]:
        with self.read() as db:
            return [alias for (alias,) in db.execute("SELECT alias FROM aliases")]

    def aliases_for(self, key: str) -> list[str]:
        """The aliases naming the record *key* (keys merged into it), sorted."""
        with self.read() as db:
            rows = db.execute(
                "SELECT a.alias FROM aliases a JOIN records r ON r.id = a.record_id"
                " WHERE r.key = ? ORDER BY a.alias",
                (key,),
            )
            return [alias for (alias,) in rows]

    def set_aliases(self, key: str, aliases: Sequence[str]) -> None:
        """Make *aliases* the aliases of the record *key*: others naming it are dropped, and
        an alias naming another record moves to this one."""
        with self.write() as db:
            row = db.execute("SELECT id FROM records WHERE key = ?", (key,)).fetchone()
            if row is None:
                raise DataError(f"no record '{key}' to give aliases to")
            self._journal.touched(key)
            wanted = set(aliases)
            for (alias,) in db.execute(
                "SELECT alias FROM aliases WHERE record_id = ?", (row[0],)
            ).fetchall():
                if alias not in wanted:
                    db.execute("DELETE FROM aliases WHERE alias = ?", (alias,))
            for alias in sorted(wanted):
                owner = db.execute(
                    "SELECT r.key FROM aliases a JOIN records r ON r.id = a.record_id"
                    " WHERE a.alias = ?",
                    (alias,),
                ).fetchone()
                if owner is not None and owner[0] != key:
                    self._journal.touched(owner[0])
                db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (alias, row[0]))

    def merge_into(self, keep: str, other: str) -> None:
        """Remove *other*, leaving its key (and its own aliases) as aliases of *keep*."""
        with self.write() as db:
            self._journal.touched(keep)
            self._journal.removed(other)
            (keep_id,) = db.execute("SELECT id FROM records WHERE key = ?", (keep,)).fetchone()
            (other_id,) = db.execute("SELECT id FROM records WHERE key = ?", (other,)).fetchone()
            db.execute("UPDATE aliases SET record_id = ? WHERE record_id = ?", (keep_id, other_id))
            db.execute("DELETE FROM records_fts WHERE rowid = ?", (other_id,))
            db.execute("DELETE FROM records WHERE id = ?", (other_id,))
            db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (other, keep_id))

    def update(self, record: Record) -> None:
        """Replace the record under ``record.key``; its ``modified`` time becomes now."""
        record.modified = now_iso()
        self.replace(record)

    def replace(self, record: Record) -> None:
        """Replace the record under ``record.key`` exactly as given, its times included
        (an undo, or a record a sync brings in)."""
        with self.write() as db:
            record.modified = record.modified or now_iso()
            row = db.execute("SELECT id FROM records WHERE key = ?", (record.key,)).fetchone()
            if row is None:
                raise DataError(f"no record '{record.key}' to update")
            self._journal.touched(record.key)
            rowid = row[0]
            db.execute(
                f"UPDATE records SET {_DATA_ASSIGNMENTS}, added=coalesce(?, added), modified=?"
                " WHERE id=?",
                (*_columns(record), record.added, record.modified, rowid),
            )
            db.execute("DELETE FROM tags WHERE record_id = ?", (rowid,))
            db.executemany(
                "INSERT OR IGNORE INTO tags VALUES (?, ?)", [(rowid, t) for t in record.tags]
            )
            db.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
            _index(db, rowid, record)

    def rename(self, old: str, new: str) -> None:
        """Move the record *old* to the key *new* (its row, tags and index row stay)."""
        with self.write() as db:
            row = db.execute("SELECT id FROM records WHERE key = ?", (old,)).fetchone()
            if row is None:
                raise DataError(f"no record '{old}' to rename")
            self._journal.renamed(old, new)
            record = self.get(old)
            assert record is not None
            record.key = new
            record.csl["id"] = new
            rowid = row[0]
            db.execute(
                f"UPDATE records SET key=?, {_DATA_ASSIGNMENTS}, modified=? WHERE id=?",
                (new, *_columns(record), now_iso(), rowid),
            )
            db.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
            _index(db, rowid, record)

    def delete(self, keys: Iterable[str]) -> int:
        removed = 0
        with self.write() as db:
            for key in keys:
                row = db.execute("SELECT id FROM records WHERE key = ?", (key,)).fetchone()
                if row is None:
                    continue
                self._journal.removed(key)
                db.execute("DELETE FROM records_fts WHERE rowid = ?", (row[0],))
                db.execute("DELETE FROM records WHERE id = ?", (row[0],))
                removed += 1
        return removed

    def search(
        self, query: Compiled, sort: str = "relevance", limit: int | None = None
    ) -> list[tuple[str, float | None]]:
        """Keys (with bm25 scores when ranked) of the records *query* selects, in order.

        *sort* is ``relevance`` or one of SORTS; without words to rank by, relevance is the
        order of ``list``.
        """
        ranked = query.match is not None
        order = SORTS.get(sort) or ("score, r.id" if ranked else SORTS["added"])
        if ranked:
            # Without filters, the keys come from an index: a hit's row is never read.
            covering = " INDEXED BY records_id_key" if query.where == "1" else ""
            sql = (
                f"SELECT r.key, {_BM25} AS score FROM records_fts"
                f" JOIN records r{covering} ON r.id = records_fts.rowid"
                f" WHERE records_fts MATCH ? AND {query.where} ORDER BY {order}"
            )
            params: tuple[object, ...] = (query.match, *query.params)
        else:
            sql = f"SELECT r.key, NULL FROM records r WHERE {query.where} ORDER BY {order}"
            params = query.params
        if limit is not None:
            sql += " LIMIT ?"
            params = (*params, limit)
        try:
            with self.read() as db:
                return [(key, score) for key, score in db.execute(sql, params)]
        except DataError as error:
            # SQLite bounds how deeply an expression may nest: the query is at fault.
            if "parser stack overflow" in error.message or "too large" in error.message:
                from .errors import UsageError

                raise UsageError(
                    "the query nests its filters too deeply for SQLite",
                    hint="SQLite takes about 15 levels of parentheses and NOTs around year:, "
                    "tag:, type: and key: filters; flatten the query",
                ) from None
            raise

    def content_hashes(self, keys: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """(key, content hash) of *keys* that exist, in the order given; all records without."""
        with self.read() as db:
            if keys is None:
                return db.execute("SELECT key, content_hash FROM records ORDER BY id").fetchall()
            wanted = list(dict.fromkeys(keys))
            found: dict[str, str] = {}
            for chunk, marks in in_chunks(wanted):
                found.update(
                    db.execute(
                        f"SELECT key, content_hash FROM records WHERE key IN ({marks})", chunk
                    ).fetchall()
                )
        return [(key, found[key]) for key in wanted if key in found]

    # -- rendered-citation cache -------------------------------------------------------

    def cache_get_many(self, cache_keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        with self.read() as db:
            for chunk, marks in in_chunks(cache_keys):
                found.update(
                    db.execute(
                        "SELECT cache_key, output FROM citation_cache"
                        f" WHERE cache_key IN ({marks})",
                        chunk,
                    ).fetchall()
                )
        return found

    def cache_put_many(self, entries: dict[str, str]) -> None:
        """Store rendered outputs, keeping only the newest CACHE_LIMIT of them.

        The cache only saves time: a library that cannot be written (read-only, a full
        disk, locked too long) keeps its cache as it is, and the command goes on.
        """
        if self.read_only:
            return
        try:
            self._cache_put_many(entries)
        except DataError:
            pass

    def _cache_put_many(self, entries: dict[str, str]) -> None:
        stamp = now_iso()
        with self.write() as db:
            db.executemany(
                "INSERT OR REPLACE INTO citation_cache VALUES (?, ?, ?)",
                [(k, v, stamp) for k, v in entries.items()],
            )
            db.execute(
                "DELETE FROM citation_cache WHERE cache_key IN (SELECT cache_key FROM"
                " citation_cache ORDER BY created DESC LIMIT -1 OFFSET ?)",
                (CACHE_LIMIT,),
            )


def in_chunks(values: Sequence[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """*values* in chunks small enough for one ``IN (...)`` each: (chunk, its ``?,?`` marks).

    SQLite limits the parameters of one statement (999 before 3.32), so a list of keys of any
    length is asked for a chunk at a time.
    """
    for start in range(0, len(values), size):
        chunk = list(values[start : start + size])
        yield chunk, ",".join("?" * len(chunk))


_SELECT = (
    "SELECT r.key, r.csl, r.extra, r.added, r.modified, group_concat(t.tag, char(31))"
    " FROM records r LEFT JOIN tags t ON t.record_id = r.id"
)


def _row_to_record(row: Sequence[Any]) -> Record:
    key, csl, extra, added, modified, tags = row
    return Record(
        key=key,
        csl=json.loads(csl),
        extra=json.loads(extra),
        tags=sorted(tags.split("\x1f"), key=str.casefold) if tags else [],
        added=added,
        modified=modified,
    )


_LISTING_COLUMNS = ("list_authors", "list_title", "list_journal")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _listing(record: Record) -> tuple[str, str, str]:
    """Authors in brief, the title and the journal, each on one line."""
    return (
        _one_line(record.short_authors()),
        _one_line(record.title),
        _one_line(record.container_title),
    )


# The columns _columns() gives, in order, for INSERT and UPDATE.
_DATA_COLUMNS = (
    "type, csl, extra, title_sort, author_sort, year, doi, content_hash,"
    " list_authors, list_title, list_journal, fingerprint"
)
_DATA_ASSIGNMENTS = ", ".join(f"{c.strip()}=?" for c in _DATA_COLUMNS.split(","))


def _fingerprint(record: Record, known: Fingerprint | None = None) -> str:
    from .duplicates import fingerprint

    return json.dumps((known or fingerprint(record)).to_json(), ensure_ascii=False)


def _sha256(text: str) -> str:
    """The SHA-256 of *text* in UTF-8, a megabyte at a time (no copy of a huge record)."""
    import hashlib

    digest = hashlib.sha256()
    step = 1 << 20
    for start in range(0, len(text), step):
        digest.update(text[start : start + step].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _columns(record: Record, known: Fingerprint | None = None) -> tuple[Any, ...]:
    doi = record.csl.get("DOI")
    csl = json.dumps(record.to_csl(), ensure_ascii=False)
    return (
        record.type,
        csl,
        json.dumps(record.extra, ensure_ascii=False),
        fold(record.title),
        fold(record.first_author_family),
        record.year,
        str(doi).strip().lower() if doi else None,
        # What a citation of the record depends on is its CSL-JSON: the cache keys on this.
        _sha256(csl),
        *_listing(record),
        _fingerprint(record, known),
    )


_INSERT_INDEX_ROW = (
    "INSERT INTO records_fts (rowid, key, title, author, journal, keyword, abstract, tag)"
    " VALUES (?,?,?,?,?,?,?,?)"
)


def _index(db: sqlite3.Connection, rowid: int | None, record: Record) -> None:
    """Add *record* to the search index under *rowid*."""
    db.execute(_INSERT_INDEX_ROW, _index_row(rowid, record))


def _index_row(rowid: int | None, record: Record) -> tuple[Any, ...]:
    """The search index row of *record*: its text folded (see ``folding``)."""
    from .folding import index_text
    from .records import strip_markup

    csl = record.csl
    names = [
        " ".join(str(n[p]) for p in _NAME_PARTS if n.get(p))
        for variable in ("author", "editor")
        for n in csl.get(variable, [])
        if isinstance(n, dict)
    ]
    journal = " ".join(
        strip_markup(str(csl.get(v, ""))) for v in ("container-title", "container-title-short")
    )
    # The index takes the first INDEX_LIMIT characters of a field: a 200 MB abstract is
    # kept whole in the record, and searched by its beginning.
    return (
        rowid,
        record.key,
        index_text(record.title[:INDEX_LIMIT]),
        index_text("; ".join(names)[:INDEX_LIMIT]),
        index_text(journal[:INDEX_LIMIT]),
        index_text("; ".join(record.keywords)[:INDEX_LIMIT]),
        index_text(strip_markup(str(csl.get("abstract", ""))[:INDEX_LIMIT])),
        index_text(" ; ".join(record.tags)[:INDEX_LIMIT]),
    )


INDEX_LIMIT = 1_000_000


_NAME_PARTS = ("given", "dropping-particle", "non-dropping-particle", "family", "literal")
