"""`make bench`: run every benchmark module and write docs/benchmarks.md.

Each ``benchmarks/bench_*.py`` exposes ``run() -> str``, returning a Markdown section (heading level
2) with medians and p95 over many runs. Modules run in name order, one at a time, against the test
settings' PostgreSQL. Pass module names to run only some: ``python -m benchmarks bench_search``."""

import datetime
import importlib
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "benchmarks.md"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    try:
        pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pg = "psql not found"
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.platform()}, Python {platform.python_version()}, {pg}"


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    names = argv or sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    sections = []
    for name in names:
        print(f"== {name}", flush=True)
        # Each module runs in a process of its own: Django is set up once per process, against the
        # module's own benchmark database.
        with tempfile.NamedTemporaryFile("r", suffix=".md") as result:
            subprocess.run([sys.executable, "-m", "benchmarks", "--one", name, result.name], check=True)
            sections.append(Path(result.name).read_text())
        write(sections)  # after each module, so that a long run keeps what it measured
    print(f"wrote {OUTPUT}")


def run_one(name: str, output: str) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    Path(output).write_text(module.run())


def write(sections: list[str]) -> None:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        "# Benchmarks\n\n"
        f"Written by `make bench` on {now}.\n\nMachine: {machine()}.\n\n"
        "The machine is shared and noisy: figures are medians and p95 over many runs, and what is compared is "
        "measured side by side in the same run.\n"
    )
    OUTPUT.write_text(header + "\n" + "\n\n".join(s.strip() for s in sections) + "\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        run_one(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1:])
