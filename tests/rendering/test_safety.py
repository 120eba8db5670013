"""A style file is untrusted XML: no entity expansion, no DTD, no network, no XXE."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarcref.rendering import StyleError, load_style

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
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
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
  <citation><layout><text value="&lol9;"/></layout></citation>
</style>
"""


def test_billion_laughs_style_is_refused_without_expanding_entities() -> None:
    with pytest.raises(StyleError, match="entit"):
        load_style(BILLION_LAUGHS)


def test_external_entity_style_does_not_read_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE style [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
  <citation><layout><text value="&xxe;"/></layout></citation>
</style>""".encode()
    with pytest.raises(StyleError) as caught:
        load_style(xxe)
    assert "TOP-SECRET" not in caught.value.message


def test_external_dtd_is_never_fetched_from_the_network() -> None:
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE style SYSTEM "http://example.invalid/csl.dtd">
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
  <citation><layout><text value="ok"/></layout></citation>
</style>"""
    with pytest.raises(StyleError, match="network"):
        load_style(xml)
