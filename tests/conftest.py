"""Shared fixtures: every test gets its own library path, home and data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sarcref import Library

if TYPE_CHECKING:
    from sarcref.web.http import HttpClient
    from tests.web.server import FakeClock, FakeServices

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, XDG_DATA_HOME and SARCREF_LIBRARY into the test's temp folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("SARCREF_LIBRARY", str(tmp_path / "library.sqlite"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("SARCREF_PAGER", "")  # tests that page say which pager
    monkeypatch.setenv("SARCREF_CONFIG", str(home / "config.toml"))
    return tmp_path


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with Library(library_path) as lib:
        yield lib


@pytest.fixture
def web(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    """The web services as a local HTTP server; the SARCREF_*_URL variables point to it and
    SARCREF_CACHE_DIR to the test's folder (tests never touch the internet)."""
    from tests.web.server import FakeServices

    services = FakeServices().start()
    for name, value in services.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SARCREF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SARCREF_EMAIL", "test@example.org")
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    yield services
    services.stop()


@pytest.fixture
def clock() -> FakeClock:
    from tests.web.server import FakeClock

    return FakeClock()


@pytest.fixture
def client(web: FakeServices, clock: FakeClock) -> Iterator[HttpClient]:
    """An HTTP client on the fake services, with a fake clock and short timeouts."""
    from sarcref.web.http import HttpClient

    with HttpClient(
        clock=clock.monotonic, sleep=clock.sleep, connect_timeout=2, read_timeout=2
    ) as http_client:
        yield http_client
