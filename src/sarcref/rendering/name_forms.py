"""Personal-name helpers: initialising given names and deciding name order by script.

``initialize_with`` follows citeproc-js: hyphenated names keep the hyphen (``J.-P.``),
existing initials are normalised, and with ``initialize="false"`` only names that already
are initials get the ``initialize-with`` terminator (``Daniel M.`` stays as is).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .text_util import ROMANESQUE, STARTS_ROMANESQUE

_NAME_SPLIT = re.compile(
    r'(?:[-\s]*</*(?:span\s+class="no(?:case|decor)"|i|sc|b|sub|sup)>[-\s]*|[-\s]+)'
)
_NAME_INITIAL = re.compile(
    "^([A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff"
    "\u0370\u0372\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4"
    "\u03f7\u03fd-\u03ff])([a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff"
    "\u0370-\u03ff\u1f00-\u1fff]*|)(\\.)*"
)
_SPACES = re.compile("[\t\n\x0b\x0c\r ]+")
_LEADING_TAGS = re.compile(r"^(?:<[^>]+>)*")
_HYPHEN_RUN = re.compile(r"\s*\-\s*")
_SPACE_RUN = re.compile(r"\s+")
_HYPHEN_LOWER = re.compile(r"-([a-z])")
_DASH_LOWER = re.compile("\u2013([a-z])")
_LAST_PIECE = re.compile(r"[^.]+$")
_PLAIN_GIVEN = re.compile(r"[A-Z](?:[a-z]+|\.)?(?: [A-Z](?:[a-z]+|\.)?)*")


def _notag(text: str) -> str:
    return _LEADING_TAGS.sub("", text, count=1) if text[:1] == "<" else text


def _mergetag(tagstr: str, newstr: str) -> str:
    tags = re.findall(r"(?:-*<[^>]+>-*)", tagstr)
    if not tags:
        return newstr
    joined = "".join(tags)
    match = re.match(r"^(.*[^\s])*(\s+)$", newstr)
    if match:
        return (match.group(1) or "") + joined + match.group(2)
    return newstr + joined


def _tagonly(text: str) -> str:
    match = re.search(r"(?:<[^>]+>)+", text)
    return match.group(0) if match else text


def _split_name(name: str) -> list[str]:
    tags = _NAME_SPLIT.findall(name)
    strings = _NAME_SPLIT.split(name)
    out = [strings[0]]
    for tag, string in zip(tags, strings[1:], strict=False):
        out.append(tag)
        out.append(string)
    return out


@functools.lru_cache(maxsize=8192)
def initialize_with(name: str, terminator: str, normalize_only: bool, hyphen: bool = True) -> str:
    """Initialise (or, with ``normalize_only``, only tidy up existing initials in) a name."""
    if not name:
        return ""
    terminator = terminator or ""
    if name in ("Lord", "Lady") or (
        not STARTS_ROMANESQUE.match(_notag(name)) and "%s" not in terminator
    ):
        return name
    if not normalize_only and _PLAIN_GIVEN.fullmatch(name):
        # The common case ("John", "Mary Ann", "J. R."), where the general algorithm below reduces
        # to: each word's initial, followed by the terminator (which replaces the space),
        # or put into the terminator's "%s" (the space kept).
        words = name.split(" ")
        if "%s" in terminator:
            plain = " ".join(terminator.replace("%s", word[0], 1) for word in words)
        else:
            plain = "".join(word[0] + terminator for word in words)
        return _undash(_finish([plain]))
    if not hyphen:
        name = name.replace("-", " ")
    name = _HYPHEN_RUN.sub("-", name)
    name = _SPACE_RUN.sub(" ", name)
    name = _HYPHEN_LOWER.sub("\u2013\\1", name)
    for i in range(len(name) - 2, -1, -1):
        if name[i] == "." and name[i + 1 : i + 2] != " ":
            name = name[:i] + ". " + name[i + 1 :]
    parts = _split_name(name)
    if len(parts) == 1:
        tail = _LAST_PIECE.search(parts[0])
        if tail and len(tail.group(0)) == 1 and tail.group(0) != tail.group(0).lower():
            parts[0] += "."
    if normalize_only:
        result = _normalize(parts, terminator)
    else:
        result = _initialize(parts, terminator)
    return _undash(result)


def _undash(text: str) -> str:
    """An en dash before a lowercase letter (from the hyphen handling) back to a hyphen."""
    return _DASH_LOWER.sub("-\\1", text) if "\u2013" in text else text


def _finish(parts: list[str]) -> str:
    text = "".join(parts).rstrip("\t\n\x0b\x0c\r \ufeff\u00a0")
    if "-" in text:
        text = _HYPHEN_RUN.sub("-", text)
    if "  " in text or not text.isprintable():  # (else no run to collapse)
        text = _SPACES.sub(" ", text)
    return text


def _normalize(parts: list[str], terminator: str) -> str:
    abbreviated: list[bool] = []
    for i, part in enumerate(parts):
        bare = _notag(part)
        if len(bare) > 1 and bare[-1:] == ".":
            parts[i] = re.sub(r"^(.*)\.(.*)$", r"\1\2", part)
            abbreviated.append(True)
        elif len(part) == 1 and part.upper() == part:
            abbreviated.append(True)
        else:
            abbreviated.append(False)
    for i in range(0, len(parts), 2):
        if abbreviated[i]:
            if i < len(parts) - 2:
                parts[i + 1] = _tagonly(parts[i + 1])
                if not abbreviated[i + 2]:
                    parts[i + 1] = _tagonly(parts[i + 1]) + " "
                if len(parts[i + 2]) > 1:
                    parts[i + 1] = terminator.rstrip("\ufeff") + parts[i + 1]
                else:
                    parts[i + 1] = _mergetag(parts[i + 1], terminator)
            if i == len(parts) - 1:
                parts[i] = parts[i] + terminator
    return _finish(parts)


def _initialize(parts: list[str], terminator: str) -> str:
    count = len(parts)
    for i in range(0, count, 2):
        part = parts[i]
        if not part:
            continue
        match = _NAME_INITIAL.match(part)
        groups: list[str] | None = None
        if match:
            groups = [match.group(1), match.group(2) or "", match.group(3) or ""]
        elif not STARTS_ROMANESQUE.match(part) and len(part) > 1 and "%s" in terminator:
            loose = re.match(r"(.)(.*)", part, re.S)
            if loose:
                groups = [loose.group(1), loose.group(2), ""]
        if groups is not None and groups[1] and groups[2]:
            groups[0] = groups[0] + groups[1]
            groups[1] = ""
        if groups is not None and groups[0][:1] == groups[0][:1].upper():
            extra = ""
            if groups[1]:
                caps = ""
                for char in groups[1]:
                    if char == char.upper():
                        caps += char
                    else:
                        break
                if len(caps) < len(groups[1]):
                    extra = caps.lower()
            parts[i] = groups[0] + extra
            if i < count - 1:
                if "%s" in terminator:
                    parts[i] = terminator.replace("%s", parts[i], 1)
                elif "-" in parts[i + 1]:
                    parts[i + 1] = _mergetag(parts[i + 1].replace("-", "", 1), terminator) + "-"
                else:
                    parts[i + 1] = _mergetag(parts[i + 1], terminator)
            else:
                if "%s" in terminator:
                    parts[i] = terminator.replace("%s", parts[i], 1)
                else:
                    parts.append(terminator)
        elif ROMANESQUE.search(part) and (groups is None or not groups[2]):
            parts[i] = " " + part
    return _finish(parts)


def name_script_order(name: dict[str, Any], item_language: str) -> int:
    """0: no Latin-like script (family+given, no space); 1: family first; 2: western order."""
    return _script_order(
        str(name.get("family") or ""), str(name.get("given") or ""), item_language[:2]
    )


@functools.lru_cache(maxsize=8192)
def _script_order(family: str, given: str, language: str) -> int:
    family = family.replace('"', "")
    order = 2
    if not ROMANESQUE.search(family):
        order = 0
    if not order and given and STARTS_ROMANESQUE.match(given):
        order = 1
    if order == 2 and language in ("ja", "zh"):
        order = 1
    return order
