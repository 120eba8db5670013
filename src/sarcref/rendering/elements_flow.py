"""``cs:group``, ``cs:macro``, ``cs:choose`` and its conditions.

Groups follow citeproc-js's rule: a group renders when a variable inside it rendered, or
when it holds terms and tried no variable; a failed group restores the "term predecessor"
state and passes its attempt up. Macros are groups of their own (a macro of variables that
are all empty renders nothing). Conditions are compiled to a list of tests once; ``type`` is
always an "any" test, positions are false in the bibliography, ``disambiguate`` turns on one
condition at a time as disambiguation asks.
"""

from __future__ import annotations

from collections.abc import Callable

from citeproc import model

from .blob import Blob, Token, wrap
from .context import TERM_INTENDED, VARIABLE_ATTEMPT, VARIABLE_SUCCESS, RenderContext
from .elements_base import NS, Compiler, RenderElement, Renderer, make_token, register
from .elements_text import has_variable
from .items import DATE_VARIABLES, NAME_VARIABLES
from .numbers import NUMERIC_VARIABLES, parse_number_field

Test = Callable[[RenderContext], bool]
_POSITIONS = {"first": 0, "subsequent": 1, "ibid": 2, "ibid-with-locator": 3}


def run_group(
    kid_renders: list[Renderer], token: Token, ctx: RenderContext, out: list[Blob]
) -> bool:
    """The children's output in a node formatted by ``token``, if the group succeeds."""
    flags = [False, False, False]  # see context.GroupFlags
    outer = ctx.tip
    ctx.tip = flags
    old_predecessor = ctx.term_predecessor
    strip = token.strip_periods
    if strip:
        ctx.strip_periods += 1
    children: list[Blob] = []
    for render in kid_renders:
        render(ctx, children)
    if strip:
        ctx.strip_periods -= 1
    ctx.tip = outer
    if flags[VARIABLE_SUCCESS] or (flags[TERM_INTENDED] and not flags[VARIABLE_ATTEMPT]):
        outer[VARIABLE_SUCCESS] = True
        if children:
            # In a sort key from a macro with a date, citeproc-js drops group formatting.
            out.append(wrap(children, None if ctx.sort_dates_only else token))
        return True
    ctx.term_predecessor = old_predecessor
    outer[VARIABLE_ATTEMPT] = flags[VARIABLE_ATTEMPT]
    return False


def run_remembering_failure(
    key_id: int, kid_renders: list[Renderer], token: Token, ctx: RenderContext, out: list[Blob]
) -> None:
    """Render a group or macro, skipping it when it is known to render nothing here.

    Whether a group renders anything depends only on which variables the record has (and
    cite data), not on their values, so failures are remembered per record signature.
    """
    key = (key_id, ctx.condition_signature())
    failures = ctx.macro_failures
    cached = failures.get(key)
    if cached is not None:
        attempt, text_seen = cached
        ctx.tip[VARIABLE_ATTEMPT] = attempt
        if text_seen:
            ctx.text_variable_seen = True
        return
    text_seen_before = ctx.text_variable_seen
    ctx.text_variable_seen = False
    if not run_group(kid_renders, token, ctx, out):
        failures[key] = (ctx.tip[VARIABLE_ATTEMPT], ctx.text_variable_seen)
    ctx.text_variable_seen = ctx.text_variable_seen or text_seen_before


@register("group")
class Group(RenderElement, model.Group):  # type: ignore[misc]
    # (Remembering failures as for macros does not pay off for groups: most succeed.)
    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        run_group(self.kid_renders, self.token, ctx, out)

    def renderer(self) -> Renderer:
        kid_renders, token = self.kid_renders, self.token

        def render_group(ctx: RenderContext, out: list[Blob]) -> None:
            run_group(kid_renders, token, ctx, out)

        return render_group


