"""``cs:names``, ``cs:name``, ``cs:name-part``, ``cs:et-al``, ``cs:substitute``.

Fixes over citeproc-py: ``initialize="false"`` keeps full given names, particles are placed
by ``demote-non-dropping-particle``, suffixes such as "Jr." keep their period as mergeable
punctuation, "et al." and "and" follow ``delimiter-precedes-*`` exactly, literal
(institutional) names are not reformatted, and names are built as nested nodes like
citeproc-js's so that punctuation clean-up treats them the same way. Disambiguation can ask
for more names (add-names) and fuller given names (add-givenname) per nameset.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from citeproc import model

from .blob import Blob, Token, wrap
from .context import VARIABLE_ATTEMPT, VARIABLE_SUCCESS, NamesetRecord, RenderContext
from .elements_base import NS, Compiler, RenderElement, make_token, register
from .elements_text import Label, Text, live_variables
from .leaves import plain_leaf, text_leaf
from .name_forms import initialize_with, name_script_order
from .text_util import STARTS_ROMANESQUE

NAME_OPTIONS = (
    "and",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-use-last",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "initialize",
    "initialize-with",
    "name-as-sort-order",
    "sort-separator",
)
_INHERITED_AS = {"delimiter": "name-delimiter", "form": "name-form"}
_DEFAULTS = {
    "delimiter": ", ",
    "form": "long",
    "delimiter-precedes-et-al": "contextual",
    "delimiter-precedes-last": "contextual",
    "sort-separator": ", ",
    "initialize": "true",
}


class NameOptions:
    """A cs:name's options resolved for one area (citation or bibliography)."""

    def __init__(self, values: dict[str, str | None]) -> None:
        def get(key: str) -> str | None:
            return values.get(key)

        self.and_ = get("and")
        self.delimiter = get("delimiter") or ""
        self.form = get("form") or "long"
        self.precedes_et_al = get("delimiter-precedes-et-al") or "contextual"
        self.precedes_last = get("delimiter-precedes-last") or "contextual"
        self.et_al_min = _int(get("et-al-min"))
        self.et_al_use_first = _int(get("et-al-use-first"))
        # An explicit et-al-use-first="0" (unlike an unset one) shows no names.
        self.et_al_use_none = get("et-al-use-first") is not None and self.et_al_use_first == 0
        self.et_al_use_last = get("et-al-use-last") == "true"
        self.et_al_subsequent_min = _int(get("et-al-subsequent-min"))
        self.et_al_subsequent_use_first = _int(get("et-al-subsequent-use-first"))
        self.initialize = get("initialize") != "false"
        self.initialize_with = get("initialize-with")
        self.name_as_sort_order = get("name-as-sort-order")
        self.sort_separator = get("sort-separator")
        if self.sort_separator is None:
            self.sort_separator = ", "
        # Copied here from the cs:name and the style (see with_name_and_style): reads on
        # this plain object are much cheaper than on lxml elements, per name rendered.
        self.family_token: Token | None = None
        self.given_token: Token | None = None
        self.family_decor: Token | None = None
        self.given_decor: Token | None = None
        self.givenname_rule = "by-cite"
        self.initialize_with_hyphen = True
        self.demote_non_dropping_particle = "display-and-sort"
        self.sort_separator_char = "|"

    def with_name_and_style(self, name: Any, style: Any) -> NameOptions:
        self.family_token, self.given_token = name.family_token, name.given_token
        self.family_decor, self.given_decor = name.family_decor, name.given_decor
        self.givenname_rule = style.givenname_rule
        self.initialize_with_hyphen = style.initialize_with_hyphen
        self.demote_non_dropping_particle = style.demote_non_dropping_particle
        self.sort_separator_char = style.sort_separator_char
        return self


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


@register("name-part")
class NamePart(RenderElement, model.Name_Part):  # type: ignore[misc]
    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self)
        self.display = None
        self.kids = []


@register("et-al")
class EtAl(RenderElement, model.Et_Al):  # type: ignore[misc]
    term_name: str

    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self, affixes=False)
        self.display = None
        self.kids = []
        self.term_name = self.get("term", "et-al")


@register("name")
class Name(RenderElement, model.Name):  # type: ignore[misc]
    family_token: Token | None
    given_token: Token | None
    family_decor: Token | None
    given_decor: Token | None
    _options: dict[str, NameOptions]
    _own: dict[str, str]
    _root: Any

    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self)
        self.display = None
        self.kids = []
        self.family_token = None
        self.given_token = None
        for part in self.iterchildren():
            if isinstance(part, NamePart):
                compiler.compile(part)
                if part.get("name") == "family":
                    self.family_token = part.token
                elif part.get("name") == "given":
                    self.given_token = part.token
        self.family_decor = self.family_token.plain() if self.family_token else None
        self.given_decor = self.given_token.plain() if self.given_token else None
        self._own = dict(self.attrib)
        self._options = {}
        self._root = compiler.root

    def options(self, area: str) -> NameOptions:
        cached = self._options.get(area)
        if cached is None:
            cached = NameOptions(resolve_name_options(self._own, self._root, area))
            cached = cached.with_name_and_style(self, self._root)
            self._options[area] = cached
        return cached


