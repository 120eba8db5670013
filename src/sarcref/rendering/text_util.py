"""Character classes shared by the rendering modules (the ones citeproc-js uses)."""

from __future__ import annotations

import re

_ROMANESQUE_CHARS = (
    "a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e"
)
# A character of a script that has letter case or is written left to right like Latin.
ROMANESQUE = re.compile(f"[-0-9{_ROMANESQUE_CHARS}]")
ALL_ROMANESQUE = re.compile(f"^[{_ROMANESQUE_CHARS}]+$")
STARTS_ROMANESQUE = re.compile(f"^[&{_ROMANESQUE_CHARS}]")
ENDS_ROMANESQUE = re.compile(f"[.;:&{_ROMANESQUE_CHARS}]$")
NOT_ROMANESQUE = re.compile(f"[^{_ROMANESQUE_CHARS}]")

TERMINAL_PUNCTUATION = (":", ".", ";", "!", "?", " ")
