"""Inline markup inside field values: ``<i>``, ``<b>``, ``<sc>``, ``<sup>``, ``<sub>``,
``<span class="nocase">``, ``<span class="nodecor">`` and quotation marks.

A leaf's string is split into child blobs carrying decorations, with "flip-flopping": an
italic span inside an italic title turns roman, a quotation inside a quoted title takes the
inner quote marks. Unbalanced tags are kept as literal text and straight apostrophes become
typographic ones, as citeproc-js does. Markup is parsed once the whole tree is built, so the
decorations of every ancestor are known (:func:`apply_inline_markup`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .blob import Blob, Decoration
from .text_util import ROMANESQUE

_ROMANESQUE_APOSTROPHE = re.compile(f"({ROMANESQUE.pattern})\u2019({ROMANESQUE.pattern})")
_SMALL_CAPS_SPAN = re.compile(r'(<span)\s+(style="font-variant:)\s*(small-caps);?"[^>]*(>)')
_CLASS_SPAN = re.compile(r'(<span)\s+(class="no(?:case|decor)")[^>]*(>)')
_APOSTROPHE_FOLLOWER = re.compile(r"^[^,.?:; ]")
_QUOTE_OPENERS = (' "', " '", '("', "('")


@dataclass
class _Tag:
    kind: str  # "tag", "quote", "nocase", "nodecor"
    closer: str
    attr: str | None
    outer: str | None
    flipflop: dict[str, str]


def _base_tags() -> dict[str, _Tag]:
    quote_flip = {"true": "inner", "inner": "true", "false": "true"}
    double = _Tag("quote", '"', "@quotes", "true", quote_flip)
    single = _Tag("quote", "'", "@quotes", "inner", dict(quote_flip))
    return {
        '<span class="nocase">': _Tag("nocase", "</span>", None, None, {}),
        '<span class="nodecor">': _Tag("nodecor", "</span>", "@class", "nodecor", {}),
        '<span style="font-variant:small-caps;">': _Tag(
            "tag", "</span>", "@font-variant", "small-caps",
            {"small-caps": "normal", "normal": "small-caps"},
        ),
        "<sc>": _Tag(
            "tag", "</sc>", "@font-variant", "small-caps",
            {"small-caps": "normal", "normal": "small-caps"},
        ),
        "<i>": _Tag(
            "tag", "</i>", "@font-style", "italic", {"italic": "normal", "normal": "italic"}
        ),
        "<b>": _Tag("tag", "</b>", "@font-weight", "bold", {"bold": "normal", "normal": "bold"}),
        "<sup>": _Tag("tag", "</sup>", "@vertical-align", "sup", {"sub": "sup", "sup": "sup"}),
        "<sub>": _Tag("tag", "</sub>", "@vertical-align", "sub", {"sup": "sub", "sub": "sub"}),
        ' "': double,
        " '": single,
        '("': double,
        "('": single,
    }  # fmt: skip


@dataclass
class _Split:
    tags: list[str]
    strings: list[str]
    forced_spaces: list[bool] = field(default_factory=list)


class InlineMarkup:
    """Parser of inline markup for one engine instance (it keeps citeproc-js's state:
    the first quotation style met decides which straight quote is the outer one)."""

    def __init__(
        self, open_quote: str, close_quote: str, open_inner: str, close_inner: str
    ) -> None:
        self._tags = _base_tags()
        straight = (' "', " '", '"', "'")
        if open_quote and close_quote and open_quote not in straight:
            data = self._tags[' "']
            self._tags[open_quote] = _Tag("quote", close_quote, "@quotes", data.outer,
                                          dict(data.flipflop))  # fmt: skip
        if open_inner and close_inner and open_inner not in straight:
            data = self._tags[" '"]
            self._tags[open_inner] = _Tag("quote", close_inner, "@quotes", data.outer,
                                          dict(data.flipflop))  # fmt: skip
        openers = list(self._tags)
        closers: list[str] = []
        for tag in self._tags.values():
            if tag.closer not in closers:
                closers.append(tag.closer)
        self._openers = frozenset(openers)
        self._closers = frozenset(closers)
        alternation = "|".join(re.escape(t) for t in openers + closers)
        self._match_all = re.compile(f"(?:{alternation})")

    # -- splitting ---------------------------------------------------------------------
    def _split(self, text: str) -> _Split:
        text = _SMALL_CAPS_SPAN.sub(r'\1 \2\3;"\4', text)
        text = _CLASS_SPAN.sub(r"\1 \2\3", text)
        tags = self._match_all.findall(text)
        if not tags:
            return _Split([], [text])
        strings = self._match_all.split(text)
        forced: list[bool] = []
        for i in range(len(tags) - 1):
            if tags[i] in self._tags:
                if strings[i + 1] == "" and tags[i + 1] in ('"', "'"):
                    tags[i + 1] = " " + tags[i + 1]
                    forced.append(True)
                else:
                    forced.append(False)
        return _Split(tags, strings, forced)

    def _set_outer_quote_form(self, quote: str) -> None:
        flip = {" '": ' "', ' "': " '", '("': "('", "('": '("'}
        self._tags[quote].outer = "true"
        self._tags[flip[quote]].outer = "inner"

    # -- parsing -------------------------------------------------------------------------
    def parse(self, blob: Blob, layout_decorations: list[Decoration]) -> None:
        """Turn the string of leaf ``blob`` into child blobs, if it holds markup."""
        source = blob.blobs
        assert isinstance(source, str)
        leading_space = source[:1] == " " and not re.match(r"^\s+['\"]", source)
        text = " " + _ROMANESQUE_APOSTROPHE.sub(r"\1'\2", source)
        split = self._split(text)
        if not split.tags:
            return
        tags, strings, forced = split.tags, split.strings, split.forced_spaces
        nesting: list[tuple[str, str, int]] = []  # (kind, closer, position)

        def forced_at(index: int) -> bool:
            return 0 <= index < len(forced) and forced[index]

        def push_state(tag: str, pos: int) -> dict[str, object] | None:
            if tag in self._openers and tag in self._tags:
                info = self._tags[tag]
                nesting.append((info.kind, info.closer, pos))
                return None
            top = nesting[-1] if nesting else None
            if top is not None and tag == top[1]:
                nesting.pop()
                if top[0] == "nocase":
                    return {"nocase": (top[2], pos)}
                return None
            return {"fixtag": top[2] if top is not None else pos}

        for i in range(len(tags)):
            tag = tags[i]
            following = strings[i + 1]
            apostrophe = _apostrophe_force(tag, following)
            if apostrophe:
                strings[i + 1] = apostrophe + strings[i + 1]
                tags[i] = ""
                continue
            info: dict[str, object] | None
            while True:
                info = push_state(tag, i)
                if info is None:
                    break
                if "fixtag" in info:
                    fixtag = info["fixtag"]
                    assert isinstance(fixtag, int)
                    if tag in self._closers and tag == "'":
                        strings[i + 1] = "\u2019" + strings[i + 1]
                        tags[i] = ""
                    else:
                        failed = tags[fixtag]
                        if forced_at(fixtag - 1):
                            failed = failed[1:]
                        strings[fixtag + 1] = failed + strings[fixtag + 1]
                        tags[fixtag] = ""
                    if nesting and tag != "'":
                        nesting.pop()
                        continue
                    break
                if "nocase" in info:
                    span = info["nocase"]
                    assert isinstance(span, tuple)
                    tags[span[0]] = ""
                    tags[span[1]] = ""
                break
            if info is not None and "fixtag" in info:
                strings[i + 1] = tags[i] + strings[i + 1]
                tags[i] = ""
        while nesting:
            _kind, _closer, pos = nesting.pop()
            tag = tags[pos]
            if tag in (" '", "'"):
                strings[pos + 1] = " \u2019" + strings[pos + 1]
            else:
                strings[pos + 1] = tag + strings[pos + 1]
            tags[pos] = ""
        for i in range(len(tags) - 1, -1, -1):
            if not tags[i]:
                del tags[i]
                strings[i] = strings[i] + strings[i + 1]
                del strings[i + 1]
        # The first quotation mark of each string sets which form is outer (as citeproc-js's
        # flip-flopper does per string; the setting itself carries over to strings without
        # quotation marks, which it does not affect).
        outer_quote_seen = False
        for i, tag in enumerate(tags):
            if tag in _QUOTE_OPENERS:
                if not outer_quote_seen:
                    self._set_outer_quote_form(tag)
                    outer_quote_seen = True
                if not forced_at(i - 1):
                    strings[i] += tag[:1]
        self._build(blob, tags, strings, leading_space, layout_decorations)

    def _build(
        self,
        blob: Blob,
        tags: list[str],
        strings: list[str],
        leading_space: bool,
        layout_decorations: list[Decoration],
    ) -> None:
        blob.blobs = []
        blob.from_markup = True
        stack: list[Blob] = [blob]
        decor_stack: list[Decoration] = []
        first = [True]

        def find_decoration(attr: str) -> Decoration | None:
            for decoration in reversed(decor_stack):
                if decoration[0] == attr:
                    return decoration
            all_decor = [layout_decorations, *stack[-1].alldecor]
            for decor_set in reversed(all_decor):
                for decoration in reversed(decor_set):
                    if decoration[0] == attr:
                        return decoration
            return None

        def add(text: str, decoration: Decoration | None = None) -> None:
            if first[0]:
                if text[:1] == " ":
                    text = text[1:]
                if text[:1] == " ":
                    text = text[1:]
                first[0] = False
            latest = stack[-1]
            if decoration is not None:
                if isinstance(latest.blobs, str):
                    inner = Blob(latest.blobs)
                    inner.alldecor = list(latest.alldecor)
                    latest.blobs = [inner]
                node = Blob()
                node.alldecor = list(latest.alldecor)
                if decoration == ("@class", "nodecor"):
                    new_set: list[Decoration] = []
                    seen: set[str] = set()
                    for decor_set in reversed([layout_decorations, *node.alldecor]):
                        for name, _value in reversed(decor_set):
                            if name in ("@font-weight", "@font-style", "@font-variant"):
                                if name not in seen:
                                    new_set.append((name, "normal"))
                                    seen.add(name)
                    node.decorations = tuple(new_set)
                    node.alldecor = [*node.alldecor, new_set]
                else:
                    node.decorations = (decoration,)
                    node.alldecor = [*node.alldecor, [decoration]]
                assert isinstance(latest.blobs, list)
                latest.blobs.append(node)
                stack.append(node)
                if text:
                    leaf = Blob(text)
                    leaf.alldecor = list(node.alldecor)
                    node.blobs.append(leaf)  # type: ignore[union-attr]
            elif text:
                leaf = Blob(text)
                leaf.alldecor = list(latest.alldecor)
                if isinstance(latest.blobs, str):
                    inner = Blob(latest.blobs)
                    inner.alldecor = list(latest.alldecor)
                    latest.blobs = [inner]
                latest.blobs.append(leaf)

        if strings:
            add((" " if leading_space else "") + strings[0])
        for i, tag in enumerate(tags):
            text = strings[i + 1]
            if tag in self._openers and tag in self._tags:
                info = self._tags[tag]
                assert info.attr is not None or info.kind == "nocase"
                attr = info.attr or "@nocase"
                found = find_decoration(attr)
                if found is None:
                    decoration: Decoration = (attr, info.outer or "")
                else:
                    decoration = (attr, info.flipflop.get(found[1], info.outer or ""))
                decor_stack.append(decoration)
                add(text, decoration)
            else:
                if decor_stack:
                    decor_stack.pop()
                if len(stack) > 1:
                    stack.pop()
                add(text)


def _apostrophe_force(tag: str, following: str) -> str | None:
    if tag == "'":
        if following and _APOSTROPHE_FOLLOWER.match(following):
            return "\u2019"
    elif tag == " '" and following[:1] == " ":
        return " \u2019"
    return None


MARKUP_CHARS = frozenset("<\"'\u201c\u2018\u00ab")


def may_hold_markup(text: str) -> bool:
    """Whether parsing could change ``text`` (tags or quotation marks in it)."""
    return not MARKUP_CHARS.isdisjoint(text)


def apply_inline_markup(
    root: Blob, markup: InlineMarkup, layout_decorations: list[Decoration]
) -> None:
    """Parse markup in every leaf marked for it, top-down, with ancestors' decorations known."""
    _walk(root, [], markup, layout_decorations)


def _walk(
    blob: Blob,
    ancestors: list[Sequence[Decoration]],
    markup: InlineMarkup,
    layout_decorations: list[Decoration],
) -> None:
    blob.alldecor = [blob.decorations, *ancestors]
    children = blob.blobs
    if isinstance(children, str):
        if blob.has_markup:
            markup.parse(blob, layout_decorations)
        return
    for child in list(children):
        _walk(child, blob.alldecor, markup, layout_decorations)