def resolve_name_options(own: dict[str, str], root: Any, area: str) -> dict[str, str | None]:
    """citeproc-js's inheritOpt: the element, then the citation/bibliography, then the style."""
    area_element = root.area_element(area)
    values: dict[str, str | None] = {}
    for key in (*NAME_OPTIONS, "delimiter", "form"):
        inherited = _INHERITED_AS.get(key, key)
        value = own.get(key)
        if value is None and area_element is not None:
            value = area_element.get(inherited)
        if value is None:
            value = root.get(inherited)
        if value is None:
            value = _DEFAULTS.get(key)
        values[key] = value
    return values


class DefaultName:
    """The cs:name a cs:names without one uses (all options inherited)."""

    family_token: Token | None = None
    given_token: Token | None = None
    family_decor: Token | None = None
    given_decor: Token | None = None
    token = Token()

    def __init__(self, root: Any) -> None:
        self._root = root
        self._options: dict[str, NameOptions] = {}

    def options(self, area: str) -> NameOptions:
        cached = self._options.get(area)
        if cached is None:
            cached = NameOptions(resolve_name_options({}, self._root, area))
            cached = cached.with_name_and_style(self, self._root)
            self._options[area] = cached
        return cached


@register("substitute")
class Substitute(RenderElement, model.Substitute):  # type: ignore[misc]
    pass


