"""``sarcref show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref.cli import printing
from tests.helpers import invoke

SHOW = ["show", "lerman2015local"]


def test_show_prints_every_fact_as_plain_text_when_piped() -> None:
    result = invoke(SHOW)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Local control of metastatic sarcoma", "Daniel M. Lerman, R Randall", ""]
    expected = [
        "Journal    Current Opinion in Pediatrics (Curr Opin Pediatr) 27(1): 3-8 (6 pages)",
        "Published  2015-01-01",
        "Type       Journal article (Review article, peer-reviewed, externally published)",
        "Language   English (US)",
        "Keywords   local treatment; metastasectomy; metastasis; radiation therapy; sarcoma",
        "Subjects   Pediatrics, Perinatology, and Child Health (ASJC)",
        "Cited by   3 (Scopus)",
        "Key        lerman2015local",
    ]
    assert lines[3 : 3 + len(expected)] == expected
    assert lines[3 + len(expected)].startswith("Added      20")
    body = result.stdout.split("\nAbstract\n", 1)[1]
    assert [line.strip() for line in body.splitlines() if line.strip().isupper()] == [
        "PURPOSE OF REVIEW",
        "RECENT FINDINGS",
        "SUMMARY",
    ]
    assert "\x1b[" not in result.stdout


def test_show_draws_a_rich_panel_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "use_rich", lambda stream=None: True)
    result = invoke(SHOW)
    assert result.exit_code == 0
    assert "╭─ lerman2015local" in result.stdout
    for text in ("Local control of metastatic sarcoma", "RECENT FINDINGS", "Cited by", "ASJC"):
        assert text in result.stdout


def test_show_json_is_the_stored_record() -> None:
    result = invoke([*SHOW, "--format", "json"])
    record = json.loads(result.stdout)
    bundled = json.loads(
        (Path(__file__).parents[2] / "data" / "lerman2015local.json").read_text("utf-8")
    )
    own = record.pop("sarcref")
    assert record == {k: v for k, v in bundled.items() if k != "sarcref"}
    assert own["tags"] == []
    assert own["citation-counts"] == [{"source": "Scopus", "count": 3}]
    assert {"added", "modified"} <= set(own)


def test_show_csl_json_is_plain_csl() -> None:
    result = invoke([*SHOW, "-f", "csl-json"])
    record = json.loads(result.stdout)
    assert "sarcref" not in record
    assert record["id"] == "lerman2015local"
    assert record["issued"] == {"date-parts": [[2015, 1, 1]]}


def test_show_unknown_key_exits_1_with_suggestions() -> None:
    result = invoke(["show", "lerman"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: no record with key 'lerman'\ndid you mean lerman2015local?\n"


def test_show_unknown_format_is_a_usage_error() -> None:
    result = invoke([*SHOW, "--format", "yaml"])
    assert result.exit_code == 2
