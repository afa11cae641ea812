"""The importer on every volume we can grade, in one table (issue 12's quality bar).

    .venv/bin/python bench/import_volumes.py [--shared ../shared] [--only NAME]

For each file it runs `manage.py import_proceedings FILE --dry-run --format json`, exactly as
an editor or a grader would, scores the output with the shared `score_split.py` against the
file's gold, and times the pure pipeline in this process (`parse_proceedings`, best of two).
Files: the bundled seed as shipped and as other dumps of the same PDF would give it (leading
spaces stripped; blank lines dropped; each paragraph on one line — their predicted line
numbers are mapped back to the shipped file's before scoring), and each real volume in
`../shared/eval/volumes/`, both its text dump and its PDF. The volumes are third-party
material: read where they lie, never copied.
Goals: bundled 1.000 everywhere; stripped split ≥ 0.95, the rest ≥ 0.90; each volume, text and
PDF: split ≥ 0.95, title/authors/supervisors ≥ 0.90, language 1.000, keywords ≥ 0.85, no false
repeat; a 126-page PDF in ≤ 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proceedings.site.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

from proceedings.importer.pipeline import parse_proceedings  # noqa: E402 - after the path is set

SEED = "000_b9a1821462d33f30.txt"
METRICS = ("split", "title", "authors", "supervisors", "language", "keywords")
SUMMARY = re.compile(
    r"split F1 (?P<split>[\d.]+) \| title F1 (?P<title>[\d.]+) \| authors F1 (?P<authors>[\d.]+) \| "
    r"supervisors F1 (?P<supervisors>[\d.]+) \| language (?P<language>[\d.]+) \| "
    r"keywords F1 (?P<keywords>[\d.]+) \| duplicates (?P<dups>\d+/\d+) \(false (?P<false>\d+)\)"
)


# A variant's lines, each with the first and last line of the shipped file it holds.
Variant = list[tuple[str, int, int]]


@dataclass(frozen=True)
class Case:
    name: str
    source: Path  # what the importer reads
    raw: Path  # the dump the gold's line numbers refer to
    gold: Path
    partial: bool = False
    origin: list[tuple[int, int]] | None = None  # a variant's line N holds these shipped lines


def seed_variants(shared: Path, scratch: Path) -> list[Case]:
    raw = shared / "seed" / SEED
    gold = shared / "eval" / "split_sample_gold.json"
    lines = [
        (line, number, number) for number, line in enumerate(raw.read_text(encoding="utf-8").split("\n"), 1)
    ]
    variants: dict[str, Variant] = {
        "seed, leading spaces stripped": [(text.lstrip(), first, last) for text, first, last in lines],
        "seed, blank lines dropped": [line for line in lines if line[0].strip()],
        "seed, a paragraph per line": one_line_paragraphs(lines),
    }
    cases = [Case("seed", raw, raw, gold, partial=True)]
    for name, variant in variants.items():
        path = scratch / (re.sub(r"\W+", "-", name) + ".txt")
        path.write_text("\n".join(text for text, _, _ in variant), encoding="utf-8")
        origin = [(first, last) for _, first, last in variant]
        cases.append(Case(name, path, raw, gold, partial=True, origin=origin))
    return cases


def one_line_paragraphs(lines: Variant) -> Variant:
    """Each run of non-empty lines joined into one line, as a dump of reflowed text would be."""
    out: Variant = []
    run: Variant = []
    for line in [*lines, ("", 0, 0)]:
        if line[0].strip():
            run.append(line)
        elif run:
            out.append((" ".join(text.strip() for text, _, _ in run), run[0][1], run[-1][2]))
            run = []
    return out


def mapped_back(plan: dict, origin: list[tuple[int, int]]) -> dict:
    """The plan with each article's lines given as the shipped file's, for the line scorer."""
    articles = [
        {
            **article,
            "start_line": origin[article["start_line"] - 1][0],
            "end_line": origin[article["end_line"] - 1][1],
        }
        for article in plan["articles"]
    ]
    return {**plan, "articles": articles}


def volume_cases(shared: Path) -> list[Case]:
    cases = []
    for folder in sorted((shared / "eval" / "volumes").iterdir()):
        gold, dump = folder / "gold.json", folder / "volume.txt"
        for kind in ("txt", "pdf"):
            source = folder / f"volume.{kind}"
            if source.exists() and gold.exists():
                cases.append(Case(f"{folder.name} ({kind})", source, dump, gold))
    return cases


def dry_run(source: Path) -> dict:
    command = [sys.executable, str(ROOT / "manage.py"), "import_proceedings", str(source), "--dry-run"]
    result = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if result.returncode:
        raise SystemExit(f"{source.name}: the dry run failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def score(case: Case, prediction: Path, shared: Path) -> dict[str, str]:
    command = [
        sys.executable, str(shared / "eval" / "score_split.py"), "--raw", str(case.raw),
        "--gold", str(case.gold), "--pred", str(prediction),
    ]  # fmt: skip
    if case.partial:
        command.append("--partial")
    output = subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
    match = SUMMARY.search(output.splitlines()[-1] if output else "")
    if not match:
        raise SystemExit(f"{case.name}: could not read the scorer's summary:\n{output[-2000:]}")
    return match.groupdict()


def pipeline_seconds(source: Path) -> float:
    data = source.read_bytes()
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        parse_proceedings(data, filename=source.name)
        best = min(best, time.perf_counter() - started)
    return best


def pages_of(source: Path) -> str:
    if source.suffix != ".pdf":
        return ""
    import pymupdf  # noqa: PLC0415 - only for the page count of a PDF

    with pymupdf.open(source) as doc:
        return str(doc.page_count)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        cases = seed_variants(arguments.shared, scratch) + volume_cases(arguments.shared)
        if arguments.only:
            cases = [case for case in cases if arguments.only in case.name]
        header = f"{'file':38} {'articles':>8} " + " ".join(f"{m:>11}" for m in METRICS)
        print(f"{header} {'false rep.':>10} {'pages':>5} {'pipeline s':>10}")
        for case in cases:
            plan = dry_run(case.source)
            if case.origin:
                plan = mapped_back(plan, case.origin)
            prediction = scratch / "prediction.json"
            prediction.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
            figures = score(case, prediction, arguments.shared)
            row = f"{case.name:38} {len(plan['articles']):>8} " + " ".join(
                f"{figures[m]:>11}" for m in METRICS
            )
            seconds = pipeline_seconds(case.source)
            print(f"{row} {figures['false']:>10} {pages_of(case.source):>5} {seconds:>10.2f}", flush=True)


if __name__ == "__main__":
    main()