@register("names")
class Names(RenderElement, model.Names):  # type: ignore[misc]
    variables: tuple[str, ...]
    name: Any
    et_al: EtAl | None
    label: Label | None
    label_after: bool
    substitute: Substitute | None
    has_own_name: bool
    is_singleton: bool
    sort_text_ok: bool
    _delimiters: dict[str, str]
    _level_tokens: dict[str, Token]
    _parts_at_ends: tuple[PartTokens | None, dict[int, PartTokens]] | None
    _part_variants: dict[tuple[str, int, int], NameOptions]
    outer_token: Token
    institution_token: Token
    institution_options: dict[str, str]

    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self)
        self.display = self.get("display")
        self.kids = []
        self.variables = tuple(self.get("variable", "").split())
        self.name = None
        self.et_al = None
        self.label = None
        self.label_after = False
        self.substitute = None
        seen_name = False
        for child in self.iterchildren():
            if isinstance(child, Name):
                compiler.compile(child)
                self.name = child
                seen_name = True
            elif isinstance(child, EtAl):
                compiler.compile(child)
                self.et_al = child
            elif isinstance(child, Label):
                compiler.compile(child)
                self.label = child
                # A label precedes the names only when a cs:name follows it.
                self.label_after = seen_name or not any(
                    isinstance(later, Name) for later in child.itersiblings()
                )
            elif isinstance(child, Substitute):
                compiler.compile(child)
                self.substitute = child
        self.has_own_name = self.name is not None
        self.is_singleton = len(self) == 0
        self._parts_at_ends = None
        self._part_variants: dict[tuple[str, int, int], NameOptions] = {}
        self._delimiters: dict[str, str] = {}
        self._level_tokens: dict[str, Token] = {}
        self.outer_token = Token(
            self.token.prefix, self.token.suffix, "", self.token.decorations, self.token.text_case
        )
        self.institution_token, self.institution_options = _institution_style(self.name)
        # Sort keys may skip the node structure unless quotes decorate name parts.
        self.sort_text_ok = not any(
            part.get("quotes") not in (None, "false")
            for part in self.iter(NS + "name-part", NS + "name")
        )
        if self.name is None:
            self.name = DefaultName(compiler.root)

    def calls_variables(self) -> bool:
        return True

    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        variables = self.variables  # (read once: attribute reads on lxml elements are slow)
        live = live_variables(ctx, variables)
        ctx.tip[VARIABLE_ATTEMPT] = True
        ctx.can_substitute.append(True)
        parent = ctx.names_stack[-1] if ctx.names_stack else None
        source = self
        if parent is not None and ctx.substitute_depth and self.is_singleton:
            # A bare cs:names in cs:substitute is the parent cs:names for another variable.
            source = parent
        ctx.names_stack.append(source)
        values = [(v, ctx.item.names[v]) for v in live if ctx.item.names.get(v)]
        if values:
            if (
                ctx.sort_key
                and source.sort_text_ok
                and source.name.options(ctx.area).form != "count"
            ):
                blob = source._sort_names(ctx, values)
            else:
                blob = source._render_names(ctx, values)
            if blob is not None:
                out.append(blob)
        else:
            substitute = self.substitute
            if substitute is None:
                if ctx.sort_key and self._counts(ctx):
                    out.append(Blob("0"))  # (see below)
                    ctx.tip[VARIABLE_SUCCESS] = True
                self._end_names(ctx)
                return
            # What stands in for the names counts as them for subsequent-author-substitute.
            stands_in = ctx.first_names_blob is None and (
                (ctx.area == "bibliography" and not ctx.term_predecessor and not ctx.names_closed)
                or _author_mode(ctx)
            )
            start = len(out)
            values_before = len(ctx.substitute_values)
            ctx.block_substitute = True
            ctx.substitute_depth += 1
            for render in substitute.kid_renders:
                if not ctx.can_substitute[-1]:
                    break
                render(ctx, out)
            ctx.substitute_depth -= 1
            if (
                stands_in
                and not ctx.names_closed
                and ctx.first_names_blob is None
                and len(out) > start
                and len(ctx.substitute_values) > values_before
            ):
                stand_in = out[start:]
                ctx.first_names_blob = Blob(stand_in)  # a handle on them, not in the tree
                ctx.first_names_plain = [",".join(ctx.substitute_values[values_before:])]
            if ctx.sort_key and len(out) == start and self._counts(ctx):
                # citeproc-js's sort keys count no names as "0" (sorted first), not as
                # an empty key (sorted last)
                out.append(Blob("0"))
                ctx.tip[VARIABLE_SUCCESS] = True
        self._end_names(ctx)

    def _counts(self, ctx: RenderContext) -> bool:
        name = self.name
        return name is not None and bool(name.options(ctx.area).form == "count")

    def _end_names(self, ctx: RenderContext) -> None:
        if not self.is_singleton:
            # (a childless cs:names only lends its variables to the cs:names around it)
            ctx.names_closed = True
        ctx.names_stack.pop()
        if not ctx.can_substitute.pop() and ctx.can_substitute:
            ctx.can_substitute[-1] = False
        if not ctx.can_substitute:
            ctx.block_substitute = False

    # -- sort keys: names as plain text -------------------------------------------------
    def _sort_names(
        self, ctx: RenderContext, values: list[tuple[str, list[dict[str, Any]]]]
    ) -> Blob | None:
        """The names of a sort key as one plain string.

        Sort keys are compared as plain text, so there is no need for the node structure
        punctuation clean-up works on: this builds the same text directly. Labels are not
        part of sort keys (as in citeproc-js).
        """
        name = self.name
        options = self._options(ctx, name)
        texts: list[str] = []
        for _variable, names in values:
            pos = ctx.nameset_counter
            ctx.nameset_counter += 1
            shown = self._truncate(ctx, options, names, pos)
            people = [
                text
                for index, person in enumerate(shown)
                if (text := self._sort_person(ctx, name, options, person, pos, index))
            ]
            if people:
                texts.append(options.delimiter.join(people))
                ctx.tip[VARIABLE_SUCCESS] = True
                if ctx.can_substitute:
                    ctx.can_substitute[-1] = False
        if not texts:
            return None
        ctx.term_predecessor = True
        token = self.outer_token
        return Blob(token.prefix + self._names_delimiter(ctx).join(texts) + token.suffix)

    def _sort_person(
        self,
        ctx: RenderContext,
        name: Any,
        options: NameOptions,
        person: dict[str, Any],
        pos: int,
        index: int,
    ) -> str:
        literal = person.get("literal")
        if literal or not person.get("family"):
            text = str(literal or person.get("given") or "")
            return _sort_text(ctx, text, self.institution_token)
        family_decor = options.family_decor
        given_decor = options.given_decor
        level = given_level(ctx, options, person, pos, index)
        given_text = str(person.get("given") or "")
        if level == 1 and (
            options.initialize_with is not None or options.givenname_rule.endswith("-with-initials")
        ):
            given_text = initialize_with(
                given_text,
                options.initialize_with or "",
                not options.initialize,
                options.initialize_with_hyphen,
            )
        given = _sort_text(ctx, given_text, given_decor) if level else ""
        family = _sort_text(ctx, str(person.get("family") or ""), family_decor)
        particle = _sort_text(ctx, str(person.get("non-dropping-particle") or ""), family_decor)
        dropping = ""
        suffix = ""
        if given:
            dropping = _sort_text(ctx, str(person.get("dropping-particle") or ""), given_decor)
            suffix_text = str(person.get("suffix") or "")
            if suffix_text and options.initialize_with is not None:
                suffix_text = initialize_with(suffix_text, options.initialize_with, True)
            suffix = _sort_text(ctx, suffix_text, family_decor)
        order = name_script_order(person, ctx.item.language)
        space = ctx.locale.particle_space
        if order == 0:
            text = particle + family + given
        elif order == 1 or person.get("static-ordering"):
            text = _joined([_joined([particle, family], space), given], " ")
        else:
            separator = options.sort_separator_char
            if options.demote_non_dropping_particle == "never":
                merged = _joined([_joined([particle, family], space), dropping], " ")
                merged = _joined([merged, given], separator)
            else:
                merged = _joined([family, _joined([given, dropping, particle], " ")], separator)
            text = _joined([merged, suffix], " ")
        if text:
            ctx.tip[VARIABLE_SUCCESS] = True
            token = name.token
            text = token.prefix + text + token.suffix
        return text

    # -- rendering one names element with values --------------------------------------
    def _render_names(
        self, ctx: RenderContext, values: list[tuple[str, list[dict[str, Any]]]]
    ) -> Blob | None:
        name, et_al, label, label_after = self.name, self.et_al, self.label, self.label_after
        options = self._options(ctx, name)
        variables = [v for v, _ in values]
        if (
            "editor" in variables
            and "translator" in variables
            and ctx.item.names["editor"] == ctx.item.names["translator"]
            and ctx.term("editortranslator")  # (an empty term turns merging off)
        ):
            values = [(v, n) for v, n in values if v != "translator"]
            common_label = "editortranslator"
        else:
            common_label = None
        if options.form == "count":
            total = 0
            for _variable, names in values:
                pos = ctx.nameset_counter
                ctx.nameset_counter += 1
                total += len(self._truncate(ctx, options, names, pos))
            ctx.tip[VARIABLE_SUCCESS] = True
            if not total:
                return None
            leaf = text_leaf(ctx, str(total), Token(), not_serious=True)
            return Blob([leaf] if leaf is not None else [], self.token)
        varblobs: list[Blob] = []
        substitutable = (
            not ctx.term_predecessor and ctx.first_names_blob is None and not ctx.names_closed
        )
        all_plain: list[str] = []
        first_label: Blob | None = None
        for variable, names in values:
            pos = ctx.nameset_counter
            ctx.nameset_counter += 1
            shown = self._truncate(ctx, options, names, pos)
            rendered: list[Blob] = []
            plain: list[str] = []
            for index, person in enumerate(shown):
                person_blob = self._render_one(ctx, name, options, person, pos, index)
                if person_blob is not None:
                    rendered.append(person_blob)
                    plain.append(_raw_name(person))
            ctx.namesets.append(
                NamesetRecord(tuple(self.variables), [len(names)], len(shown), plain)
            )
            all_plain.extend(plain)
            truncated = len(shown) < len(names)
            joined = self._join_persons(ctx, name, options, rendered, truncated, et_al)
            if joined is None:
                continue
            varblob = wrap([joined], None)
            if label is not None:
                term_variable = common_label or variable
                label_blob = self._label(ctx, label, term_variable, len(names))
                if label_blob is not None:
                    if first_label is None:
                        first_label = label_blob
                    if label_after:
                        varblob = Blob([varblob, label_blob])
                    else:
                        varblob = Blob([label_blob, varblob])
            varblobs.append(varblob)
            ctx.tip[VARIABLE_SUCCESS] = True
            ctx.cite_renders_content = True
            if ctx.can_substitute:
                ctx.can_substitute[-1] = False
        if not varblobs:
            return None
        names_level = Blob(varblobs, self._level_token(ctx))
        if ctx.first_names_blob is None:
            ctx.first_names_blob = names_level
            if substitutable and ctx.area == "bibliography":
                ctx.first_names_plain = all_plain
                ctx.first_names_label = first_label
        outer = wrap([names_level], self.outer_token)
        if outer.decorations:
            outer.hides_decorations = True
        ctx.term_predecessor = True
        return outer

    def _options(self, ctx: RenderContext, name: Any) -> NameOptions:
        """The cs:name's options, with the name-part formatting citeproc-js gives it.

        citeproc-js hands each cs:names the cs:name-part elements last read, in document
        order, within the outermost cs:names (macros read where they are called): a
        cs:names in a cs:substitute takes the family and given formatting of the cs:names
        around it, and the last cs:name-part inside wins for them all.
        """
        options: NameOptions = name.options(ctx.area)
        outer = ctx.names_stack[0] if ctx.names_stack else self
        parts_at_ends = outer._parts_at_ends
        if parts_at_ends is None:
            parts_at_ends = outer._parts_at_ends = _name_parts_at_ends(outer)
        same, by_id = parts_at_ends
        parts = same if same is not None else by_id.get(id(self))
        if parts is None:
            return options
        family, given = parts
        if family is options.family_token and given is options.given_token:
            return options
        key = (ctx.area, id(family), id(given))
        variant = self._part_variants.get(key)
        if variant is None:
            variant = copy.copy(options)
            variant.family_token, variant.given_token = family, given
            variant.family_decor = family.plain() if family is not None else None
            variant.given_decor = given.plain() if given is not None else None
            self._part_variants[key] = variant
        return variant

    def _level_token(self, ctx: RenderContext) -> Token:
        token = self._level_tokens.get(ctx.area)
        if token is None:
            token = Token(delimiter=self._names_delimiter(ctx))
            self._level_tokens[ctx.area] = token
        return token

    def _names_delimiter(self, ctx: RenderContext) -> str:
        """The delimiter between variables: own, else names-delimiter of area or style."""
        cached = self._delimiters.get(ctx.area)
        if cached is None:
            own = self.get("delimiter")
            if own is not None:
                cached = str(own)
            else:
                area = ctx.style.area_element(ctx.area)
                value = area.get("names-delimiter") if area is not None else None
                if value is None:
                    value = ctx.style.get("names-delimiter")
                cached = str(value or "")
            self._delimiters[ctx.area] = cached
        return cached

    def _truncate(
        self, ctx: RenderContext, options: NameOptions, names: list[dict[str, Any]], pos: int
    ) -> list[dict[str, Any]]:
        count = len(names)
        cite = ctx.cite
        # Cites are compared for disambiguation in their subsequent form (citeproc-js).
        subsequent = ctx.area == "citation" and (
            ctx.disamb.probe or (cite is not None and (cite.position or 0) > 0)
        )
        et_al_min = options.et_al_min
        use_first = options.et_al_use_first
        use_last = options.et_al_use_last
        if subsequent:
            if options.et_al_subsequent_min:
                et_al_min = options.et_al_subsequent_min
            if options.et_al_subsequent_use_first:
                use_first = options.et_al_subsequent_use_first
        if ctx.sort_key:
            if ctx.sort_names_min is not None:
                et_al_min = ctx.sort_names_min
            if ctx.sort_names_use_first is not None:
                use_first = ctx.sort_names_use_first
            if ctx.sort_names_use_last is not None:
                use_last = ctx.sort_names_use_last
        if options.et_al_use_none and et_al_min and count >= et_al_min and not ctx.sort_key:
            return []
        if not et_al_min or not use_first:
            return names  # citeproc-js truncates only when both are set
        length = count
        requested = ctx.disamb.names.get(pos)
        if requested is not None and ctx.disamb.probe:
            # citeproc-js's ambiguous cites show exactly the requested number of names.
            length = min(requested, count)
        elif requested is not None and requested > use_first:
            length = count if count < et_al_min else requested
        elif count >= et_al_min:
            length = use_first
        if use_last and length > et_al_min - 2:
            length = et_al_min - 2
        if length > count:
            length = count
        if et_al_min >= use_first and count > length:
            if use_last:
                return names[:length] + names[-1:]
            return names[:length]
        return names

    def _label(self, ctx: RenderContext, label: Label, variable: str, count: int) -> Blob | None:
        if label.plural_attr == "always":
            plural = 1
        elif label.plural_attr == "never":
            plural = 0
        else:
            plural = 1 if count > 1 else 0
        term = ctx.term(variable, label.form, plural)
        if not term:
            return None
        if ctx.strip_periods or label.token.strip_periods:
            term = term.replace(".", "")
        return text_leaf(ctx, term, label.token, not_serious=True)

    def _render_one(
        self,
        ctx: RenderContext,
        name: Any,
        options: NameOptions,
        person: dict[str, Any],
        pos: int,
        index: int,
    ) -> Blob | None:
        literal = person.get("literal")
        if literal or not person.get("family"):
            text = str(literal or person.get("given") or "")
            if not text:
                return None
            token = self.institution_token
            if ctx.strip_periods or token.strip_periods:
                text = text.replace(".", "")
            leaf = text_leaf(ctx, text, token, not_serious=True)
            ctx.tip[VARIABLE_SUCCESS] = True
            if leaf is not None:
                leaf = Blob([leaf])
                leaf.is_institution = True
                leaf.is_name = True
            return leaf
        blob = render_personal_name(ctx, name, options, person, pos, index)
        if blob is None:
            return None
        person_node = wrap([blob], name.token)
        if person_node.decorations:
            person_node.hides_decorations = True
        person_node.is_name = True
        return person_node

    def _join_persons(
        self,
        ctx: RenderContext,
        name: Any,
        options: NameOptions,
        blobs: list[Blob],
        truncated: bool,
        et_al: EtAl | None,
    ) -> Blob | None:
        blobs = [b for b in blobs if b.blobs]
        if not blobs:
            return None
        delimiter = options.delimiter
        if truncated and not ctx.sort_key:
            if options.et_al_use_last:
                return self._join_ellipsis(options, blobs, delimiter)
            joined = _join(blobs, delimiter)
            term_name = et_al.term_name if et_al is not None else "et-al"
            term = ctx.term(term_name) or ""
            style = et_al.token if et_al is not None else Token()
            prefix_single, prefix_multiple = " ", delimiter
            if options.precedes_et_al == "always":
                prefix_single = delimiter
            elif options.precedes_et_al == "never":
                prefix_multiple = " "
            elif options.precedes_et_al == "after-inverted-name":
                prefix_single = delimiter
                prefix_multiple = " "
            if not STARTS_ROMANESQUE.match(term):
                prefix_single = "" if prefix_single == " " else prefix_single
                prefix_multiple = "" if prefix_multiple == " " else prefix_multiple
            level = Blob([], name.token.with_delimiter(""))
            level.children().append(joined)
            if term:
                et_al_blob = text_leaf(ctx, term, style, not_serious=True)
                if et_al_blob is not None:
                    et_al_blob.prefix = prefix_single if len(blobs) == 1 else prefix_multiple
                    et_al_blob.suffix = ""
                    level.children().append(et_al_blob)
            return level
        if ctx.sort_key:
            return _join(blobs, delimiter)
        final = self._and_blob(ctx, options, blobs, delimiter)
        return _join(blobs, delimiter, final)

    def _and_blob(
        self, ctx: RenderContext, options: NameOptions, blobs: list[Blob], delimiter: str
    ) -> Blob | None:
        if len(blobs) < 2:
            return None
        multiple = len(blobs) > 2
        if blobs[-1].is_institution:
            return self._institution_and(ctx, options, multiple)
        if options.and_:
            if options.and_ == "text":
                term = ctx.term("and") or ""
            else:
                term = "&"
            if STARTS_ROMANESQUE.match(term):
                prefix_single, prefix_multiple, suffix = " ", delimiter, " "
            else:
                prefix_single, prefix_multiple, suffix = "", "", ""
            if options.precedes_last == "always":
                prefix_single = delimiter
            elif options.precedes_last == "never":
                if prefix_multiple:
                    prefix_multiple = " "
            elif options.precedes_last == "after-inverted-name":
                if prefix_single:
                    prefix_single = delimiter
                if prefix_multiple:
                    prefix_multiple = " "
            blob = text_leaf(ctx, term, Token(), not_serious=True)
            if blob is None:
                return None
            blob.prefix = prefix_multiple if multiple else prefix_single
            blob.suffix = suffix
        elif delimiter:
            blob = plain_leaf(delimiter)
        else:
            return None
        if options.precedes_last == "after-inverted-name":
            previous = blobs[-2]
            if _is_inverted(previous):
                blob.prefix = delimiter
        return blob

    def _institution_and(
        self, ctx: RenderContext, options: NameOptions, multiple: bool
    ) -> Blob | None:
        """The "and" before a final institution: the name's term, the style's placement."""
        own = self.institution_options
        root = ctx.style
        area = root.area_element(ctx.area)

        def inherited(key: str) -> str | None:
            value = own.get(key)
            if value is None and area is not None:
                value = area.get(key)
            if value is None:
                value = root.get(key)
            return value

        # citeproc-js's cs:institution takes the delimiter set on the cs:name itself, not
        # an inherited name-delimiter.
        delimiter = own.get("delimiter")
        if delimiter is None:
            delimiter = ", "
        and_attr = inherited("and")
        if and_attr == "text":
            term: str | None = ctx.term("and") or ""
        elif and_attr == "symbol":
            term = "&"
        elif and_attr == "none":
            term = delimiter
        elif options.and_ == "text":
            term = ctx.term("and") or ""
        elif options.and_:
            term = "&"
        else:
            term = None
        if term is None:
            return plain_leaf(delimiter) if delimiter else None
        if STARTS_ROMANESQUE.match(term):
            prefix_single, prefix_multiple, suffix = " ", delimiter, " "
        else:
            prefix_single, prefix_multiple, suffix = "", "", ""
        precedes = inherited("delimiter-precedes-last") or "contextual"
        if precedes == "always":
            prefix_single = delimiter
        elif precedes == "never" and prefix_multiple:
            prefix_multiple = " "
        blob = text_leaf(ctx, term, Token(), not_serious=True)
        if blob is None:
            return None
        blob.prefix = prefix_multiple if multiple else prefix_single
        blob.suffix = suffix
        return blob

    def _join_ellipsis(self, options: NameOptions, blobs: list[Blob], delimiter: str) -> Blob:
        final = None
        if len(blobs) > 1:
            final = plain_leaf("\u2026")
            final.prefix = delimiter if len(blobs) > 2 else " "
            final.suffix = " "
        return _join(blobs, delimiter, final)


