"""Helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path


def run_sarcref(
    *args: str, cwd: Path, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run sarcref as a real process, the way a user's shell does."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "sarcref", *args],
        cwd=cwd,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
    )


class Result:
    """What a command line printed and returned, run in this process."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def __repr__(self) -> str:
        return f"Result({self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


class _Stdin(io.StringIO):
    def isatty(self) -> bool:
        return False


def invoke(args: list[str], input: str | None = None) -> Result:
    """Run ``sarcref ARGS`` in this process, as the console script runs it (without the
    process around it: use run_sarcref for signals, pipes and real terminals)."""
    from sarcref.cli.entry import run

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = _Stdin(input or ""), out, err
    try:
        code = run([str(a) for a in args])
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Result(code, out.getvalue(), err.getvalue())


def require_program(name: str) -> str:
    """The path of the program *name*, for a test that runs it for real.

    Missing on a developer's machine, the test is skipped saying why; in CI (CI=true, set by
    .ci/run, which installs the program) a missing program fails the test.
    """
    import shutil

    import pytest

    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"needs {name}")
    return found
