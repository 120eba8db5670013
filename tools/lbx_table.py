"""Write src/sarcref/formats/bibtex/lbx_strings.py from biblatex's .lbx files.

Usage: python tools/lbx_table.py BIBLATEX_LBX_DIR [--commit ID]

BIBLATEX_LBX_DIR is biblatex's ``tex/latex/biblatex/lbx`` folder (github.com/plk/biblatex).
Only the keys sarcref maps (``KEYS``) are kept, in their long forms, with biblatex's
punctuation macros and LaTeX accents turned into text. Run it again when biblatex adds a
language or a key; the output is data (LPPL 1.3c, as the .lbx files are).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "sarcref" / "formats" / "bibtex" / "lbx_strings.py"

KEYS = """
bathesis mathesis phdthesis candthesis techreport resreport software datacd audiocd
patent patentde patenteu patentfr patentuk patentus
patreq patreqde patreqeu patreqfr patrequk patrequs
countryde countryeu countryep countryfr countryuk countryus
jourser newseries oldseries
inpreparation submitted forthcoming inpress prepublished
and andothers andmore nodate
editor editors compiler founder continuator redactor reviser collaborator organizer translator
volume volumes jourvol book part issue edition in number chapter version
reprint reprintof reprintas reprintfrom translationof translationas reviewof origpubas origpubin
""".split()

# biblatex's punctuation and spacing commands, as the text they print.
MACROS = {
    r"\adddotspace": ". ",
    r"\addabbrvspace": " ",
    r"\addnbspace": "\u00a0",
    r"\addnbthinspace": "\u202f",
    r"\addthinspace": "\u2009",
    r"\addspace": " ",
    r"\adddot": ".",
    r"\addcomma": ",",
    r"\addcolon": ":",
    r"\addperiod": ".",
    r"\addsemicolon": ";",
    r"\textendash": "\u2013",
    r"\-": "",
    r"\,": "\u202f",
    "~": "\u00a0",
}

_ENTRY = re.compile(r"^\s*([a-zA-Z]+)\s*=\s*(\{.*\}),?\s*$")


def braced_groups(text: str) -> list[str]:
    """The top-level brace groups of *text*, without their braces."""
    groups, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "{" and (i == 0 or text[i - 1] != "\\"):
            if depth == 0:
                start = i + 1
            depth += 1
        elif char == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
    return groups


def read_lbx(path: Path) -> tuple[dict[str, str], str | None]:
    """The long forms a file declares, and the language it inherits strings from."""
    text = path.read_text(encoding="utf-8")
    inherit = re.search(r"\\InheritBibliographyStrings\{(\w+)\}", text)
    parent = inherit.group(1) if inherit else None
    strings: dict[str, str] = {}
    in_strings = False
    for line in text.splitlines():
        line = line.split("%", 1)[0] if "\\%" not in line else line
        if "\\DeclareBibliographyStrings" in line:
            in_strings = True
            continue
        if not in_strings:
            continue
        if line.strip() == "}":
            in_strings = False
            continue
        match = _ENTRY.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "inherit":
            parent = braced_groups(value)[0]
            continue
        outer = braced_groups(value) if value.startswith("{{") else []
        groups = braced_groups(outer[0]) if outer else []
        if groups:
            strings[key] = groups[0]
    return strings, parent


def decode(value: str, strings: dict[str, str]) -> str | None:
    from sarcref.formats.bibtex import latex

    for _ in range(3):
        value = re.sub(
            r"\\bibstring\{(\w+)\}", lambda m: strings.get(m.group(1), m.group(0)), value
        )
    for macro, text in sorted(MACROS.items(), key=lambda kv: -len(kv[0])):
        # TeX drops the spaces after a control word.
        tail = r"\s*" if macro[-1].isalpha() else ""
        head = "" if macro.startswith("\\") else r"(?<!\\)"
        value = re.sub(head + re.escape(macro) + tail, lambda _, t=text: t, value)
    value = re.sub(r"\\mbox\{([^{}]*)\}", r"\1", value)
    value = re.sub(r"\\textsc\{([^{}]*)\}", r"\1", value)
    text = latex.decode(value)
    return None if "\\" in text or "{" in text else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lbx", type=Path)
    parser.add_argument("--commit", default="")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    files = {p.stem: read_lbx(p) for p in sorted(args.lbx.glob("*.lbx"))}

    def resolved(language: str, seen: tuple[str, ...] = ()) -> dict[str, str]:
        own, parent = files[language]
        if parent and parent in files and parent not in seen:
            return {**resolved(parent, (*seen, language)), **own}
        return dict(own)

    table: dict[str, dict[str, str]] = {}
    aliases: dict[str, str] = {}
    # The shortest of equal tables' names is the canonical one (english, not american).
    for language in sorted(files, key=lambda name: (name != name.lower(), len(name), name)):
        raw = resolved(language)
        out = {}
        for key in KEYS:
            if key in raw:
                text = decode(raw[key], raw)
                if text:
                    out[key] = text
        same = next((name for name, kept in table.items() if kept == out), None)
        if same:
            aliases[language] = same
        elif out:
            table[language] = out
    lines = [
        '"""biblatex\'s localisation strings (long forms) for the keys sarcref maps.',
        "",
        "Made by tools/lbx_table.py from the .lbx files of biblatex",
        "(github.com/plk/biblatex" + (f", commit {args.commit})," if args.commit else "),"),
        "distributed under the LaTeX Project Public License 1.3c. Data, not code:",
        "language (biblatex's babel name) -> localisation key -> the words biblatex prints;",
        "ALIASES: languages whose strings are another's.",
        '"""',
        "",
        "# fmt: off",
        "STRINGS: dict[str, dict[str, str]] = {",
    ]
    for language, strings in table.items():
        lines.append(f"    {language!r}: {{")
        for key, text in strings.items():
            lines.append(f"        {key!r}: {text!r},")
        lines.append("    },")
    lines.append("}")
    lines.append("ALIASES: dict[str, str] = {")
    lines += [f"    {name!r}: {target!r}," for name, target in sorted(aliases.items())]
    lines += ["}", "# fmt: on", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    count = sum(len(s) for s in table.values())
    print(f"{OUT}: {len(table)} tables, {len(aliases)} aliases, {count} strings")


if __name__ == "__main__":
    main()
