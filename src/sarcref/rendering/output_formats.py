"""Output formats: how text is escaped and how each decoration is written.

``text`` and ``html`` reproduce citeproc-js's formats exactly (HTML uses numeric character
references for ``&``, ``<`` and ``>``); ``markdown`` and ``rtf`` are sarcref's own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .blob import Decoration

Quotes = tuple[str, str, str, str]  # open, close, open-inner, close-inner

_SUPERSCRIPT_CHARS = (
    "\u00aa\u00b2\u00b3\u00b9\u00ba\u02b0\u02b1\u02b2\u02b3\u02b4\u02b5\u02b6\u02b7"
    "\u02b8\u02e0\u02e1\u02e2\u02e3\u02e4\u1d2c\u1d2d\u1d2e\u1d30\u1d31\u1d32\u1d33"
    "\u1d34\u1d35\u1d36\u1d37\u1d38\u1d39\u1d3a\u1d3c\u1d3d\u1d3e\u1d3f\u1d40\u1d41"
    "\u1d42\u1d43\u1d44\u1d45\u1d46\u1d47\u1d48\u1d49\u1d4a\u1d4b\u1d4c\u1d4d\u1d4f"
    "\u1d50\u1d51\u1d52\u1d53\u1d54\u1d55\u1d56\u1d57\u1d58\u1d59\u1d5a\u1d5b\u1d5c"
    "\u1d5d\u1d5e\u1d5f\u1d60\u1d61\u2070\u2071\u2074\u2075\u2076\u2077\u2078\u2079"
    "\u207a\u207b\u207c\u207d\u207e\u207f\u2120\u2122\u3192\u3193\u3194\u3195\u3196"
    "\u3197\u3198\u3199\u319a\u319b\u319c\u319d\u319e\u319f\u02c0\u02c1\u06e5\u06e6"
)
# Characters with no <super> decomposition in Unicode, as citeproc-js maps them.
_SUPERSCRIPT_EXTRA = {"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648",
                      "\u06e6": "\u064a"}  # fmt: skip


def _superscript_base(char: str) -> str:
    if char in _SUPERSCRIPT_EXTRA:
        return _SUPERSCRIPT_EXTRA[char]
    parts = unicodedata.decomposition(char).split()
    return "".join(chr(int(code, 16)) for code in parts if not code.startswith("<"))


_SUPERSCRIPTS = {char: _superscript_base(char) for char in _SUPERSCRIPT_CHARS}
_SUPERSCRIPT_RE = re.compile("[" + "".join(_SUPERSCRIPTS) + "]")
_DOUBLE_SPACE = re.compile(r"\s\s")


def _quote(decoration: Decoration, text: str, quotes: Quotes) -> str | None:
    if decoration[0] != "@quotes":
        return None
    if decoration[1] == "true":
        return quotes[0] + text + quotes[1]
    if decoration[1] == "inner":
        return quotes[2] + text + quotes[3]
    return text


class OutputFormat:
    """Base: plain text. Subclasses override escaping and the decoration table."""

    name = "text"
    wrappers: dict[str, str] = {}

    def escape(self, text: str) -> str:
        return text

    def decorate(self, decoration: Decoration, text: str, quotes: Quotes) -> str:
        quoted = _quote(decoration, text, quotes)
        if quoted is not None:
            return quoted
        name, value = decoration
        if name == "@display":
            return self.display(value, text)
        template = self.wrappers.get(f"{name}/{value}")
        if template is None:
            return text
        return template.replace("%%STRING%%", text)

    def display(self, value: str, text: str) -> str:
        if value == "block":
            return "\n" + text
        if value == "left-margin":
            return text + " "
        if value == "indent":
            return "\n    " + text
        return text

    # Whole entries and bibliographies ------------------------------------------------
    def entry(self, text: str) -> str:
        return text

    def bibliography(self, entries: list[str]) -> str:
        return "\n".join(entries) + ("\n" if entries else "")

    bib_start = ""
    bib_end = ""


class TextFormat(OutputFormat):
    name = "text"


class HtmlFormat(OutputFormat):
    name = "html"
    wrappers = {
        "@font-style/italic": "<i>%%STRING%%</i>",
        "@font-style/oblique": "<em>%%STRING%%</em>",
        "@font-style/normal": '<span style="font-style:normal;">%%STRING%%</span>',
        "@font-variant/small-caps": '<span style="font-variant:small-caps;">%%STRING%%</span>',
        "@font-variant/normal": '<span style="font-variant:normal;">%%STRING%%</span>',
        "@font-weight/bold": "<b>%%STRING%%</b>",
        "@font-weight/normal": '<span style="font-weight:normal;">%%STRING%%</span>',
        "@text-decoration/none": '<span style="text-decoration:none;">%%STRING%%</span>',
        "@text-decoration/underline": (
            '<span style="text-decoration:underline;">%%STRING%%</span>'
        ),
        "@vertical-align/sup": "<sup>%%STRING%%</sup>",
        "@vertical-align/sub": "<sub>%%STRING%%</sub>",
        "@vertical-align/baseline": '<span style="baseline">%%STRING%%</span>',
    }
    bib_start = '<div class="csl-bib-body">\n'
    bib_end = "</div>"

    def escape(self, text: str) -> str:
        if not text:
            return ""
        text = text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
        if text.isascii() and text.isprintable() and "  " not in text:
            return text  # nothing below can apply (the common case, checked cheaply)
        text = _DOUBLE_SPACE.sub("\u00a0 ", text)
        return _SUPERSCRIPT_RE.sub(lambda m: f"<sup>{_SUPERSCRIPTS[m.group(0)]}</sup>", text)

    def display(self, value: str, text: str) -> str:
        if value == "block":
            return f'\n\n    <div class="csl-block">{text}</div>\n'
        if value == "left-margin":
            return f'\n    <div class="csl-left-margin">{text}</div>'
        if value == "right-inline":
            return f'<div class="csl-right-inline">{text}</div>\n  '
        if value == "indent":
            return f'<div class="csl-indent">{text}</div>\n  '
        return text

    def entry(self, text: str) -> str:
        return f'  <div class="csl-entry">{text}</div>\n'

    def bibliography(self, entries: list[str]) -> str:
        return self.bib_start + "".join(entries) + self.bib_end


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#|~])")


class MarkdownFormat(OutputFormat):
    name = "markdown"
    wrappers = {
        "@font-style/italic": "*%%STRING%%*",
        "@font-style/oblique": "*%%STRING%%*",
        "@font-weight/bold": "**%%STRING%%**",
        "@vertical-align/sup": "^%%STRING%%^",
        "@vertical-align/sub": "~%%STRING%%~",
    }

    def escape(self, text: str) -> str:
        return _MARKDOWN_SPECIALS.sub(r"\\\1", text)

    def display(self, value: str, text: str) -> str:
        if value == "left-margin":
            return text + " "
        if value in ("block", "indent"):
            return "\n" + text
        return text

    def bibliography(self, entries: list[str]) -> str:
        return "\n\n".join(entries) + ("\n" if entries else "")


def _rtf_escape(text: str) -> str:
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in "\\{}":
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\line ")
        elif char == "\t":
            out.append("\\tab ")
        elif code < 0x80:
            out.append(char)
        elif code < 0x10000:
            out.append(f"\\u{code if code < 0x8000 else code - 0x10000}?")
        else:  # outside the BMP: a UTF-16 surrogate pair, each a signed 16-bit \uN
            code -= 0x10000
            for unit in (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)):
                out.append(f"\\u{unit - 0x10000}?")
    return "".join(out)


class RtfFormat(OutputFormat):
    name = "rtf"
    wrappers = {
        "@font-style/italic": "{\\i %%STRING%%}",
        "@font-style/oblique": "{\\i %%STRING%%}",
        "@font-style/normal": "{\\i0 %%STRING%%}",
        "@font-variant/small-caps": "{\\scaps %%STRING%%}",
        "@font-variant/normal": "{\\scaps0 %%STRING%%}",
        "@font-weight/bold": "{\\b %%STRING%%}",
        "@font-weight/normal": "{\\b0 %%STRING%%}",
        "@text-decoration/underline": "{\\ul %%STRING%%}",
        "@text-decoration/none": "{\\ul0 %%STRING%%}",
        "@vertical-align/sup": "{\\super %%STRING%%}",
        "@vertical-align/sub": "{\\sub %%STRING%%}",
        "@vertical-align/baseline": "{\\nosupersub %%STRING%%}",
    }

    def escape(self, text: str) -> str:
        return _rtf_escape(text)

    def decorate(self, decoration: Decoration, text: str, quotes: Quotes) -> str:
        if decoration[0] == "@quotes":
            escaped = tuple(_rtf_escape(q) for q in quotes)
            quoted = _quote(decoration, text, (escaped[0], escaped[1], escaped[2], escaped[3]))
            return text if quoted is None else quoted
        return super().decorate(decoration, text, quotes)

    def display(self, value: str, text: str) -> str:
        if value == "left-margin":
            return text + "\\tab "
        if value in ("block", "indent"):
            return "\\line " + text
        return text

    def entry(self, text: str) -> str:
        return "{\\pard " + text + "\\par}"

    def bibliography(self, entries: list[str]) -> str:
        body = "\n".join(entries)
        return "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n" + body + "\n}"


FORMATS: dict[str, Callable[[], OutputFormat]] = {
    "text": TextFormat,
    "html": HtmlFormat,
    "markdown": MarkdownFormat,
    "rtf": RtfFormat,
}
