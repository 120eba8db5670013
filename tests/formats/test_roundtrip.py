"""Round trips: what goes in comes back out, for every format, on generated inputs."""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sarcref import Library
from sarcref.formats import export, read_records
from sarcref.importing import Source
from sarcref.records import CSL_TYPES, Record

# SARCREF_EXAMPLES=1000 pytest ... searches harder than the default run.
SETTINGS = settings(
    max_examples=int(os.environ.get("SARCREF_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

letters = st.characters(categories=["L"], exclude_characters="\u0130\u0131")
word = st.text(letters, min_size=1, max_size=8)
words = st.lists(word, min_size=1, max_size=5).map(" ".join)
# Any text at all: punctuation, LaTeX specials, markup-like brackets, dashes, spaces.
any_text = (
    st.text(
        st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\u2028\u2029"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


def stored(records: list[Record]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    return [(r.key, r.csl, r.extra) for r in records]


# -- CSL-JSON: import then export is the identity ----------------------------------------

name = st.one_of(
    st.fixed_dictionaries({"family": any_text}, optional={"given": any_text}),
    st.fixed_dictionaries({"literal": any_text}),
    st.fixed_dictionaries(
        {"family": words, "given": words, "non-dropping-particle": word, "suffix": word}
    ),
)
date = st.one_of(
    st.builds(lambda y: {"date-parts": [[y]]}, st.integers(1000, 2100)),
    st.builds(
        lambda y, m, d: {"date-parts": [[y, m, d]]},
        st.integers(1000, 2100),
        st.integers(1, 12),
        st.integers(1, 28),
    ),
    st.builds(lambda y: {"date-parts": [[y], [y + 1]]}, st.integers(1000, 2100)),
    st.builds(lambda t: {"literal": t}, any_text),
)
csl_item = st.fixed_dictionaries(
    {"type": st.sampled_from(sorted(CSL_TYPES)), "title": any_text},
    optional={
        "author": st.lists(name, min_size=1, max_size=4),
        "editor": st.lists(name, min_size=1, max_size=2),
        "issued": date,
        "accessed": date,
        "container-title": any_text,
        "volume": any_text,
        "page": any_text,
        "DOI": any_text,
        "abstract": st.text(max_size=200),
        "keyword": any_text,
        "custom": st.dictionaries(word, any_text, max_size=2),
    },
)


@SETTINGS
@given(st.lists(csl_item, min_size=1, max_size=6))
def test_csl_json_import_then_export_is_identical(items: list[dict[str, Any]]) -> None:
    for number, item in enumerate(items):
        item["id"] = f"item{number}"
    library = Library.in_memory()
    # keep-both: the format's round trip, not duplicate detection (two generated items
    # may well be one work).
    report = library.import_sources(
        [Source("in.json", json.dumps(items))], on_duplicate="keep-both"
    )
    assert len(report.added) == len(items)
    exported = export(library.all(), "csl-json")
    assert json.loads(exported) == items


# -- BibTeX: import, export, import gives the same records -------------------------------

latex_piece = st.one_of(
    words,
    st.sampled_from(
        [
            r"G{\"o}del",
            r"{\L}ukasiewicz",
            r"{\TeX}book",
            r"{DNA}",
            r"\&",
            r"50\%",
            r"a\_b",
            r"\#1",
            "1990--2000",
            "a---b",
            "x~y",
            r"\emph{very}",
            r"$\alpha$",
            r"\foo{bar}",
            r"Coll\`{e}ge",
            r"\c{c}a",
            r"{{Whole}}",
            "``quoted''",
            "Stra{\\ss}e",
        ]
    ),
    any_text.map(lambda t: "".join(c for c in t if c not in "{}\\%#&$_^~")).filter(bool),
)
latex_text = st.lists(latex_piece, min_size=1, max_size=5).map(" ".join)
bib_name = st.one_of(
    st.builds(lambda f, g: f"{f}, {g}", words, words),
    st.builds(lambda g, f: f"{g} {f}", word, word),
    st.builds(
        lambda v, f, g: f"{v} {f}, {g}", st.sampled_from(["von", "de la", "van der"]), word, word
    ),
    st.builds(lambda f, j, g: f"{f}, {j}, {g}", word, st.sampled_from(["Jr.", "III"]), word),
    st.builds(lambda c: "{" + c + "}", words),
    st.just(r"M{\"o}ssenb{\"o}ck, Hanspeter"),
)
bib_fields = st.fixed_dictionaries(
    {"title": latex_text},
    optional={
        "author": st.lists(bib_name, min_size=1, max_size=4).map(" and ".join),
        "editor": st.lists(bib_name, min_size=1, max_size=2).map(" and ".join),
        "journal": latex_text,
        "booktitle": latex_text,
        "publisher": latex_text,
        "year": st.integers(1500, 2100).map(str),
        "month": st.sampled_from(["jan", "{March}", "{7}"]),
        "pages": st.sampled_from(["3--8", "e123", "101-110"]),
        "volume": st.integers(1, 99).map(str),
        "number": st.integers(1, 12).map(str),
        "doi": st.sampled_from(["10.1000/xyz_1", "10.1097/MOP.0000000000000165"]),
        "url": st.just("https://example.org/a_b?x=1%20y"),
        "keywords": latex_text,
        "abstract": latex_text,
        "note": latex_text,
        "subtitle": latex_text,
        "file": st.just(r"C:\papers\a_b.pdf"),
        "tags": st.just("history, poetry"),
        "date": st.sampled_from(["2001-02-03", "1999/2000", "2010-05"]),
        "crossref": st.sampled_from(["key0", "key1", "key2"]),
        "series": st.sampled_from(["=acm", "=acm # { Series}", "=jan"]),  # macros, written bare
        "institution": latex_text,
        "location": latex_text,
        "address": latex_text,
        "translator": st.lists(bib_name, min_size=1, max_size=2).map(" and ".join),
        "urldate": st.sampled_from(["2020-01-02", "soon"]),
        "edition": st.sampled_from(["2", "Second"]),
        "langid": st.sampled_from(["english", "german"]),
    },
)
bib_entry = st.tuples(
    st.sampled_from(["article", "book", "inproceedings", "misc", "online", "phdthesis", "game"]),
    bib_fields,
)


def bibtex_text(entries: list[tuple[str, dict[str, str]]]) -> str:
    blocks = ['@string{acm = "Association for Computing Machinery"}']
    for number, (entry_type, fields) in enumerate(entries):
        body = ",\n".join(
            f"  {k} = {v.removeprefix('=')}"
            if (k == "series" and v.startswith("=")) or (k == "month" and not v.startswith("{"))
            else f"  {k} = {{{v}}}"
            for k, v in fields.items()
        )
        blocks.append(f"@{entry_type}{{key{number % 3},\n{body}\n}}")
    return "\n\n".join(blocks) + "\n"


@SETTINGS
@given(st.lists(bib_entry, min_size=1, max_size=5), st.booleans())
def test_bibtex_import_export_import_gives_the_same_records(
    entries: list[tuple[str, dict[str, str]]], ascii_only: bool
) -> None:
    first = read_records(bibtex_text(entries), "bibtex")
    exported = export(first, "bibtex", ascii_only=ascii_only)
    if ascii_only:
        assert exported.isascii() or not all(
            c.isascii() for r in first for c in json.dumps(r.csl, ensure_ascii=False)
        )
    second = read_records(exported, "bibtex")
    if ascii_only:
        # Fields without a CSL variable are written back in ASCII LaTeX: the same text.
        assert decoded_fields(second) == decoded_fields(first)
    else:
        assert stored(second) == stored(first)


def decoded_fields(records: list[Record]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    from sarcref.formats.bibtex.latex import decode

    out = []
    for record in records:
        own = dict(record.extra.get("bibtex", {}))
        own["fields"] = {k: decode(v) for k, v in own.get("fields", {}).items()}
        out.append((record.key, record.csl, own))
    return out


# -- RIS: the same, for what RIS can hold ------------------------------------------------

line_text = (
    st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=25)
    .map(str.strip)
    .filter(lambda t: t and "," not in t)
)
ris_name = st.one_of(
    st.builds(lambda f, g: f"{f}, {g}", line_text, line_text),
    st.builds(
        lambda f, g, s: f"{f}, {g}, {s}", line_text, line_text, st.sampled_from(["Jr.", "III"])
    ),
    line_text,
)
ris_record = st.fixed_dictionaries(
    {"TY": st.sampled_from(["JOUR", "BOOK", "CHAP", "CONF", "THES", "ELEC", "FOO"])},
    optional={
        "TI": st.lists(line_text, min_size=1, max_size=1),
        "AU": st.lists(ris_name, min_size=1, max_size=3),
        "A2": st.lists(ris_name, min_size=1, max_size=2),
        "PY": st.integers(1500, 2100).map(lambda y: [str(y)]),
        "DA": st.builds(
            lambda y, m, d: [f"{y}/{m:02d}/{d:02d}"],
            st.integers(1500, 2100),
            st.integers(1, 12),
            st.integers(1, 28),
        ),
        "T2": st.lists(line_text, min_size=1, max_size=1),
        "VL": st.lists(line_text, min_size=1, max_size=1),
        "IS": st.lists(line_text, min_size=1, max_size=1),
        "SP": st.sampled_from([["3"], ["e12"]]),
        "EP": st.just(["8"]),
        "DO": st.lists(line_text, min_size=1, max_size=1),
        "UR": st.lists(line_text, min_size=1, max_size=2),
        "KW": st.lists(line_text, min_size=1, max_size=3),
        "AB": st.lists(line_text, min_size=1, max_size=1),
        "SN": st.lists(line_text, min_size=1, max_size=1),
        "PB": st.lists(line_text, min_size=1, max_size=1),
        "N1": st.lists(line_text, min_size=1, max_size=1),
        "C1": st.lists(line_text, min_size=1, max_size=2),
    },
)


def ris_text(records: list[dict[str, list[str] | str]]) -> str:
    lines = []
    for number, record in enumerate(records):
        lines.append(f"TY  - {record['TY']}")
        lines.append(f"ID  - ref{number}")
        for tag, values in record.items():
            if tag != "TY":
                lines += [f"{tag}  - {value}" for value in values]
        lines += ["ER  - ", ""]
    return "\n".join(lines)


@SETTINGS
@given(st.lists(ris_record, min_size=1, max_size=4))
def test_ris_import_export_import_gives_the_same_records(records: list[dict[str, Any]]) -> None:
    first = read_records(ris_text(records), "ris")
    second = read_records(export(first, "ris"), "ris")
    assert stored(second) == stored(first)
