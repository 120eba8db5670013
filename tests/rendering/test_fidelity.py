"""sarcref prints what citeproc-js (Zotero) prints: the fidelity corpus, every style.

For each style (33 widely used, 31 rarely used: tests/fixtures/fidelity/README.md) and
both formats: (a) every record alone (cite and bibliography),
(b) the whole corpus as one bibliography (order and entries), (c) the multi-item clusters,
alone and with the whole corpus registered. Comparison uses only the normalisations the
fidelity README allows.
"""

from __future__ import annotations

import pytest

from sarcref.rendering import Processor

from .fidelity_support import (
    corpus,
    entry_html,
    golden,
    normalize,
    records_by_id,
    style,
    style_ids,
)

FORMATS = ("text", "html")


@pytest.mark.parametrize("style_id", style_ids())
def test_each_record_alone_matches_citeproc_js(style_id: str) -> None:
    expected = golden()["styles"][style_id]["records"]
    records = records_by_id()
    mismatches = []
    for fmt in FORMATS:
        for record_id, want in expected.items():
            processor = Processor(style(style_id), [records[record_id]], fmt=fmt)
            cite = processor.citation([record_id])
            if normalize(fmt, cite) != normalize(fmt, want[f"cite_{fmt}"]):
                mismatches.append((fmt, "cite", record_id, want[f"cite_{fmt}"], cite))
            if want[f"bib_{fmt}"] is None:
                continue
            entries = processor.bibliography().entries
            # (citeproc-js prints no entry for a record that renders nothing)
            got = entries[0] if entries else ""
            if fmt == "html" and entries:
                got = entry_html(got)
            if normalize(fmt, got) != normalize(fmt, want[f"bib_{fmt}"]):
                mismatches.append((fmt, "bib", record_id, want[f"bib_{fmt}"], got))
    assert mismatches == []


@pytest.mark.parametrize("style_id", style_ids())
def test_whole_corpus_bibliography_matches_citeproc_js(style_id: str) -> None:
    expected = golden()["styles"][style_id]["bibliography"]
    if expected is None:
        assert Processor(style(style_id), corpus()).bibliography().entries == []
        return
    records = golden()["styles"][style_id]["records"]
    # citeproc-js lists the ids of entries that print nothing (they have no entry).
    ids = [i for i in expected["ids"] if records[i]["bib_text"]]
    for fmt in FORMATS:
        bibliography = Processor(style(style_id), corpus(), fmt=fmt).bibliography()
        assert bibliography.ids == ids
        got = (
            bibliography.entries if fmt == "text" else [entry_html(e) for e in bibliography.entries]
        )
        assert [normalize(fmt, e) for e in got] == [normalize(fmt, e) for e in expected[fmt]]


@pytest.mark.parametrize("style_id", style_ids())
def test_citation_clusters_match_citeproc_js(style_id: str) -> None:
    records = records_by_id()
    for cluster in golden()["styles"][style_id]["clusters"]:
        ids = cluster["ids"]
        for fmt in FORMATS:
            alone = Processor(style(style_id), [records[i] for i in ids], fmt=fmt).citation(ids)
            in_corpus = Processor(style(style_id), corpus(), fmt=fmt).citation(ids)
            assert normalize(fmt, alone) == normalize(fmt, cluster[f"alone_{fmt}"])
            assert normalize(fmt, in_corpus) == normalize(fmt, cluster[f"in_corpus_{fmt}"])
