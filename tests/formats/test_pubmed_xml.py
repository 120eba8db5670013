"""PubMed XML (efetch retmode=xml, "Save as XML") to CSL records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcref.errors import DataError
from sarcref.formats import detect_format, read_source
from sarcref.formats.medline import read as read_medline
from sarcref.formats.pubmed_xml import read

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "pubmed_xml" / "pubmed-export.xml"
BUNDLED = Path(__file__).parents[2] / "data" / "lerman2015local.json"


def _read() -> list[dict[str, object]]:
    result = read(EXPORT.read_text(encoding="utf-8"), "pubmed-export.xml")
    assert result.problems == [] and result.warnings == []
    return [item.record.to_json() for item in result.records]


def test_an_article_gives_the_same_record_from_xml_as_from_medline_text() -> None:
    expected = json.loads(
        (FIXTURES / "medline" / "pubmed-export.expected.json").read_text(encoding="utf-8")
    )
    by_pmid = {item["PMID"]: item for item in expected}
    medline = read_medline((FIXTURES / "medline" / "pubmed-export.txt").read_text(), "m")
    medline_extra = {r.record.csl["PMID"]: r.record.extra for r in medline.records}
    shared = 0
    for record in _read():
        pmid = record["PMID"]
        if pmid not in by_pmid:
            continue
        shared += 1
        assert {k: v for k, v in record.items() if k not in ("id", "sarcref")} == by_pmid[pmid]
        own = dict(record["sarcref"])  # type: ignore[call-overload]
        other = {k: v for k, v in medline_extra[pmid].items() if k != "medline"}
        assert own.pop("source")["format"] == "pubmed-xml"
        assert other.pop("source")["format"] == "medline"
        assert {k: v for k, v in own.items() if k != "tags"} == other
    assert shared == 4


def test_title_markup_becomes_csl_rich_text_and_rejected_author_spellings_are_dropped() -> None:
    blattner = next(r for r in _read() if r["PMID"] == "9278503")
    assert {k: v for k, v in blattner.items() if k not in ("id", "sarcref")} == {
        "type": "article-journal",
        "title": "The complete genome sequence of <i>Escherichia coli</i> K-12",
        "author": [{"family": "Blattner", "given": "F. R."}],
        "container-title": "Science (New York, N.Y.)",
        "container-title-short": "Science",
        "volume": "277",
        "issue": "5331",
        "page": "1453-1462",
        "issued": {"date-parts": [[1997, 9, 5]]},
        "PMID": "9278503",
        "DOI": "10.1126/science.277.5331.1453",
        "ISSN": "0036-8075",
        "language": "en",
    }


def test_a_structured_abstract_keeps_its_labels_as_the_bundled_record_writes_them() -> None:
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    lerman = next(r for r in _read() if r["PMID"] == "25490690")
    assert lerman["abstract"] == bundled["abstract"]


def test_records_keep_their_lines_and_the_format_is_told_from_the_root() -> None:
    text = EXPORT.read_text(encoding="utf-8")
    lines = text.splitlines()
    starts = [
        n
        for n, line in enumerate(lines, 1)
        if line.strip().startswith("<Pubmed") and "Set" not in line and "Data" not in line
    ]
    result = read(text, "pubmed-export.xml")
    assert [item.line for item in result.records] == starts
    assert detect_format(text, "export.xml") == "pubmed-xml"
    assert detect_format("<PubmedArticleSet></PubmedArticleSet>", "x") == "pubmed-xml"


def test_a_record_missing_a_required_element_is_refused_alone() -> None:
    text = EXPORT.read_text(encoding="utf-8").replace(
        "<PubmedArticle>", "<PubmedArticle><Broken/></PubmedArticle><PubmedArticle>", 1
    )
    result = read(text, "broken.xml")
    assert len(result.records) == 5
    assert [str(p) for p in result.problems] == [
        "broken.xml:4: entry: <PubmedArticle> (line 4) has no <MedlineCitation>"
    ]


def test_malformed_xml_names_the_file_line_and_record() -> None:
    text = EXPORT.read_text(encoding="utf-8").replace("</ArticleTitle>", "</ArticleTitel>", 2)
    with pytest.raises(DataError) as caught:
        read(text, "cut.xml")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "</ArticleTitel>" in s)
    assert caught.value.message.startswith(
        f"cut.xml:{line}: not well-formed XML in record 1 (from line 4): "
    )


def test_another_xml_file_forced_as_pubmed_xml_is_refused() -> None:
    with pytest.raises(DataError) as caught:
        read("<xml><records/></xml>", "e.xml")
    assert caught.value.message == (
        "e.xml:1: not PubMed XML: the root element is <xml>, not <PubmedArticleSet>"
    )


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
<Journal><JournalIssue/></Journal><ArticleTitle>&lol9;</ArticleTitle>
</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""


def test_a_billion_laughs_file_is_refused_without_expanding_entities() -> None:
    # libxml2 stops at the amplification, or sarcref at the declarations: never expanded.
    with pytest.raises(DataError, match=r"^lol.xml(:\d+)?: .*entit") as caught:
        read(BILLION_LAUGHS, "lol.xml")
    assert "lol" * 10 not in caught.value.message


def test_an_external_entity_never_reads_the_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
<Journal><JournalIssue/></Journal><ArticleTitle>&xxe;</ArticleTitle>
</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""
    path = tmp_path / "xxe.xml"
    path.write_text(xxe, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_source(path)
    assert "TOP-SECRET" not in caught.value.message
    assert caught.value.exit_code == 3


def test_an_external_dtd_is_not_fetched_and_does_not_stop_the_import() -> None:
    text = EXPORT.read_text(encoding="utf-8").replace(
        "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd",
        "http://www.ncbi.nlm.nih.gov/corehtml/query/DTD/pubmed_150101.dtd",
    )
    assert len(read(text, "old.xml").records) == 5
