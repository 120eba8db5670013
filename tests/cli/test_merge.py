"""`sarcref duplicates` and `sarcref merge` on the command line."""

from __future__ import annotations

import json

from sarcref import Library
from tests.helpers import invoke

A = {
    "id": "scopus2015",
    "type": "article-journal",
    "title": "Local Control of Metastatic Sarcoma",
    "author": [{"family": "Lerman", "given": "Daniel M."}],
    "issued": {"date-parts": [[2015]]},
    "DOI": "10.1097/MOP.0000000000000172",
}


def test_duplicates_lists_groups_with_reasons_and_merge_joins_them(library: Library) -> None:
    library.add(A)
    listed = invoke(["duplicates", "--format", "tsv"])
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "group\tkey\treason\tyear\tauthors\ttitle",
        "1\tlerman2015local\t(kept)\t2015\tLerman & Randall\tLocal control of metastatic sarcoma",
        "1\tscopus2015\tsame title, same year and first author\t2015\tLerman\tLocal Control of"
        " Metastatic Sarcoma",
    ]
    as_json = json.loads(invoke(["duplicates", "-f", "json"]).stdout)
    assert as_json[0][1] == {
        "key": "scopus2015",
        "reason": "same title, same year and first author",
    }
    merged = invoke(["merge", "lerman2015local", "scopus2015"])
    assert (merged.exit_code, merged.stderr) == (0, "merged scopus2015 into lerman2015local\n")
    assert library.get("lerman2015local").csl["DOI"] == "10.1097/MOP.0000000000000172"
    cited = invoke(["cite", "scopus2015", "--mode", "citation"])
    assert (cited.exit_code, cited.stdout) == (0, "(Lerman & Randall, 2015)\n")
    assert "note: 'scopus2015' was merged into 'lerman2015local'" in cited.stderr
    none = invoke(["duplicates"])
    assert (none.exit_code, none.stdout) == (1, "")


def test_merge_refuses_itself_and_unknown_keys(library: Library) -> None:
    assert invoke(["merge", "lerman2015local", "lerman2015local"]).exit_code == 2
    assert invoke(["merge", "lerman2015local", "nope"]).exit_code == 1
    assert library.keys() == ["lerman2015local"]