_INSTITUTION_KEYS = ("font-style", "font-variant", "font-weight", "text-decoration", "text-case")


def _institution_style(name: Any) -> tuple[Token, dict[str, str]]:
    """citeproc-js inserts a cs:institution taking the name's and family's formatting."""
    if name is None:
        return Token(), {}
    attributes: dict[str, str] = {k: v for k, v in name.attrib.items() if k in _INSTITUTION_KEYS}
    for part in name.iterchildren():
        if isinstance(part, NamePart) and part.get("name") == "family":
            attributes.update({k: v for k, v in part.attrib.items() if k in _INSTITUTION_KEYS})
    options = {k: v for k, v in name.attrib.items() if k in ("delimiter", "and")}
    return make_token(attributes, affixes=False), options


def _joined(parts: list[str], separator: str) -> str:
    return separator.join(part for part in parts if part)


def _sort_text(ctx: RenderContext, text: str, decor: Token | None) -> str:
    """A name part's text in a sort key, as its leaf would print in plain text."""
    if not text:
        return ""
    if ctx.strip_periods or (decor is not None and decor.strip_periods):
        text = text.replace(".", "")
    leaf = text_leaf(ctx, text, decor or _NO_FORMAT, not_serious=True)
    if leaf is None:
        return ""
    return leaf.prefix + str(leaf.blobs) + leaf.suffix


