"""Real pandoc for the tests that compare with it: skipped without pandoc, except in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"


def require_pandoc() -> str:
    """pandoc's path; the test fails without it in CI (CI=true) and is skipped elsewhere."""
    path = shutil.which("pandoc")
    if path is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("pandoc is not on PATH, and CI must run the tests that compare with it")
        pytest.skip("pandoc is not on PATH (CI installs it and runs this test)")
    return path
