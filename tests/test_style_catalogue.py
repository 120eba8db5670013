"""The style catalogue: ids, aliases, dependent styles, user files, close matches."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref import DataError, UsageError
from sarcref.style_catalogue import ALIASES, catalogue, find_styles, resolve, styles_dir


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize(
    ("alias", "style_id"),
    [
        ("vancouver", "vancouver-nlm"),
        ("apa", "apa"),
        ("ama", "american-medical-association"),
        ("mla", "modern-language-association"),
        ("chicago", "chicago-author-date"),
        ("harvard", "harvard-cite-them-right"),
        ("ieee", "ieee"),
        ("nature", "nature"),
    ],
)
def test_contract_aliases(alias: str, style_id: str) -> None:
    assert ALIASES[alias] == style_id
    assert resolve(alias).id == style_id


def test_dependent_style_renders_with_its_parent() -> None:
    resolved = resolve("vancouver-nlm")
    assert resolved.path == styles_dir() / "nlm-citation-sequence.csl"
    assert resolved.dependent_path == styles_dir() / "dependent" / "vancouver-nlm.csl"


def test_dependent_style_keeps_its_own_default_locale() -> None:
    resolved = resolve("the-lancet-oncology")
    assert resolved.path.name == "the-lancet.csl"
    assert resolved.default_locale == "en-GB"


def test_independent_style_resolves_to_its_own_file() -> None:
    resolved = resolve("chicago-notes-bibliography")
    assert (resolved.path.name, resolved.dependent_path) == ("chicago-notes-bibliography.csl", None)


def test_unknown_style_is_a_usage_error_with_up_to_five_close_matches() -> None:
    with pytest.raises(UsageError) as caught:
        resolve("vancover")
    assert caught.value.message == "unknown style 'vancover'"
    assert caught.value.hint is not None and caught.value.hint.startswith("did you mean vancouver")
    assert len(caught.value.hint.split(", ")) <= 5


def test_a_csl_file_path_is_a_style(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csl"
    mine.write_text((styles_dir() / "apa.csl").read_text("utf-8"), "utf-8")
    assert resolve(str(mine)).path == mine


def test_a_user_dependent_style_uses_the_collections_parent(tmp_path: Path) -> None:
    dependent = tmp_path / "my-journal.csl"
    dependent.write_text(
        '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"'
        ' default-locale="de-DE"><info><title>My journal</title>'
        '<link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>',
        "utf-8",
    )
    resolved = resolve(str(dependent))
    assert (resolved.path.name, resolved.default_locale) == ("apa.csl", "de-DE")


def test_a_missing_style_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        resolve(str(tmp_path / "nope.csl"))


def test_a_dependent_style_with_an_unknown_parent_is_bad_data(tmp_path: Path) -> None:
    dependent = tmp_path / "orphan.csl"
    dependent.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl"><info>'
        '<link href="http://www.zotero.org/styles/no-such-parent" rel="independent-parent"/>'
        "</info></style>",
        "utf-8",
    )
    with pytest.raises(DataError, match="parent style 'no-such-parent' is not in the collection"):
        resolve(str(dependent))


def test_catalogue_lists_every_style_with_class_format_parent_and_aliases() -> None:
    styles = {s.id: s for s in catalogue()}
    assert len(styles) > 10_000
    vancouver = styles["vancouver-nlm"]
    assert (vancouver.style_class, vancouver.citation_format, vancouver.parent) == (
        "in-text",
        "numeric",
        "nlm-citation-sequence",
    )
    assert vancouver.aliases == ("vancouver",)
    assert styles["chicago-notes-bibliography"].style_class == "note"
    assert styles["apa"].citation_format == "author-date"
    assert catalogue() == list(styles.values())  # second call: from the cache, same content


def test_find_styles_matches_every_word_and_puts_exact_ids_first() -> None:
    found = find_styles("lancet oncology")
    assert [s.id for s in found] == ["the-lancet-oncology"]
    assert find_styles("vancouver")[0].id == "vancouver-nlm"
    assert find_styles("zzz no such style") == []


def test_a_name_too_long_for_the_file_system_is_an_unknown_style() -> None:
    # Looking it up raised OSError ENAMETOOLONG (exit 70).
    with pytest.raises(UsageError, match="unknown style 'xxxx"):
        resolve("x" * 3000)
