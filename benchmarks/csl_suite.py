"""Run the CSL processor test suite (human-readable fixtures) against a rendering engine.

Usage:
    python benchmarks/csl_suite.py PATH [--category X] [--show-failures] [--engine sarcref]
    python benchmarks/csl_suite.py PATH --engine citeproc-py      # the "before" figures

PATH is a folder of ``category_Name.txt`` fixtures (sections MODE, CSL, INPUT, RESULT and
optionally CITATION-ITEMS, CITATIONS, BIBENTRIES, BIBSECTION). The fixtures are read from
PATH, never copied. A fixture passes when the engine's output equals RESULT (surrounding
whitespace ignored). The sarcref engine runs the fixture the way citeproc-js's test runner
does; the citeproc-py engine the way citeproc-py's own test script does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

_SECTION = re.compile(r">>=+\s*([A-Z-]+)\s*=+>>\n?(.*?)\n?<<=+\s*\1\s*=+<<", re.S)


def parse_fixture(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    sections = dict(_SECTION.findall(text))
    fixture: dict[str, Any] = {
        "name": path.stem,
        "mode": sections.get("MODE", "").strip(),
        "csl": sections.get("CSL", ""),
        "input": json.loads(sections.get("INPUT", "[]")),
        "result": sections.get("RESULT", ""),
    }
    for key in ("CITATION-ITEMS", "CITATIONS", "BIBENTRIES", "BIBSECTION", "INPUT2"):
        if key in sections and sections[key].strip():
            fixture[key.lower().replace("-", "_")] = json.loads(sections[key])
    return fixture


# -- sarcref ------------------------------------------------------------------------------
def _cite_item(spec: dict[str, Any]) -> Any:
    from sarcref.rendering import CiteItem

    position = spec.get("position")
    return CiteItem(
        str(spec.get("id", "")),
        locator=str(spec.get("locator", "") or ""),
        label=str(spec.get("label", "") or ""),
        prefix=str(spec.get("prefix", "") or ""),
        suffix=str(spec.get("suffix", "") or ""),
        position=int(position) if isinstance(position, int) else None,
        near_note=bool(spec.get("near-note", False)),
        suppress_author=bool(spec.get("suppress-author", False)),
        author_only=bool(spec.get("author-only", False)),
    )


def _bibsection_keeps(item: dict[str, Any], section: dict[str, Any]) -> bool:
    def matches(spec: dict[str, Any]) -> bool:
        value = item.get(spec["field"])
        wanted = spec.get("value")
        if isinstance(value, list):
            return wanted in value
        if wanted in (None, ""):
            return not value
        return value == wanted

    keep = True
    if section.get("include"):
        keep = any(matches(s) for s in section["include"])
    elif section.get("exclude"):
        keep = not any(matches(s) for s in section["exclude"])
    elif section.get("select"):
        keep = all(matches(s) for s in section["select"])
    if section.get("quash") and all(matches(s) for s in section["quash"]):
        keep = False
    return keep


def run_sarcref(fixture: dict[str, Any]) -> str:
    """Run one fixture as citeproc-js's std test runner does."""
    from sarcref.rendering import Processor, load_style
    from sarcref.rendering.positions import CitationInput, assign_positions

    style = load_style(fixture["csl"].encode("utf-8"))
    inputs = fixture["input"]
    by_id = {str(item.get("id")): item for item in inputs}
    lines: list[str] = []
    processor = None
    if fixture.get("citations"):
        documents: dict[str, CitationInput] = {}
        previous_strings: dict[str, str] = {}
        order: list[str] = []
        strings: dict[str, str] = {}
        numbers: dict[str, tuple[Any, ...]] = {}
        for citation, pre, post in fixture["citations"]:
            cid = str(citation.get("citationID"))
            properties = citation.get("properties", {})
            documents[cid] = CitationInput(
                [_cite_item(c) for c in citation.get("citationItems", [])],
                int(properties.get("noteIndex", 0) or 0),
                cid,
                str(properties.get("mode", "") or ""),
            )
            documents[cid].unsorted = bool(properties.get("unsorted"))  # type: ignore[attr-defined]
            order = [str(p[0]) for p in pre] + [cid] + [str(p[0]) for p in post]
            for other_id, note in list(pre) + list(post):
                if str(other_id) in documents:
                    documents[str(other_id)].note_index = int(note or 0)
            registered: list[str] = []
            for other in order:
                for cite in documents[other].cites:
                    if cite.id not in registered and cite.id in by_id:
                        registered.append(cite.id)
            processor = Processor(style, [by_id[i] for i in registered], fmt="html")
            doc = [documents[o] for o in order]
            for entry in doc:
                known = [c for c in entry.cites if c.id in by_id]
                entry.sorted_cites = (
                    known if getattr(entry, "unsorted", False) else processor.sort_cites(known)
                )
            assign_positions(doc, processor.root.citation_options.near_note_distance)
            previous_strings, previous_numbers = strings, numbers
            strings, numbers = {}, {}
            for entry in doc:
                strings[entry.citation_id] = processor.citation(
                    [c.id for c in entry.sorted_cites],
                    cite_items=entry.sorted_cites,
                    presorted=True,
                )
                root = processor.root
                cited = [(c.id, processor.numbers.get(c.id, 0)) for c in entry.sorted_cites]
                first_notes = "first-reference-note-number" in root.referenced_variables
                numbers[entry.citation_id] = (
                    tuple(sorted(cited)) if root.numeric_citations else (),
                    tuple(
                        # (a first cite is its own first reference)
                        (c.position, c.near_note, c.first_reference_note_number or entry.note_index)
                        if first_notes
                        else (c.position, c.near_note)
                        for c in entry.sorted_cites
                    ),
                    tuple(repr(processor.disamb.get(c.id)) for c in entry.sorted_cites),
                )
            # citeproc-js reports a citation as updated when its text, the positions of its
            # cites (with first-reference-note-number, if the style prints it), the
            # disambiguation of its items or (numeric styles) their citation numbers changed.
            changed = {cid} | {
                key
                for key, value in strings.items()
                if previous_strings.get(key, value) != value
                or previous_numbers.get(key, numbers[key]) != numbers[key]
            }
        for index, key in enumerate(order):
            marker = ">>" if key in changed else ".."
            lines.append(f"{marker}[{index}] {strings[key]}")
    else:
        if fixture.get("bibentries"):
            ids = [str(i) for i in fixture["bibentries"][-1]]
        else:
            ids = [str(item.get("id")) for item in inputs]
        processor = Processor(style, [by_id[i] for i in ids if i in by_id], fmt="html")
        if fixture["mode"] == "citation":
            clusters = fixture.get("citation_items")
            if clusters is None:
                clusters = [[{"id": i} for i in processor.bibliography_order()]]
            for cluster in clusters:
                cites = [_cite_item(c) for c in cluster]
                lines.append(processor.citation([c.id for c in cites], cite_items=cites))
    if fixture["mode"] == "bibliography":
        assert processor is not None
        bibliography = processor.bibliography()
        entries = bibliography.entries
        if fixture.get("bibsection"):
            entries = [
                e
                for e, i in zip(entries, bibliography.ids, strict=True)
                if _bibsection_keeps(by_id.get(i, {}), fixture["bibsection"])
            ]
        body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in entries)
        return '<div class="csl-bib-body">\n' + body + "</div>"
    return "\n".join(lines)


