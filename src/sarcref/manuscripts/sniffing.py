"""Which syntax a manuscript without a known extension is written in, from its first lines."""

from __future__ import annotations

import re

_BCF = re.compile(r"<bcf:controlfile\b")
_AUX = re.compile(
    r"^\\(?:relax|citation\{|abx@aux@|bibstyle\{|bibdata\{|@writefile|@input\{)", re.M
)
_LATEX = re.compile(
    r"^\s*\\(?:documentclass|begin\{document\}|section\*?\{|chapter\*?\{|usepackage)|"
    r"\\(?:cite[a-z]*|parencite|textcite|autocite|footcite|nocite)\*?[\[{]",
    re.M,
)
_TYPST = re.compile(r"^\s*#(?:import|set|show|let|include|bibliography)\b|#cite\(", re.M)
_MARKDOWN = re.compile(r"\A---\s*\n|^#{1,6}\s|\[-?@|(?:^|\s)@[\w{]", re.M)


def sniff(head: str) -> str | None:
    """ "bcf", "aux", "latex", "typst" or "markdown" for the start of a file; None if unsure."""
    if _BCF.search(head):
        return "bcf"
    if _AUX.search(head):
        return "aux"
    if _LATEX.search(head):
        return "latex"
    if _TYPST.search(head):
        return "typst"
    if _MARKDOWN.search(head):
        return "markdown"
    return None
