"""The built wheel: the bundled record ships inside the package and works from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a wheel of this checkout and install it (without dependencies) into a folder."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (work / "dist").glob("sarcref-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "sarcref/data/lerman2015local.json" in archive.namelist()
    target = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return target


def test_installed_wheel_finds_the_bundled_record_from_another_directory(
    installed: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(installed), "SARCREF_LIBRARY": ""}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [str(installed / "bin" / "sarcref"), "show", "lerman2015local", "--format", "csl-json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"title": "Local control of metastatic sarcoma"' in done.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import sarcref.paths as p; print(p.bundled_data_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == installed / "sarcref" / "data"
