"""Responses of the web services kept on disk, so a second ``add`` of an identifier makes
no request and works offline.

One file per request, named by a hash of the request (method, URL without credentials,
Accept header): a line of JSON (the request, the final URL, the content type, when it was
stored) followed by the body's bytes. Files are written atomically (a temporary file, then a
rename); an entry that cannot be read, or belongs to another request, is ignored, never fatal.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CACHE_ENV = "SARCREF_CACHE_DIR"
DAY = 86_400.0
DEFAULT_MAX_AGE = 30 * DAY


@dataclass(frozen=True)
class CachedResponse:
    url: str
    content_type: str
    body: bytes
    stored: float  # seconds since the epoch


def default_folder() -> Path:
    """``$SARCREF_CACHE_DIR/http``, else the user cache folder's ``http``."""
    from_env = os.environ.get(CACHE_ENV)
    if from_env:
        return Path(from_env).expanduser() / "http"
    from ..paths import user_folder

    return user_folder("cache") / "http"


class ResponseCache:
    """A folder of cached responses; *now* is the clock of their ages (injectable)."""

    def __init__(self, folder: Path, *, now: Callable[[], float] = time.time) -> None:
        self.folder = folder
        self.now = now

    def _path(self, request: str) -> Path:
        digest = hashlib.sha256(request.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.bin"

    def get(self, request: str, max_age: float = DEFAULT_MAX_AGE) -> CachedResponse | None:
        """The response stored for *request* if it is younger than *max_age* seconds."""
        try:
            data = self._path(request).read_bytes()
            head, _, body = data.partition(b"\n")
            meta = json.loads(head)
            if meta["request"] != request:
                return None
            stored = float(meta["stored"])
            if not 0 <= self.now() - stored <= max_age:
                return None
            return CachedResponse(str(meta["url"]), str(meta["content_type"]), body, stored)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, half-written by a crash, or not ours: fetch it again

    def put(self, request: str, url: str, content_type: str, body: bytes) -> None:
        """Store a response; a cache folder that cannot be written only costs time."""
        path = self._path(request)
        meta = {"request": request, "url": url, "content_type": content_type, "stored": self.now()}
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as handle:
                handle.write(json.dumps(meta, ensure_ascii=True).encode("ascii") + b"\n" + body)
            os.replace(temporary, path)
        except OSError:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass
