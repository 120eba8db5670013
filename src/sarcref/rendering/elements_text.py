"""``cs:text``, ``cs:number`` and ``cs:label``.

Fixes over citeproc-py: terms at the start of a bibliography entry are capitalised, numeric
variables are split into numbers and ranges (``3-8`` becomes ``3–8``, page-range-format
applies), citation numbers and year suffixes are numeric leaves that collapsing and
punctuation handling recognise, text macros are wrapped the way citeproc-js wraps them
(an outer node with the call's affixes around an inner group), and group success follows
citeproc-js's variable bookkeeping.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import model

from .blob import Blob, Token, wrap
from .context import TERM_INTENDED, VARIABLE_ATTEMPT, VARIABLE_SUCCESS, RenderContext
from .elements_base import Compiler, RenderElement, Renderer, make_token, register
from .leaves import text_leaf
from .numbers import NUMERIC_VARIABLES, parse_number_field, roman, year_suffix_letters

_NUMBER_TEXT_VARIABLES = frozenset(
    (
        "page", "page-first", "chapter-number", "collection-number", "edition", "issue",
        "number", "number-of-pages", "number-of-volumes", "volume", "locator",
    )
)  # fmt: skip
_SHORT_FORMS = {"title": "title-short", "container-title": "container-title-short"}


def variable_value(ctx: RenderContext, variable: str, form: str | None = None) -> str:
    """The string value of a text variable (cite-level variables come from the cite)."""
    if variable == "locator":
        return ctx.cite.locator if ctx.cite is not None else ""
    if variable == "first-reference-note-number":
        cite = ctx.cite
        if cite is not None and cite.first_reference_note_number is not None:
            return str(cite.first_reference_note_number)
        return ""
    fields = ctx.item.fields
    if form == "short":
        short = _SHORT_FORMS.get(variable)
        if short is not None and fields.get(short):
            return fields[short]
    if variable == "type":
        return ctx.item.type
    return fields.get(variable, "")


def has_variable(ctx: RenderContext, variable: str) -> bool:
    if variable in ("citation-number", "year-suffix", "citation-label"):
        return True
    if variable == "locator":
        return bool(ctx.cite is not None and ctx.cite.locator)
    if variable == "first-reference-note-number":
        return bool(ctx.cite is not None and ctx.cite.first_reference_note_number)
    if variable == "type":
        return bool(ctx.item.type)
    return bool(ctx.item.fields.get(variable))


def note_substitute_value(ctx: RenderContext, value: str) -> None:
    """A variable printed by a cs:substitute stands in for the names of the entry."""
    if ctx.substitute_depth and ctx.can_substitute and ctx.can_substitute[-1]:
        ctx.substitute_values.append(value)


def note_variable(ctx: RenderContext, variables: tuple[str, ...], success: bool) -> None:
    """citeproc-js's bookkeeping after a variable-calling element is evaluated."""
    if success:
        ctx.tip[VARIABLE_SUCCESS] = True
        ctx.cite_renders_content = True
        if ctx.can_substitute:
            ctx.can_substitute[-1] = False
    else:
        ctx.tip[VARIABLE_ATTEMPT] = True


def live_variables(ctx: RenderContext, variables: tuple[str, ...]) -> tuple[str, ...]:
    """Variables not yet consumed by a names substitution; records new consumptions."""
    done = ctx.done_vars
    if not done:
        live = variables
    elif len(variables) == 1:  # (the common case, without a generator)
        live = () if variables[0] in done else variables
    else:
        live = tuple(v for v in variables if v not in done)
    if ctx.block_substitute:
        done.update(variables)
    return live


def render_macro_call(
    ctx: RenderContext, element: Any, token: Token, macro: Any, out: list[Blob]
) -> None:
    """A text macro call: an outer node with the call's formatting around the macro group."""
    children: list[Blob] = []
    if token.strip_periods:
        ctx.strip_periods += 1
    macro.render_group(ctx, children)  # (called on an element: see Text.renderer)
    if token.strip_periods:
        ctx.strip_periods -= 1
    if children:
        out.append(wrap(children, token))


def number_field_node(
    ctx: RenderContext,
    variable: str,
    value: str,
    token: Token,
    form: str | None = None,
    gender: str | None = None,
) -> Blob:
    """Render a numeric variable as citeproc-js does: a node with one leaf per number."""
    if ctx.sort_dates_only:
        return Blob([])
    field = parse_number_field(
        value, variable, ctx.locale, ctx.style.page_range_format, _locator_is_page(ctx, variable)
    )
    master = Blob([], Token(token.prefix, token.suffix, "", token.decorations))
    inner = Token("", "", "", (), token.text_case)
    children = master.children()
    for part in field.parts:
        if part.collapsible:
            if part.particle:
                text = part.particle + part.value
            else:
                text = format_number(ctx, part.value, form, gender)
            if token.text_case:
                text = ctx.text_case(token.text_case, text)
            leaf = Blob(text, inner.with_affixes("", part.joiner.replace("\\-", "-")))
            leaf.is_number = True
            leaf.has_markup = False
            value = part.value
            leaf.number_value = int(value) if value.isdigit() and value[0] != "0" else 0
            children.append(leaf)
        else:
            leaf_or_none = text_leaf(
                ctx,
                part.particle + part.value,
                inner.with_affixes("", part.joiner.replace("\\-", "-")),
            )
            if leaf_or_none is not None:
                children.append(leaf_or_none)
        ctx.term_predecessor = True
    return master


_TRIGRAPH = ((4,), (2, 2), (2, 1, 1), (1, 1, 1, 1))  # "Aaaa00:AaAa00:AaAA00:AAAA00"
_NOT_ROMANESQUE = re.compile(
    "[^a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
    "\u05d6-\u05ff\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219"
    "\u021a\u021b\u202a-\u202e]"
)


def citation_label(ctx: RenderContext) -> str:
    """citeproc-js's default citation label: name letters by author count, then the year."""
    item = ctx.item
    label = ""
    variables = ["author"] + sorted(v for v in item.names if v != "author")
    for variable in variables:
        names = item.names.get(variable)
        if not names:
            continue
        config = _TRIGRAPH[min(len(names), len(_TRIGRAPH)) - 1]
        for index, person in enumerate(names[: len(config)]):
            if person.get("family"):
                name = re.sub(r"^([ '\u2019a-z]+\s+)", "", str(person["family"]))
            else:
                name = str(person.get("literal") or "")
            article = re.match(r"^(a\s+|the\s+|an\s+)", name.lower())
            if article:
                name = name[len(article.group(1)) :]
            name = _NOT_ROMANESQUE.sub("", name)
            if not name:
                break
            name = name[: config[index]]
            label += name[:1].upper() + name[1:].lower()
        break
    if not label and item.fields.get("title"):
        skip = set(ctx.locale_skip_words())
        words = [w for w in item.fields["title"].split() if w not in skip]
        text = "".join(words)[:4]
        label = text[:1].upper() + text[1:].lower()
    date = item.dates.get("issued")
    year = str(date.year) if date is not None and date.year else "0000"
    return label + year[-2:]


def _locator_is_page(ctx: RenderContext, variable: str) -> bool:
    if variable != "locator":
        return False
    label = ctx.cite.label if ctx.cite is not None else ""
    return (label or "page") == "page"


def format_number(ctx: RenderContext, value: str, form: str | None, gender: str | None) -> str:
    if not form or form == "numeric":
        return value
    match = re.match(r"^\d+$", value)
    if not match:
        return value
    number = int(value)
    if form == "ordinal":
        return ctx.locale.ordinal(number, gender)
    if form == "long-ordinal":
        return ctx.locale.long_ordinal(number, gender)
    if form == "roman":
        return roman(number)
    return value


@register("text")
class Text(RenderElement, model.Text):  # type: ignore[misc]
    variable: str | None
    macro_name: str | None
    macro: Any
    term_name: str | None
    value: str | None
    form: str
    plural: int
    variables: tuple[str, ...]

    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self)
        self.display = self.get("display")
        self.kids = []
        self.variable = self.get("variable")
        self.variables = (self.variable,) if self.variable else ()
        self.macro_name = self.get("macro")
        self.macro = compiler.macro(self.macro_name) if self.macro_name else None
        self.term_name = self.get("term")
        self.value = self.get("value")
        self.form = self.get("form", "long")
        self.plural = 1 if self.get("plural") == "true" else 0

    def calls_variables(self) -> bool:
        if self.macro is not None:
            return bool(self.macro.calls_variables())
        return bool(self.variable)

    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        if self.macro is not None:
            render_macro_call(ctx, self, self.token, self.macro, out)
            return
        if self.term_name is not None:
            self._render_term(ctx, out)
            return
        if self.value is not None:
            self._render_value(ctx, out)
            return
        if self.variable:
            self._render_variable(ctx, out)

    def renderer(self) -> Renderer:
        if self.macro is not None:
            call_renderer: Renderer = self.macro.call_renderer(self.token)
            return call_renderer
        if self.term_name is not None:
            return self._render_term
        if self.value is not None:
            return self._render_value
        if self.variable:
            return self._render_variable
        return self.render

    def _render_value(self, ctx: RenderContext, out: list[Blob]) -> None:
        assert self.value is not None
        ctx.tip[TERM_INTENDED] = True
        leaf = text_leaf(ctx, self.value, self.token)
        if leaf is not None:
            out.append(leaf)
        if ctx.block_substitute and ctx.can_substitute:
            ctx.can_substitute[-1] = False

    def _render_term(self, ctx: RenderContext, out: list[Blob]) -> None:
        assert self.term_name is not None
        gender = ctx.locale.type_genders.get(ctx.item.type)
        term = ctx.term(self.term_name, self.form, self.plural, gender) or ""
        if term:
            ctx.tip[TERM_INTENDED] = True
        # A term opening a note or an entry is capitalised (not in in-text citations).
        if not ctx.term_predecessor and not (
            ctx.style.class_ == "in-text" and ctx.area == "citation"
        ):
            term = ctx.text_case("capitalize-first", term)
        if ctx.strip_periods or self.token.strip_periods:
            term = term.replace(".", "")
        leaf = text_leaf(ctx, term, self.token)
        if leaf is not None:
            out.append(leaf)
        if ctx.block_substitute and ctx.can_substitute:
            ctx.can_substitute[-1] = False

    def _render_variable(self, ctx: RenderContext, out: list[Blob]) -> None:
        # (Compiled values are read once: attribute reads on lxml elements are slow.)
        variables, token = self.variables, self.token
        if variables[0] not in ("locator", "citation-number", "year-suffix", "citation-label"):
            ctx.text_variable_seen = True
        live = live_variables(ctx, variables)
        if not live:
            note_variable(ctx, variables, False)
            return
        variable = live[0]
        if variable == "citation-number":
            note_variable(ctx, live, True)
            # (citeproc-js's ambiguous cites, which disambiguation compares, have none)
            if ctx.citation_number is not None and not ctx.sort_dates_only and not ctx.disamb.probe:
                number = Blob(str(ctx.citation_number), token)
                number.is_number = True
                number.number_value = ctx.citation_number
                out.append(number)
            return
        if variable == "year-suffix":
            note_variable(ctx, live, True)
            suffix = ctx.disamb.year_suffix
            if suffix is not None and not ctx.sort_dates_only:
                letters = Blob(year_suffix_letters(suffix), token)
                letters.is_number = True
                letters.number_value = suffix + 1
                out.append(letters)
                ctx.year_suffix_rendered = True
            return
        if variable == "citation-label":
            note_variable(ctx, live, True)
            label = ctx.item.fields.get("citation-label") or citation_label(ctx)
            if ctx.disamb.year_suffix is not None:
                label += year_suffix_letters(ctx.disamb.year_suffix)
            label_leaf = text_leaf(ctx, label, token)
            if label_leaf is not None:
                out.append(label_leaf)
            return
        form = self.form
        value = variable_value(ctx, variable, form)
        if value:
            note_substitute_value(ctx, value)
        note_variable(ctx, live, bool(value))
        if not value:
            return
        if variable in _NUMBER_TEXT_VARIABLES:
            out.append(number_field_node(ctx, variable, value, token))
            return
        if variable in ("URL", "DOI"):
            if variable == "URL" and form == "short":
                value = re.sub(r"(.*\.[^/]+)/.*", r"\1", value)
                if re.search(r"//www\.", value):
                    value = re.sub(r"https?://", "", value)
            leaf: Blob | None = text_leaf(ctx, value, token, no_strip_periods=True)
        else:
            value = value.replace("\\", "")
            leaf = text_leaf(ctx, value, token, text_case=_text_case(ctx, token))
        if leaf is not None:
            out.append(leaf)


