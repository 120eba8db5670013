"""Per-render state passed down the element tree while one cite or entry renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .casing import apply_text_case
from .items import Item
from .locale import Locale

if TYPE_CHECKING:
    from .elements_layout import Style as CompiledStyle
    from .markup import InlineMarkup


@dataclass
class Disambiguation:
    """What disambiguation asks of one item's rendering (citeproc-js's disambig_settings).

    ``names[i]`` is how many names nameset ``i`` shows (add-names), ``givens[i][j]`` the
    given-name level of name ``j`` (0 none, 1 initials, 2 full), ``year_suffix`` the
    0-based suffix index, ``disambiguate`` the value of the ``disambiguate`` condition.
    """

    names: dict[int, int] = field(default_factory=dict)
    givens: dict[int, dict[int, int]] = field(default_factory=dict)
    year_suffix: int | None = None
    disambiguate: int = 0
    probe: bool = False  # rendering an "ambiguous cite" for disambiguation

    def copy(self) -> Disambiguation:
        return Disambiguation(
            dict(self.names),
            {k: dict(v) for k, v in self.givens.items()},
            self.year_suffix,
            self.disambiguate,
            self.probe,
        )


@dataclass
class CiteItem:
    """Cite-level data: locator, affixes, position (from a citation cluster)."""

    id: str
    locator: str = ""
    label: str = ""
    prefix: str = ""
    suffix: str = ""
    position: int | None = None  # 0 first, 1 subsequent, 2 ibid, 3 ibid-with-locator
    near_note: bool = False
    first_reference_note_number: int | None = None
    suppress_author: bool = False
    author_only: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# A group's flags (citeproc-js's group state) are a three-item list, indexed by these
# (a list is several times cheaper to make than an object, and one is made per group):
TERM_INTENDED = 0  # a term rendered (or was meant to)
VARIABLE_ATTEMPT = 1  # a variable was tried
VARIABLE_SUCCESS = 2  # a variable rendered
GroupFlags = list[bool]


@dataclass
class NamesetRecord:
    """What a rendered names element showed, for disambiguation."""

    variables: tuple[str, ...]
    counts: list[int]  # names available per variable
    shown: int  # names shown (of the first variable with names)
    rendered: list[str]  # plain rendering of each shown name, for author substitution


class RenderContext:
    """Mutable state of one rendering pass (one entry, one cite or one sort key)."""

    def __init__(
        self,
        style: CompiledStyle,
        locale: Locale,
        area: str,
        item: Item,
        cite: CiteItem | None,
        disambiguation: Disambiguation,
        markup: InlineMarkup,
        citation_number: int | None = None,
        sort_key: bool = False,
        item_signature: Any = None,
        macro_failures: dict[Any, tuple[bool, bool]] | None = None,
    ) -> None:
        self.style = style
        self.locale = locale
        self.area = area  # "citation" or "bibliography"
        self.item = item
        self.cite = cite
        self.disamb = disambiguation
        self.markup = markup
        self.citation_number = citation_number
        self.sort_key = sort_key
        self.sort_names_min: int | None = None
        self.sort_names_use_first: int | None = None
        self.sort_names_use_last: bool | None = None
        self.tip: GroupFlags = [False, False, False]  # the innermost group's flags
        self.term_predecessor = False
        self.done_vars: set[str] = set()
        self.substitute_depth = 0
        self.can_substitute: list[bool] = []
        self.strip_periods = 0
        self.nameset_counter = 0
        self.namesets: list[NamesetRecord] = []
        self.first_names_blob: Any = None
        self.first_names_plain: list[str] | None = None
        self.first_names_label: Any = None
        # citeproc-js decides subsequent-author-substitute at the end of the first names
        # element to finish: if it printed nothing, no later names are substituted.
        self.names_closed = False
        # Values of the variables a cs:substitute printed in place of names (citeproc-js
        # compares these raw values, not the printed text, for author substitution).
        self.substitute_values: list[str] = []
        self.render_nesting = 0
        self.render_seen = False
        self.empty_tail = False  # the layout's last top-level element left an empty node
        self.year_suffix_rendered = False
        self.cite_renders_content = False
        self.block_substitute = False
        self.names_stack: list[Any] = []
        self.disambiguate_count = 0  # disambiguate="true" conditions that held
        self.disambiguate_tested = 0  # and that were evaluated (citeproc-js's maxMax)
        self.sort_dates_only = 0
        self.namereg: Any = None  # NameRegistry when given names may disambiguate
        self.item_signature = item_signature
        self.macro_failures: dict[Any, tuple[bool, bool]] = (
            macro_failures if macro_failures is not None else {}
        )
        self._base_signature: int | None = None
        self._signature = 0  # see condition_signature
        self._signed_done_count = -1
        self._signed_dates = 0
        # Interned condition signatures (small ints hash fast; tuples rehash on every lookup).
        self.signature_ids: dict[Any, int] = {}
        if cite is not None and area == "citation":
            self._cite_signature: Any = (
                cite.position,
                bool(cite.locator),
                cite.label,
                cite.near_note,
                cite.first_reference_note_number is not None,
            )
        else:
            self._cite_signature = None
        self.markup_needed = False  # some leaf holds inline markup to parse
        self.text_variable_seen = False  # a non-locator cs:text variable was evaluated
        # Cased strings by (text-case, string, language), shared by the renders of one
        # processor (see Engine.context): journal names, terms and the like recur.
        self.cased_texts: dict[tuple[str, str, str], str] = {}

    def condition_signature(self) -> int:
        """What decides which branches render and whether groups succeed (not values),
        as a small int (interned in ``signature_ids``).

        It changes only with ``done_vars``, which only ever grows, and ``sort_dates_only``:
        the last one computed is reused while those two stay as they were.
        """
        done = self.done_vars
        dates = self.sort_dates_only
        if len(done) == self._signed_done_count and dates == self._signed_dates:
            return self._signature
        ids = self.signature_ids
        base = self._base_signature
        if base is None:
            facts: Any = (self.item_signature, self.area, self.sort_key, self._cite_signature)
            base = ids.get(facts)
            if base is None:
                base = ids[facts] = len(ids)
            self._base_signature = base
        if done or dates:
            facts = (base, dates, frozenset(done))
            signature = ids.get(facts)
            if signature is None:
                signature = ids[facts] = len(ids)
        else:
            signature = base
        self._signature = signature
        self._signed_done_count = len(done)
        self._signed_dates = dates
        return signature

    def text_case(self, text_case: str, text: str) -> str:
        """``apply_text_case`` with the locale's skip words (a pure function: remembered).

        Letters change case in the record's language, else the locale's (citeproc-js's
        toLocaleUpperCase over both: Turkish "i" becomes "İ").
        """
        language = self.item.language or self.locale.lang
        key = (text_case, text, language)
        cased = self.cased_texts.get(key)
        if cased is None:
            cased = apply_text_case(text_case, text, self.locale.skip_words, language)
            self.cased_texts[key] = cased
        return cased

    def locale_skip_words(self) -> list[str]:
        from .casing import SKIP_WORDS

        return SKIP_WORDS

    def term(
        self, name: str, form: str = "long", plural: int = 0, gender: str | None = None
    ) -> str | None:
        return self.locale.term(name, form, plural, gender)
