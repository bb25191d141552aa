"""Shared helpers for benchmarks: timing with medians and p95, and a Django set-up against a
throw-away PostgreSQL database."""

import os
import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lower, upper = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (k - lower)


def timed(fn: Callable[[], object], *, runs: int = 50, warmup: int = 3) -> dict[str, float]:
    """Run fn `runs` times after a warm-up; milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return {"p50": statistics.median(samples), "p95": percentile(samples, 0.95), "runs": runs}


def django_setup(database: str) -> None:
    """Point Django at its own benchmark database (created fresh) on the test PostgreSQL."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/capacitas")
    os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + database
    import django

    django.setup()
