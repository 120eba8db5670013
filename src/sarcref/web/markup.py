"""Titles and abstracts from web services as CSL-JSON rich text.

Crossref and the other registration agencies send titles with HTML or JATS markup
(``<jats:italic>``, ``<scp>``, ``<sub>``, MathML) and abstracts as JATS paragraphs and
sections. CSL-JSON keeps ``<i>``, ``<b>``, ``<sup>``, ``<sub>`` and small caps (as citeproc-js
reads them, and as Zotero's Crossref translator keeps them); every other tag goes and its text
stays. Abstract paragraphs become lines; a section's title becomes its label (``Methods: ...``).
"""

from __future__ import annotations

import html
import re

SMALL_CAPS = '<span style="font-variant:small-caps;">'

_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][\w.:-]*)[^<>]*?(/?)>")
_SPACE = re.compile(r"\s+")
_SECTION_TITLE = re.compile(r"<(?:jats:)?title\b[^>]*>(.*?)</(?:jats:)?title>", re.S | re.I)
# Marks the end of a section label, so the paragraph after it stays on the label's line.
_LABEL_MARK = "\x02"
_LABEL_END = re.compile("\x02\\s*")
_KEPT = {
    "i": "i",
    "italic": "i",
    "em": "i",
    "b": "b",
    "bold": "b",
    "strong": "b",
    "sup": "sup",
    "sub": "sub",
}
_SMALL_CAPS_TAGS = frozenset({"sc", "scp", "small-caps"})
_BREAKS = frozenset({"p", "sec", "list-item", "br", "div"})
# Characters that are UTF-8 bytes read as Latin-1 (mojibake) show up as C1 controls.
_C1 = re.compile("[\u0080-\u009f]")


def rich_text(text: str, *, abstract: bool = False) -> str:
    """*text* with its markup as CSL-JSON rich text; paragraphs kept as lines in abstracts."""
    if "<" not in text and "&" not in text:
        return _SPACE.sub(" ", fix_mojibake(text)).strip()
    text = _SPACE.sub(" ", _CDATA.sub(r"\1", text))
    if abstract:
        text = _SECTION_TITLE.sub(_section_label, text)
    text = _TAG.sub(lambda m: _tag(m, abstract), text)
    text = _LABEL_END.sub("", html.unescape(text))
    lines = (line.strip() for line in text.split("\n"))
    return fix_mojibake(("\n" if abstract else " ").join(line for line in lines if line))


def _section_label(match: re.Match[str]) -> str:
    title = _SPACE.sub(" ", _TAG.sub("", match.group(1))).strip()
    if not title or title.rstrip(".:").lower() in ("abstract", "graphical abstract"):
        return "\n"
    return f"\n{title.rstrip(':')}: {_LABEL_MARK}"


def _tag(match: re.Match[str], abstract: bool) -> str:
    closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
    local = name.rsplit(":", 1)[-1]
    kept = _KEPT.get(local)
    if kept and not self_closing:
        return f"</{kept}>" if closing else f"<{kept}>"
    if local in _SMALL_CAPS_TAGS and not self_closing:
        return "</span>" if closing else SMALL_CAPS
    if local in _BREAKS:
        return "\n" if abstract else " "
    return ""


def fix_mojibake(text: str) -> str:
    """UTF-8 text that was decoded as Latin-1 somewhere upstream, decoded right.

    ``â\\x80\\x93`` is an en dash (Zotero's translators repair the same damage); text that
    cannot be repaired loses its control characters.
    """
    if not _C1.search(text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return _C1.sub("", text)
