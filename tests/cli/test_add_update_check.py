"""`sarcref add`, `update` and `check` as processes, against a local HTTP server."""

from __future__ import annotations

import json
from pathlib import Path

from sarcref import Library
from tests.helpers import run_sarcref
from tests.web.server import FakeServices, Reply, fixture

DOI = "10.5555/sarc.2015.001"


def serve(web: FakeServices) -> None:
    web.add(f"/doi/{DOI}", Reply(302, headers={"Location": f"/registrar/{DOI}"}))
    web.add(f"/registrar/{DOI}", Reply(200, fixture("doi_article.json")))


def env(web: FakeServices, tmp_path: Path) -> dict[str, str]:
    return {
        **web.env(),
        "SARCREF_CACHE_DIR": str(tmp_path / "cache"),
        "SARCREF_EMAIL": "t@example.org",
    }


def test_add_then_add_again_from_the_cache_then_offline(
    web: FakeServices, tmp_path: Path, library_path: Path
) -> None:
    serve(web)
    environment = env(web, tmp_path)
    first = run_sarcref("add", f"doi:{DOI}", cwd=tmp_path, env=environment)
    assert (first.returncode, first.stdout) == (0, "added lerman2015locala\n"), first.stderr
    requests = web.count()
    assert requests == 2  # doi.org's redirect, then the registrar
    assert "mailto:t@example.org" in web.requests()[0].headers["user-agent"]
    again = run_sarcref(
        "add", f"https://doi.org/{DOI}", "--format", "keys", cwd=tmp_path, env=environment
    )
    assert (again.returncode, again.stdout) == (0, "")
    assert "already in the library as 'lerman2015locala'" in again.stderr
    assert web.count() == requests  # the cache answered
    web.stop()
    before = library_path.read_bytes()
    offline = run_sarcref("add", "doi:10.5555/never.seen", cwd=tmp_path, env=environment)
    assert offline.returncode == 75
    assert "10.5555/never.seen" in offline.stderr
    assert library_path.read_bytes() == before


def test_a_bare_number_is_refused_with_a_hint(tmp_path: Path, library: Library) -> None:
    done = run_sarcref("add", "25490690", cwd=tmp_path)
    assert done.returncode == 2
    assert "pmid:" in done.stderr


def test_update_shows_then_applies_a_change(web: FakeServices, tmp_path: Path) -> None:
    serve(web)
    environment = env(web, tmp_path)
    assert run_sarcref("add", DOI, cwd=tmp_path, env=environment).returncode == 0
    changed = json.loads(fixture("doi_article.json"))
    changed["volume"] = "28"
    web.add(f"/registrar/{DOI}", Reply.json(changed))
    shown = run_sarcref("update", "lerman2015locala", cwd=tmp_path, env=environment)
    assert shown.returncode == 0, shown.stderr
    assert "volume" in shown.stdout and "28" in shown.stdout
    assert "nothing was written" in shown.stderr
    applied = run_sarcref("update", "lerman2015locala", "--apply", cwd=tmp_path, env=environment)
    assert applied.returncode == 0, applied.stderr
    with Library() as library:
        assert library.get("lerman2015locala").csl["volume"] == "28"


def test_check_reports_a_retraction_and_exits_1(web: FakeServices, tmp_path: Path) -> None:
    doi = "10.5555/sarc.2019.777"
    with Library() as library:
        library.add(
            {
                "id": "okafor2019",
                "type": "article-journal",
                "title": "Margins in sarcoma surgery",
                "author": [{"family": "Okafor", "given": "Ada"}],
                "container-title": "Journal of Sarcoma Research",
                "volume": "3",
                "page": "1-9",
                "issued": {"date-parts": [[2019]]},
                "DOI": doi,
            }
        )
    web.add(f"/crossref/works/{doi}", Reply(200, fixture("works_retracted.json")))
    offline_check = run_sarcref("check", "okafor2019", cwd=tmp_path)
    assert offline_check.returncode == 0, offline_check.stdout + offline_check.stderr
    online = run_sarcref(
        "check", "okafor2019", "--online", "-f", "json", cwd=tmp_path, env=env(web, tmp_path)
    )
    assert online.returncode == 1, online.stderr
    issues = json.loads(online.stdout)["issues"]
    assert [i["code"] for i in issues][:1] == ["retracted"]  # (the fixture holds a concern too)
    assert "retract" in issues[0]["message"].lower()
