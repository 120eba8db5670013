"""``cs:date`` and ``cs:date-part``.

Fixes over citeproc-py: date-part affixes are kept (``2015 Jan 1`` not ``2015Jan1``),
localized dates take the locale's parts with the style's date-part attributes laid over
them, ranges collapse on the first differing part (``May 3–5, 2000``), seasons use the
locale's season terms, years below 500 get "AD" and negative years "BC", and a year suffix
is appended after the year when the style does not print ``year-suffix`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from citeproc import model

from .blob import Blob, Token, wrap
from .context import VARIABLE_SUCCESS, RenderContext
from .elements_base import NS, Compiler, RenderElement, make_token, register
from .elements_text import live_variables, note_variable
from .items import DateValue
from .leaves import text_leaf
from .numbers import year_suffix_letters

_ORDER = ("year", "month", "day")


@dataclass
class PartSpec:
    name: str
    form: str
    token: Token
    range_delimiter: str | None


def _part_spec(attributes: dict[str, str]) -> PartSpec:
    name = attributes.get("name", "")
    token = make_token(attributes)
    return PartSpec(name, attributes.get("form", "long"), token, attributes.get("range-delimiter"))


@register("date-part")
class DatePart(RenderElement, model.Date_Part):  # type: ignore[misc]
    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self)
        self.display = None
        self.kids = []


@register("date")
class Date(RenderElement, model.Date):  # type: ignore[misc]
    variable: str
    variables: tuple[str, ...]
    form: str | None
    date_parts_attr: str
    own_parts: list[PartSpec]
    overrides: dict[str, dict[str, str]]
    _localized: dict[int, tuple[list[PartSpec], Token]]

    def compile(self, compiler: Compiler) -> None:
        self.token = make_token(self)
        self.display = self.get("display")
        self.kids = []
        self.variable = self.get("variable", "")
        self.variables = (self.variable,) if self.variable else ()
        self.form = self.get("form")
        self.date_parts_attr = self.get("date-parts", "year-month-day")
        parts = [dict(p.attrib) for p in self.iterchildren(NS + "date-part")]
        self.own_parts = [_part_spec(p) for p in parts]
        self.overrides = {p.get("name", ""): p for p in parts}
        self._localized = {}

    def calls_variables(self) -> bool:
        return True

    def _parts(self, ctx: RenderContext) -> tuple[list[PartSpec], Token]:
        if not self.form:
            return self.own_parts, self.token
        key = id(ctx.locale)
        cached = self._localized.get(key)
        if cached is not None:
            return cached
        locale_parts = ctx.locale.dates.get(self.form)
        if locale_parts is None:
            result = (self.own_parts, self.token)
            self._localized[key] = result
            return result
        merged: list[dict[str, str]] = []
        for attributes in locale_parts:
            combined = dict(attributes)
            override = self.overrides.get(combined.get("name", ""), {})
            combined.update({k: v for k, v in override.items() if k != "name"})
            merged.append(combined)
        if self.date_parts_attr == "year":
            merged = [p for p in merged if p.get("name") == "year"]
        elif self.date_parts_attr == "year-month":
            merged = [p for p in merged if p.get("name") != "day"]
        elif self.date_parts_attr == "month-day":
            for i in range(1, len(merged)):
                if merged[i].get("name") == "year":
                    merged[i - 1]["suffix"] = ""
                    break
            merged = [p for p in merged if p.get("name") != "year"]
        delimiter = ctx.locale.date_delimiters.get(self.form, "")
        token = Token(self.token.prefix, self.token.suffix, delimiter)
        result = ([_part_spec(p) for p in merged], token)
        self._localized[key] = result
        return result

    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        if ctx.sort_dates_only:
            from .sorting import date_sort_key

            date_value = ctx.item.dates.get(self.variable)
            key = date_sort_key(date_value, tuple(p.name for p in self._parts(ctx)[0]))
            if key:
                leaf = Blob(key)
                leaf.is_sort_date = True
                leaf.has_markup = False
                out.append(leaf)
            note_variable(ctx, self.variables, date_value is not None)
            return
        parts, token = self._parts(ctx)
        live = live_variables(ctx, self.variables)
        date = ctx.item.dates.get(live[0]) if live else None
        if date is not None and ctx.disamb.probe and live[0] == "accessed":
            date = None  # citeproc-js leaves access dates out of cites it compares
        names = {p.name for p in parts}
        success = date is not None and (
            bool(date.literal)
            or (date.year and "year" in names)
            or (bool(date.month or date.season) and "month" in names)
            or (bool(date.day) and "day" in names)
        )
        note_variable(ctx, self.variables, bool(success))
        if date is None:
            return
        children: list[Blob] = []
        render_date_parts(ctx, date, parts, children, token.delimiter)
        out.append(wrap(children, token))


def _collapse_parts(date: DateValue, parts: list[PartSpec]) -> list[str]:
    end = date.end
    if end is None:
        return []
    present = [p.name for p in parts]
    ordered = [name for name in _ORDER if name in present]
    ranged = [n for n in ordered if _value(end, n) or (n == "month" and end.season)]
    for pos, name in enumerate(ranged):
        if _value(date, name) != _value(end, name):
            return ranged[pos:]
    return []


def _value(date: DateValue, name: str) -> int:
    return int(getattr(date, name) or 0)


def render_date_parts(
    ctx: RenderContext,
    date: DateValue,
    parts: list[PartSpec],
    out: list[Blob],
    delimiter_between: str = "",
) -> None:
    collapse_at = _collapse_parts(date, parts)
    done: list[str] = []
    end_blobs: list[Blob] = []
    for part in parts:
        done.append(part.name)
        if date.literal and not date.year:
            if part.name == "year":
                leaf = text_leaf(ctx, date.literal, part.token)
                if leaf is not None:
                    out.append(leaf)
            continue
        value = _value(date, part.name)
        if part.name == "month" and not value:
            if date.season:
                season = date.season
                if isinstance(season, int) and 1 <= season <= 4:
                    ctx.tip[VARIABLE_SUCCESS] = True
                    term = ctx.term(f"season-0{season}") or ""
                    leaf = text_leaf(ctx, term, part.token)
                elif isinstance(season, str) and season:
                    leaf = text_leaf(ctx, season, part.token)
                else:
                    leaf = None
                if leaf is not None:
                    out.append(leaf)
            continue
        if not value:
            continue
        end = date.end
        end_value = _value(end, part.name) if end is not None else 0
        text, era = _format_part(ctx, part, value, date)
        level = Blob([])
        level_children = level.children()
        if collapse_at and all(name in done for name in collapse_at):
            if end_value:
                assert end is not None
                _add_range_end(ctx, part, end_value, end, end_blobs, with_era=True)
            start_leaf = text_leaf(ctx, text, part.token)
            if start_leaf is not None:
                start_leaf.suffix = ""
                level_children.append(start_leaf)
            delimiter = _range_delimiter(ctx, part)
            joiner = text_leaf(ctx, delimiter, Token(), not_serious=True)
            if joiner is not None:
                level_children.append(joiner)
            if end_blobs:
                # citeproc-js keeps the end of a range in a node of its own, joined with
                # the date's delimiter.
                level_children.append(Blob(end_blobs, Token(delimiter=delimiter_between)))
            end_blobs = []
            collapse_at = []
        else:
            leaf = text_leaf(ctx, text, part.token)
            if leaf is not None:
                level_children.append(leaf)
            if part.name in collapse_at and end_value:
                assert end is not None
                _add_range_end(ctx, part, end_value, end, end_blobs, with_era=False)
        if era:
            era_leaf = text_leaf(ctx, era, Token())
            if era_leaf is not None:
                level_children.append(era_leaf)
        if date.open_end and part.name == "year":
            delimiter = _range_delimiter(ctx, part)
            open_leaf = text_leaf(ctx, delimiter, Token(), not_serious=True)
            if open_leaf is not None:
                level_children.append(open_leaf)
        if part.name == "year" and not ctx.style.has_year_suffix_variable:
            suffix = ctx.disamb.year_suffix
            if suffix is not None and not ctx.year_suffix_rendered:
                ctx.year_suffix_rendered = True
                leaf_suffix = Blob(year_suffix_letters(suffix), part.token.plain())
                leaf_suffix.is_number = True
                leaf_suffix.has_markup = False
                leaf_suffix.number_value = suffix + 1
                leaf_suffix.prefix = part.token.prefix
                leaf_suffix.suffix = part.token.suffix
                # citeproc-js never puts the date's delimiter before the year suffix
                # (its UGLY_DELIMITER_SUPPRESS_HACK)
                level = Blob([level, leaf_suffix])
        out.append(level)


def _range_delimiter(ctx: RenderContext, part: PartSpec) -> str:
    if part.range_delimiter is not None:
        return part.range_delimiter
    return ctx.term("year-range-delimiter") or "\u2013"


def _add_range_end(
    ctx: RenderContext,
    part: PartSpec,
    value: int,
    end: DateValue,
    end_blobs: list[Blob],
    *,
    with_era: bool,
) -> None:
    """The end of a range's *part* onto *end_blobs* (the first loses its prefix)."""
    end_text, end_era = _format_part(ctx, part, value, end)
    end_leaf = text_leaf(ctx, end_text, part.token)
    if end_leaf is None:
        return
    if not end_blobs:
        end_leaf.prefix = ""
    end_blobs.append(end_leaf)
    if with_era and end_era:
        era_leaf = text_leaf(ctx, end_era, Token())
        if era_leaf is not None:
            end_blobs.append(era_leaf)