def _text_case(ctx: RenderContext, token: Token) -> str | None:
    case = token.text_case
    if case == "title" and not ctx.style.is_english(ctx.item):
        return "passthrough"
    return case


@register("number")
class Number(RenderElement, model.Number):  # type: ignore[misc]
    variable: str
    variables: tuple[str, ...]
    form: str

    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self)
        self.display = self.get("display")
        self.kids = []
        self.variable = self.get("variable", "")
        self.variables = (self.variable,) if self.variable else ()
        self.form = self.get("form", "numeric")

    def calls_variables(self) -> bool:
        return True

    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        live = live_variables(ctx, self.variables)
        if not live:
            note_variable(ctx, self.variables, False)
            return
        variable = live[0]
        value = variable_value(ctx, variable)
        if value:
            note_substitute_value(ctx, value)
        note_variable(ctx, live, bool(value))
        if not value:
            return
        gender = ctx.locale.noun_genders.get(variable)
        if variable in NUMERIC_VARIABLES or variable in _NUMBER_TEXT_VARIABLES:
            field = parse_number_field(value, variable, ctx.locale, ctx.style.page_range_format)
            if field.numeric:
                out.append(number_field_node(ctx, variable, value, self.token, self.form, gender))
                return
        leaf = text_leaf(ctx, value, self.token)
        if leaf is not None:
            leaf.has_markup = False  # cs:number prints markup in the field as text
            out.append(leaf)


_EMBEDDED_LABEL = re.compile(
    r" (?:art|bk|ch|subch|col|fig|fol|l|n|no|op|p|pp|para|subpara|pt|r|sec|subsec|sv|sch|tit"
    r"|vrs|vol)\. *"
)


def label_plural(ctx: RenderContext, variable: str, plural_attr: str) -> int:
    if plural_attr == "always":
        return 1
    if plural_attr == "never":
        return 0
    if variable == "locator":
        value = ctx.cite.locator if ctx.cite is not None else ""
        # Only the numbers before an embedded label ("1, fol. 186") belong to this label.
        embedded = _EMBEDDED_LABEL.search(value)
        if embedded is not None and embedded.start() > 0:
            value = value[: embedded.start()].rstrip(" ,;&")
    else:
        value = ctx.item.fields.get(variable, "")
    if not value:
        return 0
    if variable in ("number-of-pages", "number-of-volumes"):
        number = re.match(r"^\s*(\d+)", value)
        return 1 if number and int(number.group(1)) > 1 else 0
    field = parse_number_field(
        value, variable, ctx.locale, ctx.style.page_range_format, _locator_is_page(ctx, variable)
    )
    return field.plural


@register("label")
class Label(RenderElement, model.Label):  # type: ignore[misc]
    variable: str
    form: str
    plural_attr: str

    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self)
        self.display = self.get("display")
        self.kids = []
        self.variable = self.get("variable", "")
        self.form = self.get("form", "long")
        self.plural_attr = self.get("plural", "contextual")

    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        variable = self.variable
        if variable == "locator":
            cite = ctx.cite
            term_name = (cite.label if cite is not None else "") or "page"
            if term_name == "sub verbo":
                term_name = "sub-verbo"  # the locale term's name
        else:
            term_name = variable
        plural = label_plural(ctx, variable, self.plural_attr)
        term = ctx.term(term_name, self.form, plural)
        if not term:
            return
        ctx.tip[TERM_INTENDED] = True
        if ctx.strip_periods or self.token.strip_periods:
            term = term.replace(".", "")
        leaf = text_leaf(ctx, term, self.token)
        if leaf is not None:
            out.append(leaf)