# -- raw citeproc-py (as citeproc-py's tests/citeproc-test.py runs it) -------------------
def run_citeproc_py(fixture: dict[str, Any]) -> str:
    import io

    from citeproc import CitationStylesBibliography, CitationStylesStyle
    from citeproc.source import Citation, CitationItem, Locator
    from citeproc.source.json import CiteProcJSON

    data = fixture["input"]
    for index, ref in enumerate(data):
        ref.setdefault("id", index)
        ref.setdefault("type", "book")
    style = CitationStylesStyle(io.BytesIO(fixture["csl"].encode("utf-8")), validate=False)
    source = CiteProcJSON(data)
    bibliography = CitationStylesBibliography(style, source)

    def item(spec: dict[str, Any]) -> Any:
        options: dict[str, Any] = {}
        key = ""
        for name, value in spec.items():
            python = name.replace("-", "_")
            if python == "id":
                key = str(value)
            elif python == "locator":
                options["locator"] = Locator(spec.get("label", "page"), value)
            elif python != "label":
                options[python] = value
        return CitationItem(key, **options)

    if fixture.get("citation_items"):
        citations = [Citation([item(i) for i in c]) for c in fixture["citation_items"]]
    elif fixture.get("citations"):
        citations = []
        for entry in fixture["citations"]:
            citation = Citation([item(i) for i in entry[0]["citationItems"]])
            citations.append(citation)
    elif fixture.get("bibentries"):
        citations = [Citation([item({"id": i}) for i in fixture["bibentries"][-1]])]
    else:
        citations = [Citation([item({"id": ref["id"]}) for ref in data])]
    for citation in citations:
        bibliography.register(citation)
    if style.has_bibliography():
        bibliography.sort()
    lines: list[str] = []
    if fixture["mode"] == "citation":
        for index, citation in enumerate(citations):
            text = str(bibliography.cite(citation, lambda _item: None))
            if fixture.get("citations"):
                marker = ">>" if index == len(citations) - 1 else ".."
                text = f"{marker}[{index}] {text}"
            lines.append(text)
    else:
        lines.append('<div class="csl-bib-body">')
        for entry in bibliography.bibliography():
            lines.append(f'  <div class="csl-entry">{entry}</div>')
        lines.append("</div>")
    return "\n".join(lines).replace("&amp;", "&#38;")


ENGINES: dict[str, Callable[[dict[str, Any]], str]] = {
    "sarcref": run_sarcref,
    "citeproc-py": run_citeproc_py,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--category", action="append", default=[])
    parser.add_argument("--name", help="only fixtures whose name contains this")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--engine", choices=sorted(ENGINES), default="sarcref")
    parser.add_argument("--list-failures", action="store_true", help="print failing names")
    args = parser.parse_args()
    engine = ENGINES[args.engine]
    passed: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    failures: list[str] = []
    for path in sorted(args.path.glob("*_*.txt")):
        category = path.stem.split("_", 1)[0]
        if args.category and category not in args.category:
            continue
        if args.name and args.name not in path.stem:
            continue
        total[category] += 1
        try:
            fixture = parse_fixture(path)
            expected = fixture["result"].strip()
            got = engine(fixture).strip()
        except Exception:
            got = "EXCEPTION:\n" + traceback.format_exc(limit=6)
            expected = None
        if got == expected:
            passed[category] += 1
            continue
        failures.append(path.stem)
        if args.show_failures:
            print(f"--- FAIL {path.stem}")
            print(f"expected:\n{expected}\ngot:\n{got}\n")
    width = max((len(c) for c in total), default=10)
    for category in sorted(total):
        print(f"{category:<{width}} {passed[category]:4d} / {total[category]:4d}")
    print(f"{'TOTAL':<{width}} {sum(passed.values()):4d} / {sum(total.values()):4d}")
    if args.list_failures:
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
