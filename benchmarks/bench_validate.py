"""Measure ``usefirst validate`` on generated catalogs against a bare YAML parse.

    /work/venv/bin/python benchmarks/bench_validate.py --n 1000 --n 10000

For each size a catalog is generated in a temporary folder (``generate.py``),
then measured, each as a fresh process with the same interpreter:

- bare parse: read every record file and ``yaml.load(text, Loader=CSafeLoader)``;
- cold check: ``usefirst validate --no-cache``;
- warm check: ``usefirst validate`` after one changed file, the cache filled;
  once with the file still valid, once with an unknown field added to it;
- peak memory (maximum resident set) of the cold check.

Times are the best of ``--repeat`` runs. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_catalog  # noqa: E402

USEFIRST = Path(sys.executable).with_name("usefirst")
BARE_PARSE = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1]) / "catalog"
for path in sorted(root.rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


@dataclass
class Run:
    """One process: its wall and CPU time, peak memory and exit code."""

    seconds: float
    cpu_seconds: float
    peak_mib: float
    exit_code: int


@dataclass
class Figures:
    """What one catalog size measured."""

    n: int
    files: int
    megabytes: float
    bare: Run
    cold: Run
    warm: Run
    warm_invalid: Run
    phases: dict


def phases(root: Path) -> dict:
    """Time the steps of a cold check in this process, in CPU seconds."""
    import datetime

    from usefirst.catalog import load_catalog
    from usefirst.filecheck import paused_gc
    from usefirst.repository import Repository
    from usefirst.rules import REGISTRY, Context

    repository = Repository.find(root)
    context = Context(today=datetime.date.today())
    with paused_gc():
        start = time.process_time()
        catalog, _ = load_catalog(repository, use_cache=False)
        loaded = time.process_time() - start
        rules = {}
        for code, registered in REGISTRY.items():
            start = time.process_time()
            list(registered.check(catalog, context))
            rules[code] = time.process_time() - start
    return {"files": loaded, "rules": rules}


def run(command: list[str], cwd: Path) -> Run:
    """Run a process to its end and measure its time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{shlex.join(command)} failed: {process.stderr.read()}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, process.returncode)


def best(command: list[str], cwd: Path, repeat: int, before=None) -> Run:
    """Run a command ``repeat`` times and keep the fastest run."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(run(command, cwd))
    return min(runs, key=lambda r: r.seconds)


def measure(n: int, repeat: int, folder: Path) -> Figures:
    """Generate a catalog of ``n`` achievements and measure it."""
    root = folder / f"catalog-{n}"
    generated = generate_catalog(root, n)
    files = sorted((root / "catalog").rglob("*.yaml"))
    size = sum(path.stat().st_size for path in files) / 1e6

    # alternate the two, so that a busy moment of the machine hits both alike
    bare_runs, cold_runs = [], []
    for _ in range(repeat):
        bare_runs.append(run([sys.executable, "-c", BARE_PARSE, str(root)], root))
        cold_runs.append(run([str(USEFIRST), "validate", "--no-cache"], root))
    bare = min(bare_runs, key=lambda r: r.seconds)
    cold = min(cold_runs, key=lambda r: r.seconds)
    if cold.exit_code != 0:
        raise SystemExit(f"generated catalog of {n} is not valid")

    # fill the cache, then change one achievement before each timed run
    run([str(USEFIRST), "validate"], root)
    changed = root / "catalog" / generated.units[0] / "achievements"
    changed = sorted(changed.glob("*.yaml"))[0]
    original = changed.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def edit(extra: str) -> None:
        text = f"{original}{extra}# edit {next(counter)}\n"
        changed.write_text(text, encoding="utf-8")

    validate = [str(USEFIRST), "validate"]
    warm = best(validate, root, repeat, before=lambda: edit(""))
    # an unknown field: the record's valid part goes through the rules again
    warm_invalid = best(validate, root, repeat, before=lambda: edit("tlr: 5\n"))
    changed.write_text(original, encoding="utf-8")
    command = [sys.executable, __file__, "--phases", str(root)]
    steps = json.loads(subprocess.run(command, capture_output=True).stdout)
    return Figures(n, len(files), size, bare, cold, warm, warm_invalid, steps)


def machine() -> str:
    """Describe the machine the figures come from."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs (nproc), {cpu}; Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()}"
    )


def table(figures: list[Figures]) -> str:
    """Render the figures as a Markdown table; times as wall / CPU seconds."""
    lines = [
        "| achievements | record files | MB | bare parse s | cold check s | ratio "
        "| warm check, one file changed s | the same, the file now invalid s "
        "| peak memory, cold MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        ratio = f.cold.seconds / f.bare.seconds
        cpu_ratio = f.cold.cpu_seconds / f.bare.cpu_seconds
        lines.append(
            f"| {f.n} | {f.files} | {f.megabytes:.1f} | {_times(f.bare)} "
            f"| {_times(f.cold)} | {ratio:.2f} / {cpu_ratio:.2f} "
            f"| {_times(f.warm)} | {_times(f.warm_invalid)} | {f.cold.peak_mib:.0f} |"
        )
    return "\n".join(lines)


def phase_table(figures: list[Figures]) -> str:
    """Render where the CPU time of a cold check goes."""
    lines = [
        "| achievements | files: read, parse, layout, schema, facts s | all rules s "
        "| slowest rules s |",
        "|---:|---:|---:|---|",
    ]
    for f in figures:
        rules = f.phases["rules"]
        slowest = sorted(rules.items(), key=lambda item: -item[1])[:4]
        named = ", ".join(f"{code} {seconds:.2f}" for code, seconds in slowest)
        lines.append(
            f"| {f.n} | {f.phases['files']:.2f} | {sum(rules.values()):.2f} | {named} |"
        )
    return "\n".join(lines)


def _times(run: Run) -> str:
    return f"{run.seconds:.2f} / {run.cpu_seconds:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="achievements")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure")
    parser.add_argument("--phases", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        print(json.dumps(phases(args.phases)))
        return
    sizes = args.n or [1000]
    with tempfile.TemporaryDirectory(prefix="usefirst-bench-") as folder:
        figures = [measure(n, args.repeat, Path(folder)) for n in sizes]
    print(f"Machine: {machine()}\n")
    print(f"Command: `{shlex.join([Path(sys.executable).name, *sys.argv])}`\n")
    print(table(figures))
    print()
    print(phase_table(figures))


if __name__ == "__main__":
    main()
