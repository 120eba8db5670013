"""Base of sarcref's CSL element classes and the registry lxml builds styles from.

Each CSL element of a parsed style is an instance of one of sarcref's subclasses of
citeproc-py's element classes (``citeproc.model.Text`` and friends): lxml instantiates them
through an element class lookup. After parsing, :meth:`RenderElement.compile` runs once per
element and stores everything rendering needs (affixes, formatting, resolved macros, option
values) on the element; the compiled style keeps every element proxy alive so that those
attributes persist. Rendering then never touches XML attributes or XPath again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from citeproc import model
from lxml import etree

from .blob import Blob, Token
from .xmlsafe import CSL_NS

if TYPE_CHECKING:
    from .context import RenderContext

NS = f"{{{CSL_NS}}}"
# Formatting attributes become decorations in this fixed order (innermost first).
DECORATION_ATTRIBUTES = (
    "strip-periods",
    "font-style",
    "font-variant",
    "font-weight",
    "text-decoration",
    "vertical-align",
    "quotes",
)

ELEMENT_CLASSES: dict[str, type[Any]] = {}
_T = TypeVar("_T")


def register(tag: str) -> Callable[[type[_T]], type[_T]]:
    """Class decorator: render CSL elements named ``tag`` with this class."""

    def decorate(cls: type[_T]) -> type[_T]:
        ELEMENT_CLASSES[tag] = cls
        return cls

    return decorate


Renderer = Callable[["RenderContext", list["Blob"]], None]


class RenderElement:
    """Behaviour shared by every compiled element (mixed into citeproc-py subclasses)."""

    token: Token
    kids: list[RenderElement]
    kid_renders: list[Renderer]
    display: str | None

    # lxml API used by the compile step (provided by the element base class)
    tag: str
    get: Callable[..., Any]
    iterchildren: Callable[..., Any]
    getparent: Callable[[], Any]

    def compile(self, compiler: Compiler) -> None:
        """Precompute everything rendering needs; called once, parent first."""
        self.token = make_token(self)
        self.display = self.get("display")
        self.kids = compiler.compile_children(self)
        self.kid_renders = [kid.renderer() for kid in self.kids]

    def render(self, ctx: RenderContext, out: list[Blob]) -> None:
        """Append the blobs this element renders to ``out``."""

    def renderer(self) -> Renderer:
        """A function doing what :meth:`render` does, for the parent to call (once compiled).

        Attribute access on an lxml element goes through citeproc-py's ``__getattr__`` hook
        and is several times slower than on a plain object; the elements on the hot path
        (groups, macros, choose, text) return closures over their compiled values instead.
        """
        return self.render

    def calls_variables(self) -> bool:
        return any(kid.calls_variables() for kid in self.kids)

    @property
    def local_name(self) -> str:
        return str(self.tag).rsplit("}", 1)[-1]


def make_token(element: Any, *, affixes: bool = True) -> Token:
    # (One copy of the attributes: lookups on it are much cheaper than element.get().)
    attributes = dict(element.attrib) if hasattr(element, "attrib") else element
    decorations = []
    for name in DECORATION_ATTRIBUTES:
        value = attributes.get(name)
        if value is not None:
            decorations.append((f"@{name}", value))
    text_case = attributes.get("text-case")
    return Token(
        attributes.get("prefix", "") if affixes else "",
        attributes.get("suffix", "") if affixes else "",
        attributes.get("delimiter", ""),
        decorations,
        None if text_case == "normal" else text_case,
        attributes.get("strip-periods") == "true",
    )


class GenericElement(RenderElement, model.CitationStylesElement):  # type: ignore[misc]
    """Any element without rendering behaviour of its own (info, locale, terms...)."""

    def compile(self, compiler: Compiler) -> None:
        self.token = Token()
        self.display = None
        self.kids = []


class Compiler:
    """Compiles a parsed style: resolves macros, records nodes so their proxies persist."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.nodes: list[Any] = []
        self.macros: dict[str, Any] = {}
        for macro in root.iterchildren(NS + "macro"):
            name = macro.get("name")
            if name and name not in self.macros:
                self.macros[name] = macro
        self._compiled_macros: set[str] = set()
        self._disambiguating_macros: set[str] | None = None
        self._macro_stack: list[str] = []

    def compile(self, element: RenderElement) -> None:
        self.nodes.append(element)
        element.compile(self)

    def compile_children(self, element: Any) -> list[RenderElement]:
        kids: list[RenderElement] = []
        for child in element.iterchildren(tag=etree.Element):
            if isinstance(child, RenderElement) and not isinstance(child, GenericElement):
                self.compile(child)
                kids.append(child)
        return kids

    def uses_disambiguate(self, element: Any) -> bool:
        """Whether ``element`` or a macro it calls has a ``disambiguate`` condition."""
        if self._disambiguating_macros is None:
            self._disambiguating_macros = self._find_disambiguating_macros()
        for node in element.iter():
            if node.get("disambiguate") is not None:
                return True
            if node.get("macro") in self._disambiguating_macros:
                return True
        return False

    def _find_disambiguating_macros(self) -> set[str]:
        """Macros with a disambiguate condition, directly or through macros they call."""
        calls: dict[str, set[str]] = {}
        found: set[str] = set()
        for name, macro in self.macros.items():
            calls[name] = set()
            for node in macro.iter():
                if node.get("disambiguate") is not None:
                    found.add(name)
                called = node.get("macro")
                if called and called in self.macros:
                    calls[name].add(called)
        changed = True
        while changed:
            changed = False
            for name, called_names in calls.items():
                if name not in found and called_names & found:
                    found.add(name)
                    changed = True
        return found

    def macro(self, name: str) -> Any:
        """The compiled macro element ``name`` (compiled on first use)."""
        macro = self.macros.get(name)
        if macro is None:
            raise KeyError(name)
        if name not in self._compiled_macros:
            if name in self._macro_stack:
                raise RecursionError(f'macro "{name}" calls itself')
            self._macro_stack.append(name)
            self.compile(macro)
            self._macro_stack.pop()
            self._compiled_macros.add(name)
        return macro