def _is_inverted(blob: Blob) -> bool:
    if blob.inverted_name:  # the name node itself (its transparent wrapper was skipped)
        return True
    children = blob.blobs
    return bool(isinstance(children, list) and children and children[0].inverted_name)


def _leaf_texts(blob: Blob) -> str:
    children = blob.blobs
    if isinstance(children, str):
        return children
    return "".join(_leaf_texts(child) for child in children)


def _raw_name(person: dict[str, Any]) -> str:
    if person.get("literal"):
        return str(person["literal"])
    parts = [str(person.get(k) or "") for k in ("given", "family")]
    return " ".join(p for p in parts if p)


def _join(blobs: list[Blob], delimiter: str, final: Blob | None = None) -> Blob:
    """citeproc-js's name joiner: delimiters go onto suffixes, "and" is its own node."""
    blobs = [b for b in blobs if b is not None and b.blobs]
    if delimiter == " " and blobs and blobs[0].suffix[-1:] == "\u00a0":
        delimiter = ""  # a part ending in a no-break space (name-part suffix) needs no space
    if len(blobs) == 2:
        if final is None:
            blobs[0].suffix += delimiter
        else:
            blobs = [blobs[0], final, blobs[1]]
    elif len(blobs) > 2:
        offset = 1 if final is not None else 0
        last = blobs.pop()
        for i in range(len(blobs) - offset):
            blobs[i].suffix += delimiter
        if final is not None:
            blobs.append(final)
        blobs.append(last)
    return Blob(blobs)