@register("macro")
class Macro(RenderElement, model.Macro):  # type: ignore[misc]
    has_date: bool
    cacheable: bool
    render_group: Renderer

    def compile(self, compiler: Compiler) -> None:
        super().compile(compiler)
        self.token = make_token(self, affixes=False)
        # citeproc-js flags macros with a cs:date among their own descendants: as sort
        # keys they yield only date keys (and names).
        self.has_date = any(True for _ in self.iter(NS + "date"))
        # Whether a failed evaluation can be remembered (see run_remembering_failure): not
        # when the macro (or one it calls) has a disambiguate condition, whose counter
        # must run.
        self.cacheable = not compiler.uses_disambiguate(self)
        self.render_group = self._group_renderer()

    def _group_renderer(self) -> Renderer:
        """The macro's own group (what a ``cs:text macro`` call wraps in its formatting)."""
        kid_renders, token, has_date, cacheable = (
            self.kid_renders, self.token, self.has_date, self.cacheable
        )  # fmt: skip
        key_id = id(self)

        def render_macro(ctx: RenderContext, out: list[Blob]) -> None:
            if ctx.sort_key and has_date:
                ctx.sort_dates_only += 1
                run_group(kid_renders, token, ctx, out)
                ctx.sort_dates_only -= 1
                return
            if not cacheable or ctx.block_substitute:
                run_group(kid_renders, token, ctx, out)
                return
            run_remembering_failure(key_id, kid_renders, token, ctx, out)

        return render_macro

    def call_renderer(self, call_token: Token) -> Renderer:
        """A ``cs:text macro`` call with ``call_token``'s formatting: the macro's group
        (as :meth:`_group_renderer`, the failure memo inlined) wrapped in the call's node.
        One function for the whole call: macro calls are the commonest element."""
        kid_renders, token, has_date, cacheable = (
            self.kid_renders, self.token, self.has_date, self.cacheable
        )  # fmt: skip
        key_id = id(self)
        strip = call_token.strip_periods

        def render_macro_call(ctx: RenderContext, out: list[Blob]) -> None:
            children: list[Blob] = []
            if strip:
                ctx.strip_periods += 1
            if ctx.sort_key and has_date:
                ctx.sort_dates_only += 1
                run_group(kid_renders, token, ctx, children)
                ctx.sort_dates_only -= 1
            elif not cacheable or ctx.block_substitute:
                run_group(kid_renders, token, ctx, children)
            else:  # run_remembering_failure, inlined
                key = (key_id, ctx.condition_signature())
                failures = ctx.macro_failures
                cached = failures.get(key)
                if cached is not None:
                    ctx.tip[VARIABLE_ATTEMPT] = cached[0]
                    if cached[1]:
                        ctx.text_variable_seen = True
                else:
                    text_seen_before = ctx.text_variable_seen
                    ctx.text_variable_seen = False
                    if not run_group(kid_renders, token, ctx, children):
                        failures[key] = (ctx.tip[VARIABLE_ATTEMPT], ctx.text_variable_seen)
                    ctx.text_variable_seen = ctx.text_variable_seen or text_seen_before
            if strip:
                ctx.strip_periods -= 1
            if children:
                out.append(wrap(children, call_token))

        return render_macro_call

    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        self.render_group(ctx, out)


@register("choose")
class Choose(RenderElement, model.Choose):  # type: ignore[misc]
    branches: list[tuple[Test | None, list[RenderElement]]]
    branch_renders: list[tuple[Test | None, list[Renderer]]]

    def compile(self, compiler: Compiler) -> None:
        super().compile(compiler)
        self.branches = [
            (kid.matches if isinstance(kid, Condition) else None, kid.kids) for kid in self.kids
        ]
        self.branch_renders = [
            (kid.matches if isinstance(kid, Condition) else None, kid.kid_renders)
            for kid in self.kids
        ]

    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        for matches, renders in self.branch_renders:
            if matches is not None and not matches(ctx):
                continue
            for render in renders:
                render(ctx, out)
            return

    def renderer(self) -> Renderer:
        branch_renders = self.branch_renders

        def render_choose(ctx: RenderContext, out: list[Blob]) -> None:
            for matches, renders in branch_renders:
                if matches is not None and not matches(ctx):
                    continue
                for render in renders:
                    render(ctx, out)
                return

        return render_choose

    def taken_branch(self, ctx: RenderContext) -> list[RenderElement]:
        for matches, kids in self.branches:
            if matches is None or matches(ctx):
                return kids
        return []


class Condition(RenderElement):
    tests: list[Test]
    match: str
    matches: Test

    def compile(self, compiler: Compiler) -> None:
        super().compile(compiler)
        self.match = self.get("match", "all")
        self.tests = []
        for attribute, build in (
            ("disambiguate", _disambiguate_tests),
            ("is-numeric", _is_numeric_tests),
            ("is-uncertain-date", _uncertain_date_tests),
            ("locator", _locator_tests),
            ("position", _position_tests),
            ("type", _type_tests),
            ("variable", _variable_tests),
        ):
            value = self.get(attribute)
            if value is not None:
                self.tests.extend(build(value.split()))
        self.matches = _matcher(self.match, self.tests)