def _format_part(
    ctx: RenderContext, part: PartSpec, value: int, date: DateValue
) -> tuple[str, str]:
    era = ""
    if part.name == "year":
        if 0 < value < 500:
            era = ctx.term("ad") or ""
        if value < 0:
            era = ctx.term("bc") or ""
            value = -value
        if part.form == "short":
            text = str(value)
            return (text[2:] if len(text) == 4 else text), era
        return str(value), era
    if part.name == "month":
        return _format_month(ctx, part, value), era
    return _format_day(ctx, part, value, date), era


def _format_month(ctx: RenderContext, part: PartSpec, value: int) -> str:
    form = part.form
    if form in ("numeric", "numeric-leading-zeros"):
        if not 1 <= value <= 12:
            return ""
        return str(value) if form == "numeric" else f"{value:02d}"
    term_form = "short" if form == "short" else "long"
    while value > 16:
        value -= 4
    stub = "month"
    if value > 12:  # months 13-16 (and 17-24) are the seasons
        stub, value = "season", value - 12
    text = ctx.term(f"{stub}-{value:02d}", term_form) or ""
    if ctx.strip_periods or part.token.strip_periods:
        text = text.replace(".", "")
    return text


def _format_day(ctx: RenderContext, part: PartSpec, value: int, date: DateValue) -> str:
    form = part.form
    if form == "numeric-leading-zeros":
        return f"{value:02d}"
    if form == "ordinal":
        if ctx.locale.limit_day_ordinals_to_day_1 and value != 1:
            return str(value)
        gender = ctx.locale.noun_genders.get(f"month-{date.month:02d}")
        return ctx.locale.ordinal(value, gender)
    return str(value)