_NO_FORMAT = Token()


def _part(ctx: RenderContext, text: str, decor: Token | None) -> Blob | None:
    """A name part with its name-part formatting (affixes are applied around parts)."""
    if not text:
        return None
    if ctx.strip_periods or (decor is not None and decor.strip_periods):
        text = text.replace(".", "")
    return text_leaf(ctx, text, decor or _NO_FORMAT, not_serious=True)


def _join_parts(parts: list[Blob | None], delimiter: str) -> Blob | None:
    present = [p for p in parts if p is not None and p.blobs]
    if not present:
        return None
    return _join(present, delimiter)


def given_level(
    ctx: RenderContext, options: NameOptions, person: dict[str, Any], pos: int, index: int
) -> int:
    if person.get("full-form-always"):
        return 2
    if options.form != "long":
        default = 0
    elif options.initialize_with is not None:
        default = 1
    else:
        default = 2
    requested = ctx.disamb.givens.get(pos, {}).get(index)
    registry = ctx.namereg
    if registry is None:
        return max(default, requested or 0)
    # citeproc-js: the registry of all names decides which given names are needed.
    item_id = ctx.item.id
    form, initials = options.form, options.initialize_with
    baseline = registry.level(item_id, person, index, 0, form, initials)
    level = baseline if requested is None else requested
    if level == 1 and registry.rule == "by-cite" and (initials is None or not person.get("given")):
        level = 2
    if person.get("given"):
        level = registry.level(item_id, person, index, level, form, initials)
    cite = ctx.cite
    if ctx.area == "citation" and not ctx.disamb.probe and cite is not None and cite.position == 0:
        level = max(level, baseline)
    return max(default, level)


