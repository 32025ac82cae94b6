"""Measure the site build on generated catalogs, and what a visitor downloads.

    /work/venv/bin/python benchmarks/bench_site.py --n 1000 --n 10000

For each size a catalog is generated in a temporary folder (``generate.py``)
next to a copy of ``site/`` and ``mkdocs.yml``, then measured:

- cold build: ``mkdocs build --strict`` in a fresh process, no cache;
- warm build: the same again, with the record cache of the first build;
- wall and CPU seconds (CPU includes the processes the build starts) and the
  peak memory (maximum resident set of one process);
- pages and bytes of the built site, bytes of one achievement page;
- one search: the built site is served on 127.0.0.1 without compression and
  ``catalog/?q=<term>`` is opened in a fresh Chromium context; the bytes of
  every response until the results show, and of the search index alone.

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import launch, serve  # noqa: E402
from generate import generate_catalog  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")
QUERY = "固态电解质"


@dataclass
class Build:
    """One build process: wall and CPU seconds, peak memory."""

    seconds: float
    cpu_seconds: float
    peak_mib: float


@dataclass
class Figures:
    """What one catalog size measured."""

    n: int
    cold: Build
    warm: Build
    pages: int
    site_mb: float
    page_kb: float
    search_kb: float
    index_kb: float
    results: int
    expected: int


def build(root: Path) -> Build:
    """Run ``mkdocs build --strict`` and measure it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(MKDOCS), "build", "--strict", "--site-dir", "public"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"mkdocs build failed in {root}: {process.stderr.read()}")
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds, cpu, usage.ru_maxrss / 1024)


def search_bytes(site: Path, query: str) -> tuple[int, int, int]:
    """Open one search in a fresh browser; return all bytes, index bytes, results."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(f"{base}catalog/?q={query}")
        page.wait_for_function(
            "document.querySelector('#catalog-search')?.dataset.state === 'done'"
        )
        page.wait_for_load_state("networkidle")
        results = _result_count(page)
        sizes = [
            (entry["name"], entry["encodedBodySize"])
            for entry in page.evaluate(_RESOURCES)
        ]
        browser.close()
    total = sum(size for _, size in sizes)
    index = sum(size for name, size in sizes if "/search/" in name)
    return total, index, results


# The navigation document and every resource it loaded, with transferred sizes.
_RESOURCES = """() => [
  ...performance.getEntriesByType('navigation'),
  ...performance.getEntriesByType('resource'),
].map(e => ({name: e.name, encodedBodySize: e.encodedBodySize}))"""


def _result_count(page: Any) -> int:
    status = page.locator("#catalog-search .cs-status").inner_text()
    digits = "".join(ch for ch in status if ch.isdigit())
    return int(digits or 0)


def measure(n: int, folder: Path) -> Figures:
    """Generate a catalog of ``n`` achievements, build its site and measure it."""
    root = folder / f"site-{n}"
    generated = generate_catalog(root, n)
    shutil.copytree(PROJECT / "site", root / "site")
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")

    cold = build(root)
    warm = build(root)
    site = root / "public"
    files = [path for path in site.rglob("*") if path.is_file()]
    page = site / "achievements" / generated.achievements[0].id / "index.html"
    total, index, results = search_bytes(site, QUERY)
    return Figures(
        n=n,
        cold=cold,
        warm=warm,
        pages=sum(1 for path in files if path.name == "index.html"),
        site_mb=sum(path.stat().st_size for path in files) / 1e6,
        page_kb=page.stat().st_size / 1e3,
        search_kb=total / 1e3,
        index_kb=index / 1e3,
        results=results,
        expected=len(
            {a.id for a in generated.achievements if QUERY in a.text}
            & _in_stock_ids(root)
        ),
    )


def _in_stock_ids(root: Path) -> set[str]:
    data = json.loads((root / "public" / "data" / "catalog.json").read_text("utf-8"))
    return {a["id"] for a in data["achievements"] if a["status"] == "in_stock"}


def table(figures: list[Figures]) -> str:
    """Render the figures as a Markdown table; times as wall / CPU seconds."""
    lines = [
        "| achievements | pages | site MB | cold build s | warm build s "
        "| peak memory MiB | one achievement page KB "
        f"| one search “{QUERY}” KB (index KB) | results / expected |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        lines.append(
            f"| {f.n} | {f.pages} | {f.site_mb:.0f} "
            f"| {f.cold.seconds:.0f} / {f.cold.cpu_seconds:.0f} "
            f"| {f.warm.seconds:.0f} / {f.warm.cpu_seconds:.0f} "
            f"| {max(f.cold.peak_mib, f.warm.peak_mib):.0f} | {f.page_kb:.1f} "
            f"| {f.search_kb:.0f} ({f.index_kb:.0f}) | {f.results} / {f.expected} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="achievements")
    parser.add_argument("--keep", type=Path, help="build here and keep the result")
    args = parser.parse_args()
    sizes = args.n or [1000]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = [measure(n, args.keep) for n in sizes]
    else:
        with tempfile.TemporaryDirectory() as folder:
            figures = [measure(n, Path(folder)) for n in sizes]
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
    print(table(figures))


if __name__ == "__main__":
    main()
