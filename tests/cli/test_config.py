"""`sarcref config`: settings set once, where each comes from, and their order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref import Library
from tests.helpers import invoke


def config_file() -> Path:
    import os

    return Path(os.environ["SARCREF_CONFIG"])


def shown() -> dict[str, dict[str, str | None]]:
    result = invoke(["config", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    settings: dict[str, dict[str, str | None]] = json.loads(result.stdout)["settings"]
    return settings


def test_defaults_then_the_file_then_the_environment_then_the_option(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shown()["style"] == {"value": "apa", "source": "default"}
    assert invoke(["config", "set", "style", "vancouver"]).exit_code == 0
    assert shown()["style"] == {"value": "vancouver", "source": f"file {config_file()}"}
    assert invoke(["cite"]).stdout.startswith("1. Lerman DM, Randall R.")
    monkeypatch.setenv("SARCREF_STYLE", "nature")
    assert shown()["style"]["source"] == "environment (SARCREF_STYLE)"
    assert invoke(["cite"]).stdout.startswith("1. Lerman, D. M. & Randall, R.")
    assert invoke(["cite", "--style", "apa"]).stdout.startswith("Lerman, D. M., & Randall")


def test_format_and_locale_settings_are_the_defaults_of_cite(library: Library) -> None:
    assert invoke(["config", "set", "format", "html"]).exit_code == 0
    assert invoke(["cite"]).stdout.startswith('<div class="csl-bib-body">')
    assert invoke(["cite", "-f", "text"]).stdout.startswith("Lerman, D. M.")
    assert invoke(["config", "set", "locale", "de-DE"]).exit_code == 0
    assert invoke(["config", "unset", "format"]).exit_code == 0
    assert "Lerman, D. M., & Randall, R. (2015)" in invoke(["cite"]).stdout


def test_the_library_setting_points_at_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SARCREF_LIBRARY")
    chosen = tmp_path / "chosen.sqlite"
    assert invoke(["config", "set", "library", str(chosen)]).exit_code == 0
    assert invoke(["list", "-f", "keys"]).stdout == "lerman2015local\n"
    assert chosen.exists()


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("style", "vancover", "unknown style 'vancover'"),
        ("locale", "xx-YY/..", "is not a locale tag"),
        ("format", "pdf", "unknown format 'pdf'"),
        ("key-format", "{author}{year}", "unknown field '{author}'"),
        ("email", "nobody", "is not an e-mail address"),
        ("stlye", "apa", "unknown setting 'stlye'"),
    ],
)
def test_a_bad_value_or_name_is_refused_and_the_file_is_left(
    library: Library, name: str, value: str, says: str
) -> None:
    result = invoke(["config", "set", name, value])
    assert result.exit_code == 2
    assert says in result.stderr
    assert not config_file().exists()


def test_a_malformed_file_names_file_and_line(library: Library) -> None:
    config_file().write_text('style = "apa"\nlocale = en-GB\n')
    result = invoke(["cite"])
    assert result.exit_code == 3
    assert f"{config_file()}:2: the settings file is not valid TOML" in result.stderr


def test_an_unknown_setting_in_the_file_is_a_warning_never_silent(library: Library) -> None:
    config_file().write_text('stlye = "vancouver"\n')
    result = invoke(["cite"])
    assert result.exit_code == 0
    assert "unknown setting 'stlye' is ignored (did you mean style?)" in result.stderr
    assert result.stdout.startswith("Lerman, D. M., & Randall")  # the default, apa


def test_a_setting_that_is_not_text_names_the_setting(library: Library) -> None:
    config_file().write_text("style = 3\n")
    result = invoke(["cite"])
    assert result.exit_code == 3
    assert "setting 'style' must be a string in quotes" in result.stderr


def test_a_contact_address_set_by_hand_is_checked_before_any_request(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The address goes into the User-Agent header of every lookup: a line break in it would
    # start a header of its own. No service is contacted (the URL points nowhere).
    monkeypatch.setenv("SARCREF_DOI_URL", "http://127.0.0.1:9")
    config_file().write_text('email = "me@lab.org\\r\\nX-Injected: 1"\n')
    result = invoke(["add", "10.1097/MOP.0000000000000172"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: the setting email (file {config_file()}): "
        "'me@lab.org\\r\\nX-Injected: 1' is not an e-mail address\n"
    )
    monkeypatch.setenv("SARCREF_EMAIL", "nobody")
    result = invoke(["check", "--online"])
    assert result.exit_code == 2
    assert "the setting email (environment (SARCREF_EMAIL)): 'nobody' is not" in result.stderr