def render_personal_name(
    ctx: RenderContext,
    name: Any,
    options: NameOptions,
    person: dict[str, Any],
    pos: int,
    index: int,
) -> Blob | None:
    family_token = options.family_token
    given_token = options.given_token
    family_decor = options.family_decor
    given_decor = options.given_decor
    level = given_level(ctx, options, person, pos, index)
    given_text = str(person.get("given") or "")
    rule = options.givenname_rule
    has_initialize_with = options.initialize_with is not None
    if rule.endswith("-with-initials"):
        has_initialize_with = True
    if level == 1 and person.get("family"):
        if has_initialize_with:
            given_text = initialize_with(
                given_text,
                options.initialize_with or "",
                not options.initialize,
                options.initialize_with_hyphen,
            )
    show_given = level != 0
    dropping = _part(ctx, str(person.get("dropping-particle") or ""), given_decor)
    family = _part(ctx, str(person.get("family") or ""), family_decor)
    non_dropping = _part(ctx, str(person.get("non-dropping-particle") or ""), family_decor)
    given = _part(ctx, given_text, given_decor) if show_given else None
    suffix_text = str(person.get("suffix") or "")
    if suffix_text and options.initialize_with is not None:
        suffix_text = initialize_with(suffix_text, options.initialize_with, True)
    suffix: Blob | None = None
    if suffix_text:
        if ctx.strip_periods or (family_token is not None and family_token.strip_periods):
            suffix_text = suffix_text.replace(".", "")
        trailing = ""
        if suffix_text.endswith("."):
            suffix_text, trailing = suffix_text[:-1], "."
        suffix = text_leaf(ctx, suffix_text, Token(), not_serious=True)
        if suffix is not None:
            suffix.suffix = trailing + suffix.suffix
    if given is None:
        dropping = None
        suffix = None
    sort_separator = options.sort_separator or ""
    suffix_separator = ", " if person.get("comma-suffix") else " "
    order = name_script_order(person, ctx.item.language)
    hyphenated = _ends_with_joiner(non_dropping)
    space = ctx.locale.particle_space
    demote = options.demote_non_dropping_particle
    inverted = False
    if order == 0:
        blob = _join_parts([non_dropping, family, given], "")
    elif order == 1 or person.get("static-ordering"):
        merged = _join_parts([non_dropping, family], space)
        blob = _join_parts([merged, given], " ")
    elif ctx.sort_key:
        sep = options.sort_separator_char
        if demote == "never":
            merged = _join_parts([non_dropping, family], space)
            merged = _join_parts([merged, dropping], " ")
            merged = _join_parts([merged, given], sep)
        else:
            second = _join_parts([given, dropping, non_dropping], " ")
            merged = _join_parts([family, second], sep)
        blob = _join_parts([merged, suffix], " ")
    elif options.name_as_sort_order == "all" or (
        options.name_as_sort_order == "first" and index == 0
    ):
        if given_text in ("Lord", "Lady"):
            sort_separator = ", "
        comma_dp = str(person.get("comma-dropping-particle") or "")
        if demote in ("always", "display-and-sort"):
            second = _join_parts([given, dropping], comma_dp + " ")
            second = _join_parts([second, non_dropping], " ")
            if second is not None and given_token is not None:
                second.prefix, second.suffix = given_token.prefix, given_token.suffix
            if family is not None and family_token is not None:
                family.prefix, family.suffix = family_token.prefix, family_token.suffix
            merged = _join_parts([family, second], sort_separator)
        else:
            first = _join_parts([non_dropping, family], "" if hyphenated else space)
            if first is not None and family_token is not None:
                first.prefix, first.suffix = family_token.prefix, family_token.suffix
            second = _join_parts([given, dropping], comma_dp + " ")
            if second is not None and given_token is not None:
                second.prefix, second.suffix = given_token.prefix, given_token.suffix
            merged = _join_parts([first, second], sort_separator)
        blob = _join_parts([merged, suffix], sort_separator)
        inverted = True
    else:
        comma_dp = str(person.get("comma-dropping-particle") or "")
        dp_text = str(person.get("dropping-particle") or "")
        if dp_text and person.get("family") and not person.get("non-dropping-particle"):
            if dp_text[-1:] in ("'", "\u02bc", "\u2019", "-") and dp_text[:-1] != "de":
                family = _join_parts([dropping, family], "")
                dropping = None
        if hyphenated:
            second = _join_parts([non_dropping, family], "")
            second = _join_parts([dropping, second], space)
        else:
            second = _join_parts([dropping, non_dropping, family], space)
        second = _join_parts([second, suffix], suffix_separator)
        if second is not None and family_token is not None:
            second.prefix, second.suffix = family_token.prefix, family_token.suffix
        if given is not None and given_token is not None:
            given.prefix, given.suffix = given_token.prefix, given_token.suffix
        if second is not None and second.prefix:
            comma_dp = ""
        if level != 1 or not _NO_BREAK.search(options.initialize_with or ""):
            space = " "
        blob = _join_parts([given, second], comma_dp + space)
    ctx.tip[VARIABLE_SUCCESS] = True
    if ctx.can_substitute:
        ctx.can_substitute[-1] = False
    ctx.term_predecessor = True
    if blob is not None and inverted:
        blob.inverted_name = True
    return blob


