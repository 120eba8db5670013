"""A real HTTP server on 127.0.0.1 standing in for the web services in tests.

Each service lives under its own path prefix (``/doi``, ``/crossref``, ``/ncbi``, ``/idconv``,
``/arxiv``, ``/openlibrary``) and the ``SARCREF_*_URL`` variables point there. Answers are
queued per path (and, optionally, query parameters); the last answer of a queue repeats.
Every request is recorded with its headers and the client's port, so tests count requests
and connections.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"

ENV = {
    "SARCREF_DOI_URL": "/doi",
    "SARCREF_CROSSREF_URL": "/crossref",
    "SARCREF_NCBI_URL": "/ncbi",
    "SARCREF_IDCONV_URL": "/idconv",
    "SARCREF_ARXIV_URL": "/arxiv",
    "SARCREF_OPENLIBRARY_URL": "/openlibrary",
}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@dataclass
class Reply:
    """One recorded answer."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow service)

    @classmethod
    def json(cls, value: Any, status: int = 200, **kwargs: Any) -> Reply:
        return cls(status, json.dumps(value).encode("utf-8"), **kwargs)


@dataclass
class Seen:
    """One request the server received."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]
    port: int  # the client's port: one per connection


@dataclass
class _Route:
    path: str
    query: Mapping[str, str]
    replies: list[Reply]


class FakeServices:
    """The server: ``add`` answers, ``start``, point the environment at ``url``."""

    def __init__(self) -> None:
        self.routes: list[_Route] = []
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return {name: self.url + prefix for name, prefix in ENV.items()}

    def add(self, path: str, *replies: Reply, query: Mapping[str, str] | None = None) -> None:
        """Answer GET *path* (whose query holds *query*) with *replies*, in turn."""
        self.routes.insert(0, _Route(path, dict(query or {}), list(replies)))

    def requests(self, prefix: str = "") -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path.startswith(prefix)]

    def count(self, prefix: str = "") -> int:
        return len(self.requests(prefix))

    def connections(self, prefix: str = "") -> int:
        return len({s.port for s in self.requests(prefix)})

    def _answer(self, path: str, query: dict[str, str]) -> Reply:
        with self.lock:
            for route in self.routes:
                if route.path == path and all(query.get(k) == v for k, v in route.query.items()):
                    return route.replies.pop(0) if len(route.replies) > 1 else route.replies[0]
        return Reply.json({"status": "error", "message": "no such route"}, status=404)

    def start(self) -> FakeServices:
        services = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real services
            disable_nagle_algorithm = True  # headers and body go out at once

            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                with services.lock:
                    services.seen.append(
                        Seen(
                            parts.path,
                            query,
                            {k.lower(): v for k, v in self.headers.items()},
                            self.client_address[1],
                        )
                    )
                reply = services._answer(parts.path, query)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(reply.body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


class FakeClock:
    """A monotonic clock that only moves when the client sleeps: spacing tests take no time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