def _matcher(match: str, tests: list[Test]) -> Test:
    """One function for a condition, short-circuiting like citeproc-js."""
    if len(tests) == 1:
        test = tests[0]
        if match == "none":
            return lambda ctx: not test(ctx)
        return test
    if match == "any":

        def any_test(ctx: RenderContext) -> bool:
            for test in tests:
                if test(ctx):
                    return True
            return False

        return any_test
    if match == "none":

        def none_test(ctx: RenderContext) -> bool:
            for test in tests:
                if test(ctx):
                    return False
            return True

        return none_test

    def all_test(ctx: RenderContext) -> bool:
        for test in tests:
            if not test(ctx):
                return False
        return True

    return all_test


@register("if")
class If(Condition, model.If):  # type: ignore[misc]
    pass


@register("else-if")
class ElseIf(Condition, model.Else_If):  # type: ignore[misc]
    pass


@register("else")
class Else(RenderElement, model.Else):  # type: ignore[misc]
    pass


def _type_tests(types: list[str]) -> list[Test]:
    wanted = frozenset(types)
    return [lambda ctx: ctx.item.type in wanted]


def _variable_test(variable: str) -> Test:
    if variable in NAME_VARIABLES:
        return lambda ctx: variable in ctx.item.names
    if variable in DATE_VARIABLES:
        return lambda ctx: variable in ctx.item.dates
    if variable in ("citation-number", "year-suffix", "citation-label"):
        return lambda ctx: False
    if variable in ("locator", "first-reference-note-number", "type"):
        return lambda ctx: has_variable(ctx, variable)
    return lambda ctx: variable in ctx.item.fields  # fields hold non-empty strings only


def _variable_tests(variables: list[str]) -> list[Test]:
    return [_variable_test(v) for v in variables]


def _is_numeric(ctx: RenderContext, variable: str) -> bool:
    if variable == "locator":
        value = ctx.cite.locator if ctx.cite is not None else ""
    else:
        value = ctx.item.fields.get(variable, "")
    if not value:
        return False
    if variable in NUMERIC_VARIABLES:
        field = parse_number_field(value, variable, ctx.locale, ctx.style.page_range_format)
        return field.numeric
    if variable in ("title", "version"):
        return value[-1:].isdigit()
    return False


def _is_numeric_tests(variables: list[str]) -> list[Test]:
    return [lambda ctx, v=v: _is_numeric(ctx, v) for v in variables]  # type: ignore[misc]


def _uncertain_date_tests(variables: list[str]) -> list[Test]:
    def test(ctx: RenderContext, variable: str) -> bool:
        date = ctx.item.dates.get(variable)
        return bool(date is not None and date.circa)

    return [lambda ctx, v=v: test(ctx, v) for v in variables]  # type: ignore[misc]


def _locator_tests(labels: list[str]) -> list[Test]:
    def test(ctx: RenderContext, label: str) -> bool:
        cite = ctx.cite
        if cite is None or not cite.locator:
            return False
        actual = cite.label or "page"
        if label == "sub-verbo":
            label = "sub verbo"
        return actual == label or (actual == "sub-verbo" and label == "sub verbo")

    return [lambda ctx, v=v: test(ctx, v) for v in labels]  # type: ignore[misc]


def _position_tests(positions: list[str]) -> list[Test]:
    def test(ctx: RenderContext, wanted: str) -> bool:
        if ctx.area == "bibliography":
            return False
        cite = ctx.cite
        position = cite.position if cite is not None and cite.position is not None else 0
        if wanted == "near-note":
            return cite is not None and position >= 1 and cite.near_note
        if wanted == "far-note":
            return cite is not None and position == 1 and not cite.near_note
        target = _POSITIONS.get(wanted, 0)
        if target == 0:
            return position == 0
        return position >= target

    return [lambda ctx, v=v: test(ctx, v) for v in positions]  # type: ignore[misc]


def _disambiguate_tests(values: list[str]) -> list[Test]:
    if values != ["true"]:
        return [lambda ctx: False]

    def test(ctx: RenderContext) -> bool:
        ctx.disambiguate_tested += 1
        if ctx.disambiguate_count < ctx.disamb.disambiguate:
            ctx.disambiguate_count += 1
            return True
        return False

    return [test]
