"""The response cache: keyed by request, aged, written atomically, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.web.cache import DAY, ResponseCache, default_folder


def test_a_stored_response_comes_back_until_it_is_too_old(tmp_path: Path) -> None:
    now = [5_000_000.0]
    cache = ResponseCache(tmp_path, now=lambda: now[0])
    cache.put("GET https://x/a", "https://y/a", "application/json", b'{"a": 1}\n\x00bytes')
    hit = cache.get("GET https://x/a")
    assert hit is not None
    assert (hit.url, hit.content_type, hit.body) == (
        "https://y/a",
        "application/json",
        b'{"a": 1}\n\x00bytes',
    )
    now[0] += 30 * DAY + 1
    assert cache.get("GET https://x/a") is None
    assert cache.get("GET https://x/b") is None


def test_a_corrupt_or_foreign_entry_is_ignored(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("GET https://x/a", "https://x/a", "text/plain", b"body")
    (entry,) = tmp_path.rglob("*.bin")
    entry.write_bytes(b"{not json\nbody")
    assert cache.get("GET https://x/a") is None
    entry.write_bytes(
        b'{"request": "GET https://x/other", "url": "u", "content_type": "t", "stored": 1}\nbody'
    )
    assert cache.get("GET https://x/a") is None
    entry.write_bytes(b"")
    assert cache.get("GET https://x/a") is None


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    for n in range(5):
        cache.put(f"GET https://x/{n}", "u", "t", b"b" * n)
    files = [p.name for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 5 and all(name.endswith(".bin") for name in files)


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = ResponseCache(blocker / "cache")  # its folder can never be made
    cache.put("GET https://x/a", "u", "t", b"b")
    assert cache.get("GET https://x/a") is None


def test_the_folder_follows_sarcref_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SARCREF_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert default_folder() == tmp_path / "elsewhere" / "http"
    monkeypatch.delenv("SARCREF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_folder() == tmp_path / "xdg" / "sarcref" / "http"
