"""Small inline CSL styles used as readable examples in the rendering tests."""

from __future__ import annotations

from sarcref.rendering import LoadedStyle, load_style

CSL_HEAD = '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="{cls}"{attrs}>'


def make_style(
    citation_layout: str,
    bibliography_layout: str | None = None,
    *,
    cls: str = "in-text",
    style_attrs: str = "",
    citation_attrs: str = "",
    bibliography_attrs: str = "",
    macros: str = "",
    locale: str = "",
) -> LoadedStyle:
    """A style from layout snippets (``<layout>`` children and attributes)."""
    parts = [CSL_HEAD.format(cls=cls, attrs=style_attrs), "<info><id>t</id><title>t</title></info>"]
    parts.append(locale)
    parts.append(macros)
    parts.append(f"<citation{citation_attrs}>{citation_layout}</citation>")
    if bibliography_layout is not None:
        parts.append(f"<bibliography{bibliography_attrs}>{bibliography_layout}</bibliography>")
    parts.append("</style>")
    return load_style("".join(parts).encode("utf-8"))
