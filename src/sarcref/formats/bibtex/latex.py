"""LaTeX in BibTeX values to Unicode text and back: the one module that uses pylatexenc.

``decode`` turns a BibTeX field value into the text a CSL processor reads: accents and
commands become Unicode (``G{\\"o}del`` -> ``Gödel``, ``{\\TeX}book`` -> ``TeXbook``), unknown
commands are kept as written (never dropped), and in *rich* fields (titles) case-protecting
braces become CSL ``<span class="nocase">`` spans and ``\\emph`` becomes ``<i>``.
``encode`` is its inverse: ``decode(encode(text)) == text`` for any text.

Most values in real files are plain text or carry a few accents, so a one-pass regular
expression decodes them; pylatexenc (about 1 ms a value) sees only the rest.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ...errors import DataError
from . import scan

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text

NOCASE_OPEN = '<span class="nocase">'
NOCASE_CLOSE = "</span>"
NBSP = "\u00a0"

# CSL rich-text markup <-> the LaTeX commands that mean the same.
MARKUP = {
    "i": "textit",
    "b": "textbf",
    "sup": "textsuperscript",
    "sub": "textsubscript",
}
SMALL_CAPS = '<span style="font-variant:small-caps;">'


class LatexError(DataError):
    """A value LaTeX decoding could not make sense of."""


# -- decoding: the fast path -----------------------------------------------------------

_ACCENT_MARKS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "d": "\u0323",
    "b": "\u0331",
    "k": "\u0328",
    "r": "\u030a",
}
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "i": "ı",
    "j": "ȷ",
}
_SYMBOLS = {
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textendash": "–",
    "textemdash": "—",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
}
_LIGATURES = {"---": "—", "--": "–", "``": "“", "''": "”", "!`": "¡", "?`": "¿", "~": NBSP}

# One left-to-right pass; an alternative that matches nothing we know (a lone backslash,
# math) sends the whole value to pylatexenc instead.
_FAST = re.compile(
    r"""
      (?P<brace>\{)?\\(?:(?P<sym>['"`^~=.])\s*|(?P<word>[uvHcdbkr])(?:\s+|(?=\{)))
        (?:\{(?P<barg>\\[ij]|[A-Za-z])\}|(?P<dotless>\\[ij])(?![A-Za-z])\s*|(?P<arg>[A-Za-z]))
        (?(brace)\})
    | (?P<lbrace>\{)?\\(?P<letter>ss|ae|AE|oe|OE|aa|AA|[oOlLij])(?:\{\}|(?![A-Za-z])\s*)
        (?(lbrace)\})
    | \\(?P<escaped>[&%\#_$\{\}])
    | \\(?P<symbol>text(?:backslash|ascii(?:tilde|circum)|[em]dash|quotedbl(?:left|right)
        |exclamdown|questiondown))\{\}
    | (?P<slow>[\\$])
    | (?P<lig>---|--|``|''|!`|\?`|~)
    | [{}]
    """,
    re.VERBOSE,
)
_NEEDS_WORK = re.compile(r"[\\{}$~]|--|``|''|[!?]`")


class _NeedsPylatexenc(Exception):
    pass


def _fast_replace(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if match.group("sym") or match.group("word"):
        mark = _ACCENT_MARKS[match.group("sym") or match.group("word")]
        base = match.group("barg") or match.group("dotless") or match.group("arg")
        base = {"\\i": "i", "\\j": "j"}.get(base, base)
        return unicodedata.normalize("NFC", base + mark)
    if match.group("letter"):
        return _LETTERS[match.group("letter")]
    if kind == "escaped":
        return match.group("escaped")
    if kind == "symbol":
        return _SYMBOLS[match.group("symbol")]
    if kind == "slow":
        raise _NeedsPylatexenc
    if kind == "lig":
        return _LIGATURES[match.group("lig")]
    return ""  # a grouping brace


def _decode_plain(value: str) -> str:
    if not _NEEDS_WORK.search(value):
        return value
    return _decode(value, rich=False)


def _decode(latex: str, *, rich: bool, protect: bool = False) -> str:
    """The fast table-driven decoder, or pylatexenc for what the table does not know."""
    try:
        return _FAST.sub(_fast_replace, latex)
    except _NeedsPylatexenc:
        return _slow_decode(latex, rich=rich, protect=protect)


# -- decoding: pylatexenc ---------------------------------------------------------------

# Commands pylatexenc does not know (or turns into nothing) that BibTeX files use.
_EXTRA_COMMANDS = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "XeTeX": "XeTeX",
    "LuaTeX": "LuaTeX",
    "ConTeXt": "ConTeXt",
    "slash": "/",
    "relax": "",
    "@": "",
    "nobreakspace": NBSP,
    **_SYMBOLS,
}
# Font switches: ``{\em word}`` reads as the word (a scope at the start of a group is
# read as its command first: ``{\it word}`` is ``\textit{word}``, see _font_scopes).
_FONT_SWITCHES = """em it bf sc rm sf tt sl up md itshape bfseries scshape upshape mdseries slshape
    normalfont rmfamily sffamily ttfamily""".split()
_SCOPES = {
    "it": "textit",
    "itshape": "textit",
    "sl": "textit",
    "slshape": "textit",
    "em": "emph",
    "bf": "textbf",
    "bfseries": "textbf",
    "sc": "textsc",
    "scshape": "textsc",
}

# Commands with one argument whose text is the argument; in rich text some are markup.
# (biblatex's \mkbib... wrappers, csquotes, and formatting CSL has no markup for.)
_QUOTED = "\u201c%s\u201d"
_ONE_ARGUMENT_TEXT = {
    "mkbibquote": _QUOTED,
    "mkbibparens": "(%s)",
    "mkbibbrackets": "[%s]",
    "textnormal": "%s",
    "textrm": "%s",
    "textsf": "%s",
    "texttt": "%s",
    "textup": "%s",
    "textmd": "%s",
    "mkbibacro": "%s",
    "autocap": "%s",
    "mbox": "%s",
    "underline": "%s",
    "NoCaseChange": "%s",
    "url": "%s",
}
# \emph and friends in rich text: macro -> CSL markup tag.
_RICH_MARKUP = {
    "emph": "i",
    "textit": "i",
    "textsl": "i",
    "mkbibemph": "i",
    "mkbibitalic": "i",
    "textbf": "b",
    "mkbibbold": "b",
    "textsuperscript": "sup",
    "mkbibsuperscript": "sup",
    "textsubscript": "sub",
}
# Commands with nothing to print ("\nocite{key}") and their arguments.
_DISCARDED = ("nocite",)
_ARGUMENT_COUNTS = {
    **dict.fromkeys((*_ONE_ARGUMENT_TEXT, *_RICH_MARKUP, *_DISCARDED, "textsc"), 1),
    "href": 2,
}
_OTHER_KNOWN = ("hyphen", "bibstring", "enquote", "textquote")


@lru_cache(maxsize=3)
def _converter(rich: bool, protect: bool = False) -> LatexNodes2Text:
    """pylatexenc's LaTeX-to-text for plain text, for CSL rich text (*rich*), and for rich
    text where case protection is markup too (*protect*: titles)."""
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    _quiet()
    db = get_default_latex_context_db()
    specs = [MacroTextSpec(name, simplify_repl=text) for name, text in _EXTRA_COMMANDS.items()]
    specs += [MacroTextSpec(name, discard=True) for name in _FONT_SWITCHES]
    specs += [MacroTextSpec(name, simplify_repl=text) for name, text in _ONE_ARGUMENT_TEXT.items()]
    specs += [MacroTextSpec(name, simplify_repl="") for name in _DISCARDED]
    specs += [MacroTextSpec("href", simplify_repl="%(2)s"), MacroTextSpec("hyphen", "-")]
    # csquotes: \enquote*{..} (inner quotes) and \textquote[cite][punct]{..}.
    specs += [
        MacroTextSpec("enquote", simplify_repl="\u201c%(2)s\u201d"),
        MacroTextSpec("textquote", simplify_repl="\u201c%(3)s\u201d"),
    ]
    if not rich:  # the text of \textit{...} and the like, without the markup
        specs += [MacroTextSpec(cmd, simplify_repl="%s") for cmd in (*_RICH_MARKUP, "textsc")]
    else:
        specs += [MacroTextSpec(cmd, f"<{tag}>%s</{tag}>") for cmd, tag in _RICH_MARKUP.items()]
        specs += [MacroTextSpec("textsc", simplify_repl=f"{SMALL_CAPS}%s</span>")]
        specs += [MacroTextSpec("NoCaseChange", simplify_repl=f"{NOCASE_OPEN}%s</span>")]
    db.add_context_category("sarcref", macros=specs, prepend=True)
    return LatexNodes2Text(latex_context=db, math_mode="text")


@lru_cache(maxsize=1)
def _walker_context() -> Any:
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import std_macro

    db = get_default_latex_context_db()
    macros = [std_macro(name, False, count) for name, count in _ARGUMENT_COUNTS.items()]
    macros.append(std_macro("hyphen", False, 0))
    macros += [std_macro("enquote", "*{"), std_macro("textquote", "[[{")]
    db.add_context_category("sarcref", macros=macros, prepend=True)
    return db


# Every command the decoder turns into text (the fast path's, and those above); others
# are "unknown" unless pylatexenc knows them.
_KNOWN = frozenset(
    (
        *_LETTERS,
        *_SYMBOLS,
        *_EXTRA_COMMANDS,
        *_FONT_SWITCHES,
        *_ARGUMENT_COUNTS,
        *(w for w in _ACCENT_MARKS if w.isalpha()),
        *_OTHER_KNOWN,
    )
)
_COMMAND_NAME = re.compile(r"\\([A-Za-z]+)")


def unknown_macros(value: str) -> list[str]:
    """The commands in *value* that decoding keeps as written (``\\foo{...}``), in order."""
    names = [n for n in dict.fromkeys(_COMMAND_NAME.findall(value)) if n not in _KNOWN]
    if not names:
        return []
    known = _converter(False).latex_context
    return [n for n in names if known.get_macro_spec(n) is None]


_CONTROL = re.compile(r"\\([A-Za-z]+|.)", re.DOTALL)
_PLACEHOLDER_BASE = 0xF0000  # Supplementary Private Use Area-A: never in real data


def _protect_unknown(value: str, rich: bool, protect: bool) -> tuple[str, list[str]]:
    """Replace unknown commands (with their brace arguments) by placeholders.

    pylatexenc turns a command it does not know into nothing; sarcref keeps its name, and
    its arguments decoded (``\\foo{b{\\"a}r}`` is ``\\foo{bär}``), so the words are found.
    """
    known = _converter(rich, protect).latex_context
    kept: list[str] = []
    out: list[str] = []
    pos = 0
    for match in _CONTROL.finditer(value):
        if match.start() < pos:
            continue
        name = match.group(1)
        if not name.isalpha() or known.get_macro_spec(name) is not None:
            continue
        end = match.end()
        shown = [match.group()]
        while end < len(value) and value[end] == "{":
            close = scan.matching_brace(value, end)
            if close is None:
                break
            inner = value[end + 1 : close]
            shown.append("{" + (_decode(inner, rich=rich) if inner else "") + "}")
            end = close + 1
        out.append(value[pos : match.start()])
        out.append(chr(_PLACEHOLDER_BASE + len(kept)))
        kept.append("".join(shown))
        pos = end
    out.append(value[pos:])
    return "".join(out), kept


def _slow_decode(value: str, *, rich: bool, protect: bool = False) -> str:
    # In a BibTeX value a bare % or & is text, not a comment or a table column.
    escaped = _math_scripts(_font_scopes(_escape_bare(value)))
    protected, kept = _protect_unknown(escaped, rich, protect)
    try:
        text = _pylatexenc_text(protected, rich, protect)
    except LatexError:  # pylatexenc gave up: keep the value as written rather than lose it
        return value
    for index, original in enumerate(kept):
        text = text.replace(chr(_PLACEHOLDER_BASE + index), original)
    return text


def _pylatexenc_text(latex: str, rich: bool, protect: bool) -> str:
    from pylatexenc.latexwalker import LatexWalker

    try:
        walker = LatexWalker(latex, latex_context=_walker_context(), tolerant_parsing=True)
        text: str = _converter(rich, protect).nodelist_to_text(walker.get_latex_nodes()[0])
    except Exception as error:  # whatever pylatexenc raises stays in this module
        raise LatexError(f"cannot read the LaTeX in {latex!r}: {error}") from None
    return text


_SCOPE_START = re.compile(
    r"\{\\(" + "|".join(sorted(_SCOPES, key=len, reverse=True)) + r")(?![A-Za-z])\s*"
)


def _font_scopes(value: str) -> str:
    """``{\\it word}`` as ``\\textit{word}``: a switch opening a group is that group's style."""
    if "{\\" not in value:
        return value
    out = []
    pos = 0
    for match in _SCOPE_START.finditer(value):
        if match.start() < pos:
            continue
        close = scan.matching_brace(value, match.start())
        if close is None:
            continue
        out.append(value[pos : match.start()])
        out.append(f"\\{_SCOPES[match.group(1)]}{{{_font_scopes(value[match.end() : close])}}}")
        pos = close + 1
    out.append(value[pos:])
    return "".join(out)


# $^{2}$ and $_{2}$: math that only raises or lowers text.
_MATH_SCRIPT = re.compile(r"\$([_^])(?:\{([^${}\\]*)\}|([A-Za-z0-9]))\$")


def _math_scripts(value: str) -> str:
    if "$" not in value:
        return value
    return _MATH_SCRIPT.sub(
        lambda m: (
            ("\\textsuperscript{" if m.group(1) == "^" else "\\textsubscript{")
            + (m.group(2) if m.group(2) is not None else m.group(3))
            + "}"
        ),
        value,
    )


def _escape_bare(value: str) -> str:
    out = []
    backslashes = 0
    for char in value:
        if char in "%&" and backslashes % 2 == 0:
            out.append("\\")
        out.append(char)
        backslashes = backslashes + 1 if char == "\\" else 0
    return "".join(out)


def _quiet() -> None:
    # pylatexenc logs a warning for every character or macro it does not know; sarcref
    # keeps those as they are, so the warnings say nothing to its users.
    import logging

    logging.getLogger("pylatexenc").setLevel(logging.ERROR)


# -- decoding: structure of rich fields -------------------------------------------------


_CONTROL_WORD = re.compile(r"[A-Za-z]+")
# How many brace groups a command takes, where it is not one.
_ARITY = {
    **dict.fromkeys((*_LETTERS, *_SYMBOLS, *_EXTRA_COMMANDS, *_FONT_SWITCHES, "hyphen"), 0),
    "href": 2,
    "textcolor": 2,
    "frac": 2,
    "foreignlanguage": 2,
}
_ACCENT_SYMBOLS = frozenset("'\"`^~=.")


def _rich_segments(value: str) -> list[tuple[bool, str]]:
    """Split a title into (is_nocase, latex) parts.

    A brace group at the top level protects case unless it is a command's argument
    (``\\emph{x}``), starts with a command (``{\\"o}``, ``{\\TeX}``: special characters) or
    is empty (``-{}-`` only breaks a ligature).
    """
    parts: list[tuple[bool, str]] = []
    text_start = 0
    i = 0
    in_math = False
    arguments = 0  # brace groups the last command still takes
    while i < len(value):
        char = value[i]
        if char == "\\":
            word = _CONTROL_WORD.match(value, i + 1)
            if word:
                arguments = _ARITY.get(word.group(), 1)
                i = word.end()
            else:
                arguments = 1 if value[i + 1 : i + 2] in _ACCENT_SYMBOLS else 0
                i += 2
            continue
        if char == "$":
            in_math = not in_math
        if arguments and char in "*[":  # a starred form or an optional argument: \cmd*[x]{y}
            end = value.find("]", i) if char == "[" else i
            i = (end if end != -1 else i) + 1
            continue
        if char != "{" or in_math:
            if not char.isspace():
                arguments = 0
            i += 1
            continue
        close = scan.matching_brace(value, i)
        if close is None:
            break
        content = value[i + 1 : close]
        if arguments or not content or content.startswith("\\"):
            arguments = max(arguments - 1, 0)
            i = close + 1
            continue
        if text_start < i:
            parts.append((False, value[text_start:i]))
        parts.append((True, content))
        text_start = i = close + 1
    if text_start < len(value):
        parts.append((False, value[text_start:]))
    return parts


def decode(value: str, *, rich: bool = False, protect: bool | None = None) -> str:
    """A BibTeX value as Unicode text.

    *rich*: emphasis, bold, superscripts, small caps become CSL rich-text markup;
    *protect* (by default as *rich*): case-protecting braces become nocase spans too, as
    titles need (elsewhere braces only group).
    """
    if not rich:
        return _decode_plain(value)
    if "{" not in value and "\\" not in value and "$" not in value:
        return _decode_plain(value)
    if protect is False:
        if "\\" in value or "$" in value:
            return _decode(value, rich=True)
        return _decode_plain(value)
    out = []
    for nocase, latex in _rich_segments(value):
        if nocase:
            out.append(NOCASE_OPEN + _decode(latex, rich=True) + NOCASE_CLOSE)
        elif "\\" in latex or "$" in latex:
            out.append(_decode(latex, rich=True, protect=True))
        else:
            out.append(_decode_plain(latex))
    return "".join(out)


# -- encoding -------------------------------------------------------------------------

_TEXT_SPECIALS = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
    "$": "\\$",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    NBSP: "~",
}
# Character pairs TeX would join into a ligature; a {} between them keeps them apart.
_LIGATURE_PAIRS = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[!?])(?=`)")
_SPECIAL_CHARS = re.compile(r"[\\{}&%#_$~^\u00a0]")
_MARKUP_TAG = re.compile(
    r'(<span class="nocase">|<span style="font-variant:small-caps;">|</span>|<(/?)(i|b|sup|sub)>)'
)


def _encode_text(text: str, ascii_only: bool) -> str:
    text = _SPECIAL_CHARS.sub(lambda m: _TEXT_SPECIALS[m.group()], text)
    text = _LIGATURE_PAIRS.sub("{}", text)
    if ascii_only and not text.isascii():
        text = _to_ascii(text)
    return text


def encode(text: str, *, rich: bool = False, ascii_only: bool = False, protect: bool = True) -> str:
    """Text as a BibTeX value that ``decode`` (with the same *rich* and *protect*) reads
    back as the same text.

    With *rich*, CSL nocase spans become braces (``\\NoCaseChange{...}`` without *protect*,
    where braces only group) and ``<i>``/``<b>``/``<sup>``/``<sub>`` and small caps become
    LaTeX commands. *ascii_only* writes non-ASCII letters as LaTeX accents.
    """
    if not rich or "<" not in text:
        return _encode_text(text, ascii_only)
    out: list[str] = []
    closers: list[str] = []
    # Where each open nocase span's text starts in out (None for other markup).
    starts: list[int | None] = []
    pos = 0
    for match in _MARKUP_TAG.finditer(text):
        tag = match.group(1)
        closing = tag == "</span>" or bool(match.group(2))
        if closing and not closers:
            continue  # a stray closing tag is text
        out.append(_encode_text(text[pos : match.start()], ascii_only))
        if closing:
            start = starts.pop()
            if start is not None and "".join(out[start:]).startswith("\\"):
                # {\x...} would read as a special character, not as protected text.
                out.insert(start, "{}")
            out.append(closers.pop())
        elif tag == NOCASE_OPEN and not protect:
            out.append("\\NoCaseChange{")
            closers.append("}")
            starts.append(None)
        elif tag == NOCASE_OPEN:
            out.append("{")
            closers.append("}")
            starts.append(len(out))
        elif tag == SMALL_CAPS:
            out.append("\\textsc{")
            closers.append("}")
            starts.append(None)
        else:
            out.append(f"\\{MARKUP[match.group(3)]}{{")
            closers.append("}")
            starts.append(None)
        pos = match.end()
    out.append(_encode_text(text[pos:], ascii_only))
    out.extend(reversed(closers))
    return "".join(out)


_ASCII_LETTERS = {v: "{\\" + k + "}" for k, v in _LETTERS.items() if k not in ("i", "j")}
# Commands rather than ligatures: "-" next to "--" would read as an em dash.
_ASCII_PUNCTUATION = {
    text: f"\\{name}{{}}" for name, text in _SYMBOLS.items() if not text.isascii()
}
_MARK_COMMANDS = {mark: cmd for cmd, mark in _ACCENT_MARKS.items()}


def ascii_latex(value: str) -> str:
    """A LaTeX value with its non-ASCII characters written as LaTeX (a field export keeps
    as the file had it, for a classic BibTeX that reads ASCII only)."""
    return value if value.isascii() else _to_ascii(value)


def _to_ascii(text: str) -> str:
    return "".join(c if c.isascii() else _ascii_char(c) for c in text)


@lru_cache(maxsize=4096)
def _ascii_char(char: str) -> str:
    """A LaTeX spelling of *char* that decodes back to it; *char* itself if there is none."""
    latex = _ASCII_LETTERS.get(char) or _ASCII_PUNCTUATION.get(char) or _accent_or_encoder(char)
    return latex if latex.isascii() and decode(latex) == char else char


def _accent_or_encoder(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if base.isascii() and base.isalpha() and len(marks) == 1 and marks in _MARK_COMMANDS:
        command = _MARK_COMMANDS[marks]
        # A dotless i or j carries an accent above it; c, d, b and k go below.
        dotless = base in "ij" and command not in "cdbk"
        letter = "\\" + base if dotless else base
        return f"{{\\{command}{{{letter}}}}}"
    return str(_encoder().unicode_to_latex(char))


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    _quiet()
    return UnicodeToLatexEncoder(
        non_ascii_only=True, unknown_char_policy="keep", replacement_latex_protection="braces-all"
    )
