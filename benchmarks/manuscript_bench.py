"""Manuscript timings: reading the keys of a long manuscript, and the pandoc filter.

Usage: python benchmarks/manuscript_bench.py [--pages 100] [--citations 200] [--runs 7]

1. ``keys``: a generated manuscript of PAGES pages (about 450 words and 8 citations a
   page, footnotes, code blocks, e-mail addresses and URLs), in Markdown, LaTeX (with one
   ``\\input`` file a chapter) and Typst. Prints the median time of ``read_cited`` in one
   process (after a warm-up), and of a whole process that reads the Markdown version
   (``python -c``, import included) beside ``python -c pass`` and ``pandoc -t json`` on the
   same file (what ``--via-pandoc`` costs).
2. The filter: a Markdown manuscript with CITATIONS citations of records from
   shared/bench/jgrey-bibliography-10k.csl.json.xz (a real library, benchmarks only),
   rendered to HTML in APA by ``pandoc --filter sarcref-pandoc`` (the records in a sarcref
   library) and by ``pandoc --citeproc`` (the same records exported as CSL-JSON), and by
   plain ``pandoc`` without citations processed (the floor). Rounds are interleaved: a
   machine that slows down mid-run slows all three alike. Medians and ranges.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

WORDS = (
    "sarcoma local control metastatic disease surgery radiation outcome patients cohort "
    "survival analysis margin resection chemotherapy response tumour grade stage imaging "
    "biopsy pathology histology recurrence follow-up treatment trial evidence review"
).split()


def bench_data() -> Path:
    for folder in [ROOT, *ROOT.parents]:
        candidate = folder / "shared" / "bench" / "jgrey-bibliography-10k.csl.json.xz"
        if candidate.is_file():
            return candidate
    raise SystemExit("shared/bench/jgrey-bibliography-10k.csl.json.xz not found")


# -- generated manuscripts ---------------------------------------------------------------


def sentence(rng: random.Random, length: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize()


def markdown_page(rng: random.Random, keys: list[str], page: int) -> str:
    parts: list[str] = [f"## Section {page}\n"]
    for paragraph in range(4):
        body: list[str] = []
        for _ in range(8):
            body.append(sentence(rng))
            roll = rng.random()
            if roll < 0.12:
                body[-1] += f" [@{rng.choice(keys)}]"
            elif roll < 0.18:
                first, second = rng.choice(keys), rng.choice(keys)
                body[-1] += f" [see @{first}, p. {rng.randint(1, 300)}; @{second}]"
            elif roll < 0.24:
                body[-1] = f"@{rng.choice(keys)} found that " + body[-1].lower()
            elif roll < 0.26:
                body[-1] += f" [-@{rng.choice(keys)}]"
        if paragraph == 1:
            body.append(f"Write to author{page}@example.org or see <https://example.org/@p{page}>.")
            body.append(f"A note.[^n{page}]")
        parts.append(". ".join(body) + ".\n")
    parts.append("```python\nprint('@notcited')\n```\n")
    parts.append(f"[^n{page}]: Details in [@{rng.choice(keys)}, chap. 2].\n")
    return "\n".join(parts)


def latex_chapter(markdown: str) -> str:
    text = markdown.replace("## ", "\\section{").replace("```python\n", "\\begin{verbatim}\n")
    text = text.replace("```\n", "\\end{verbatim}\n")
    import re

    two = r"\[see @([^,\]]+), p\. (\d+); @([^\]]+)\]"
    text = re.sub(two, r"\\parencite[see][p.~\2]{\1,\3}", text)
    text = re.sub(r"\[-@([^\]]+)\]", r"\\citeyear{\1}", text)
    text = re.sub(r"\[@([^,\]]+)(?:, chap\. 2)?\]", r"\\parencite{\1}", text)
    text = re.sub(r"<https://[^>]*>", "", text)  # (an @ in a URL is no LaTeX citation)
    text = re.sub(r"(?<![\w.])@([\w:.-]+\w)", r"\\textcite{\1}", text)
    return text


def typst_text(markdown: str) -> str:
    import re

    text = markdown.replace("## ", "= ").replace("```python", "```py")
    text = re.sub(r"\[see @([^,\]]+), p\. (\d+); @([^\]]+)\]", r"@\1[p. \2] @\3", text)
    text = re.sub(r"\[-?@([^,\]]+)(?:, chap\. 2)?\]", r"#cite(<\1>)", text)
    return text


def median_ms(action: Callable[[], object], runs: int) -> tuple[float, float, float]:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def keys_benchmark(pages: int, runs: int, folder: Path) -> None:
    from sarcref.manuscripts import read_cited

    rng = random.Random(16)
    keys = [f"{rng.choice(WORDS)}{rng.randint(1950, 2025)}x{n}" for n in range(300)]
    page_texts = [markdown_page(rng, keys, n) for n in range(1, pages + 1)]
    markdown = folder / "long.md"
    markdown.write_text("---\ntitle: Long\nnocite: '@extra2000'\n---\n\n" + "\n".join(page_texts))
    chapters = folder / "chapters"
    chapters.mkdir()
    main = ["\\documentclass{report}\n\\begin{document}"]
    for chapter in range(10):
        name = f"chapter{chapter}"
        share = page_texts[chapter * pages // 10 : (chapter + 1) * pages // 10]
        (chapters / f"{name}.tex").write_text(latex_chapter("\n".join(share)))
        main.append(f"\\input{{chapters/{name}}}")
    main.append("\\end{document}")
    latex = folder / "long.tex"
    latex.write_text("\n".join(main))
    typst = folder / "long.typ"
    typst.write_text(typst_text("\n".join(page_texts)))
    size = markdown.stat().st_size
    print(f"keys: a {pages}-page manuscript ({size // 1024} KiB of Markdown), {runs} runs")
    for path in (markdown, latex, typst):
        found = read_cited([path])  # (warm-up: imports, regular expressions)
        median, low, high = median_ms(lambda path=path: read_cited([path]), runs)
        print(
            f"  {path.suffix:<5} {len(found.keys):4d} keys, {len(found.files):2d} files: "
            f"{median:7.1f} ms median (range {low:.1f}-{high:.1f})"
        )
    python = sys.executable
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "whole process, .md": [
            python, "-c",
            f"from sarcref.manuscripts import read_cited; read_cited([{str(markdown)!r}])",
        ],
        "pandoc -t json (.md)": ["pandoc", "-t", "json", "-o", os.devnull, str(markdown)],
    }  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=_env())
            times[name].append((time.perf_counter() - start) * 1000)
    for name, values in times.items():
        print(f"  {name:<22} {statistics.median(values):7.1f} ms median "
              f"(range {min(values):.1f}-{max(values):.1f})")  # fmt: skip


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


# -- the filter ----------------------------------------------------------------------------


def filter_benchmark(citations: int, runs: int, folder: Path) -> None:
    from sarcref import Library
    from sarcref.errors import SarcrefError
    from sarcref.formats.exporters import export
    from sarcref.records import Record
    from sarcref.style_catalogue import resolve

    with lzma.open(bench_data(), "rt", encoding="utf-8") as handle:
        items = json.load(handle)
    library_path = folder / "library.sqlite"
    library = Library(library_path, seed=False)
    records: list[Record] = []
    for item in items:
        if len(records) == 150:
            break
        if any(c.isspace() or c in "{}" for c in str(item.get("id", ""))):
            continue  # (a key a braced Markdown citation cannot hold)
        try:
            record = Record.from_json(item)
            library.add(record)
        except SarcrefError:
            continue
        records.append(record)
    rng = random.Random(200)
    paragraphs: list[str] = []
    done = 0
    while done < citations:
        text = sentence(rng, 30)
        count = rng.randint(1, 3)
        keys = [rng.choice(records).key for _ in range(count)]
        cluster = "; ".join(f"@{{{k}}}" for k in keys)
        paragraphs.append(f"{text} [{cluster}].")
        done += 1
    manuscript = folder / "cited.md"
    manuscript.write_text("\n\n".join(paragraphs) + "\n\n# References\n", encoding="utf-8")
    cited_keys = list(dict.fromkeys(k for k in _keys_in(paragraphs)))
    bibliography = folder / "refs.json"
    bibliography.write_text(export(library.get_many(cited_keys), "csl-json"), encoding="utf-8")
    library.close()
    apa = str(resolve("apa").path)
    script = folder / "sarcref-pandoc"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m sarcref.pandoc_filter "$@"\n')
    script.chmod(0o755)
    out = str(folder / "out.html")
    env = _env()
    env["SARCREF_LIBRARY"] = str(library_path)
    commands = {
        "pandoc --filter sarcref-pandoc": [
            "pandoc", str(manuscript), "--filter", str(script), "-M", f"csl={apa}", "-o", out,
        ],
        "pandoc --citeproc": [
            "pandoc", str(manuscript), "--citeproc", "--bibliography", str(bibliography),
            "--csl", apa, "-o", out,
        ],
        "pandoc (no citations processed)": ["pandoc", str(manuscript), "-o", out],
    }  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # (warm-up: caches, compiled files)
        subprocess.run(command, check=True, capture_output=True, env=env)
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            times[name].append((time.perf_counter() - start) * 1000)
    print(
        f"filter: {citations} citations of {len(cited_keys)} records in APA to HTML, "
        f"{runs} interleaved rounds"
    )
    for name, values in times.items():
        print(f"  {name:<32} {statistics.median(values):7.0f} ms median "
              f"(range {min(values):.0f}-{max(values):.0f})")  # fmt: skip


def _keys_in(paragraphs: list[str]) -> list[str]:
    import re

    return [m.group(1) for p in paragraphs for m in re.finditer(r"@\{([^}]+)\}", p)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--citations", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "keys").mkdir()
        keys_benchmark(args.pages, args.runs, folder / "keys")
        (folder / "filter").mkdir()
        filter_benchmark(args.citations, args.runs, folder / "filter")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