PartTokens = tuple[Token | None, Token | None]  # family, given


def _name_parts_at_ends(outer: Names) -> tuple[PartTokens | None, dict[int, PartTokens]]:
    """For each cs:names in *outer*: the family and given cs:name-part tokens last read
    when its end is reached, reading in document order with macros expanded.

    Returns ``(same, by_id)``: ``same`` when every cs:names inside gets the same tokens
    (no cs:name-part below *outer*'s own cs:name, the usual case, found without walking),
    else ``by_id`` maps each cs:names (by id) to its tokens.
    """
    own = outer.name
    if not _reaches(outer.substitute, NS + "name-part", {}):
        family = getattr(own, "family_token", None)
        given = getattr(own, "given_token", None)
        return (family, given), {}
    found: dict[int, PartTokens] = {}
    current: list[Token | None] = [None, None]
    with_names: dict[int, bool] = {}

    def walk(element: Any) -> None:
        for child in element.iterchildren():
            if isinstance(child, NamePart):
                part = child.get("name")
                if part in ("family", "given"):
                    current[part == "given"] = child.token
            elif isinstance(child, Text):
                if child.macro is not None and _reaches(child.macro, NS + "names", with_names):
                    walk(child.macro)
            else:
                walk(child)
        if isinstance(element, Names):
            found[id(element)] = (current[0], current[1])

    walk(outer)
    return None, found


def _reaches(element: Any, tag: str, known: dict[int, bool]) -> bool:
    """Whether *element* holds a *tag* element, looking into the macros it calls."""
    if element is None:
        return False
    seen = known.get(id(element))
    if seen is None:
        known[id(element)] = False  # (macros never call themselves: compile checks)
        seen = any(True for _ in element.iter(tag)) or any(
            _reaches(node.macro, tag, known)
            for node in element.iter(NS + "text")
            if isinstance(node, Text) and node.macro is not None
        )
        known[id(element)] = seen
    return seen


_NO_BREAK = re.compile("[\u00a0\ufeff]")


def _ends_with_joiner(blob: Blob | None) -> bool:
    if blob is None:
        return False
    children = blob.blobs
    if isinstance(children, str):
        return children[-1:] in ("\u2019", "'", "-", " ")
    return bool(children) and _ends_with_joiner(children[-1])


def _author_mode(ctx: RenderContext) -> bool:
    """A suppress-author or author-only cite: what a substitute prints counts as its names."""
    cite = ctx.cite
    return cite is not None and (cite.suppress_author or cite.author_only)
