"""The pandoc filter end to end against citeproc-js: the same citations, the same records.

Usage: python benchmarks/filter_fidelity.py [--citations 200] [--styles apa vancouver ...]

A Markdown document of CITATIONS random citations (clusters of one to three records of
shared/bench/jgrey-bibliography-10k.csl.json.xz, with prefixes, ``-@`` suppressed
authors, locators with labels, and, in in-text styles, narrative ``@key [p. n]``
citations) goes through ``pandoc -t json``, the filter, and ``pandoc -t plain``. citeproc-js
(npm ``citeproc`` as pinned in shared/fidelity/package.json, installed into a temporary
folder, or the folder of node_modules given by CITEPROC_JS) renders the same citations as
one document (``processCitationCluster``, note numbers for note styles) and the
bibliography. Prints, per style, how many citations and entries are equal, how many
differ as documented (a numeric style's narrative citation: citeproc-js prints
``[NO_PRINTED_FORM]`` for the author), and the first differences.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

LABELS = [("p.", "page"), ("pp.", "page"), ("chap.", "chapter"), ("sec.", "section"),
          ("fig.", "figure")]  # fmt: skip


def shared(name: str) -> Path:
    for folder in [ROOT, *ROOT.parents]:
        if (folder / "shared" / name).exists():
            return folder / "shared" / name
    raise SystemExit(f"shared/{name} not found")


def citeproc_js(folder: Path) -> Path:
    """A folder whose node_modules holds citeproc-js."""
    given = os.environ.get("CITEPROC_JS")
    if given:
        return Path(given)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(shared("fidelity") / name, folder / name)
    subprocess.run(["npm", "ci", "--silent"], cwd=folder, check=True, capture_output=True)
    return folder


def citation(rng: random.Random, keys: list[str], narrative: bool) -> tuple[str, Any]:
    """Markdown for one citation and the same citation for citeproc-js."""
    chosen = list(dict.fromkeys(rng.choice(keys) for _ in range(rng.randint(1, 3))))
    if narrative and len(chosen) == 1 and rng.random() < 0.25:
        page = rng.randint(1, 99)
        item = {"id": chosen[0], "locator": str(page), "label": "page"}
        return f"@{{{chosen[0]}}} [p. {page}] says", {
            "citationItems": [item], "properties": {"mode": "composite"},
        }  # fmt: skip
    parts: list[str] = []
    items: list[dict[str, Any]] = []
    for key in chosen:
        item: dict[str, Any] = {"id": key}
        text = f"@{{{key}}}"
        if rng.random() < 0.2:
            text = "-" + text
            item["suppress-author"] = True
        if rng.random() < 0.3:
            text = "see " + text
            item["prefix"] = "see "
        if rng.random() < 0.4:
            written, label = rng.choice(LABELS)
            first = rng.randint(1, 50)
            locator = f"{first}-{first + rng.randint(1, 9)}" if written == "pp." else str(first)
            text += f", {written} {locator}"
            item["locator"], item["label"] = locator, label
        parts.append(text)
        items.append(item)
    return "[" + "; ".join(parts) + "]", {"citationItems": items, "properties": {}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citations", type=int, default=200)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--styles",
        nargs="+",
        default=["apa", "vancouver", "chicago-notes-bibliography",
                 "modern-language-association", "ieee"],
    )  # fmt: skip
    args = parser.parse_args()
    import citeproc

    from sarcref import Library
    from sarcref.errors import SarcrefError
    from sarcref.pandoc_filter import filter_document
    from sarcref.records import Record
    from sarcref.style_catalogue import resolve

    locales = str(Path(citeproc.__file__).parent / "data" / "locales")
    with lzma.open(shared("bench") / "jgrey-bibliography-10k.csl.json.xz", "rt") as handle:
        items = json.load(handle)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        node_folder = citeproc_js(folder)
        library = Library(folder / "library.sqlite", seed=False)
        records: list[Record] = []
        for raw in items:
            if len(records) == args.records:
                break
            if any(c.isspace() or c in "{}" for c in str(raw.get("id", ""))):
                continue
            try:
                records.append(library.add(Record.from_json(raw)))
            except SarcrefError:
                continue
        by_key = {r.key: r.to_csl() for r in records}
        keys = list(by_key)
        for style in args.styles:
            note = resolve(style).path.read_text().find('class="note"') >= 0
            rng = random.Random(args.seed)
            made = [citation(rng, keys, not note) for _ in range(args.citations)]
            markdown = "\n\n".join(f"X {text}." for text, _ in made) + "\n"
            cites = [c for _, c in made]
            for index, cite in enumerate(cites):
                cite["properties"]["noteIndex"] = index + 1 if note else 0
            order = list(dict.fromkeys(i["id"] for c in cites for i in c["citationItems"]))
            tree = json.loads(_run(["pandoc", "-t", "json", "-M", f"csl={style}"], markdown))
            filtered = filter_document(tree, library=library, warn=print)
            plain = _run(["pandoc", "-f", "json", "-t", "plain", "--wrap=none"],
                         json.dumps(filtered))  # fmt: skip
            resolved = resolve(style)
            oracle = json.loads(
                _run(
                    ["node", str(Path(__file__).with_suffix(".js"))],
                    json.dumps({
                        "style": str(resolved.path), "lang": resolved.default_locale or "en-US",
                        "localesDir": locales, "items": [by_key[k] for k in order],
                        "citations": cites, "bib": True,
                    }),
                    env={**os.environ, "NODE_PATH": str(node_folder / "node_modules")},
                )
            )  # fmt: skip
            _compare(style, note, made, plain, oracle)
        library.close()
    return 0


def _run(command: list[str], text: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, input=text, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{command[0]} failed: {done.stderr[-2000:]}")
    return done.stdout


def _compare(style: str, note: bool, made: list[Any], plain: str, oracle: Any) -> None:
    paragraphs = [p for p in plain.split("\n\n") if p.strip()]
    theirs: list[str] = oracle["citations"]
    if note:
        notes = dict(re.findall(r"^\[(\d+)\] (.*)$", plain, re.M))
        ours = [notes.get(str(n + 1), "") for n in range(len(made))]
        theirs = [t[:1].upper() + t[1:] for t in theirs]  # (pandoc capitalises its notes)
        entries = [p for p in paragraphs if not re.match(r"\[\d+\] ", p)][len(made) :]
    else:
        ours = []
        for (text, _), paragraph in zip(made, paragraphs, strict=False):
            body = paragraph[2:-1]  # "X " ... "."
            ours.append(body[: -len(" says")] if text.endswith(" says") else body)
        entries = paragraphs[len(made) :]
    equal = documented = 0
    shown: list[str] = []
    for (text, _), mine, cjs in zip(made, ours, theirs, strict=False):
        if mine.strip() == cjs.strip():
            equal += 1
        elif cjs.startswith("[NO_PRINTED_FORM] ") and cjs[18:].strip() == mine.strip():
            documented += 1
        elif len(shown) < 3:
            shown.append(f"    {text}\n      sarcref:     {mine}\n      citeproc-js: {cjs}")
    bibliography = oracle.get("bibliography", [])
    same_entries = sum(a.strip() == b for a, b in zip(entries, bibliography, strict=False))
    print(
        f"{style}: {equal} of {len(made)} citations equal, {documented} as documented, "
        f"{len(made) - equal - documented} differ; bibliography {same_entries} of "
        f"{len(bibliography)} entries equal ({len(entries)} printed)"
    )
    for ours_entry, theirs_entry in zip(entries, bibliography, strict=False):
        if ours_entry.strip() != theirs_entry and len(shown) < 5:
            shown.append(
                f"    entry\n      sarcref:     {ours_entry}\n      citeproc-js: {theirs_entry}"
            )
    for line in shown:
        print(line)


if __name__ == "__main__":
    raise SystemExit(main())
