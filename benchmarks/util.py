"""Shared helpers for benchmarks: timing with medians and p95, and a Django set-up against a
throw-away PostgreSQL database."""

import os
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager


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


def fresh_database(name: str) -> None:
    """Drop and create a benchmark database beside the one DATABASE_URL names."""
    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/capacitas")
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def count_queries(counter: list[int]):
    """Count the SQL statements run inside the block into counter[0] (works where
    CaptureQueriesContext reports 0 under production-like settings)."""
    from django.db import connection

    def wrapper(execute, sql, params, many, context):
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def measure_get(client, url: str, *, runs: int = 30) -> dict:
    """A page's p50/p95 over repeated GETs, with its query count and size (after one warm-up)."""
    counter = [0]
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with count_queries(counter):
        response = client.get(url)
    figures = timed(lambda: client.get(url), runs=runs, warmup=3)
    figures.update(queries=counter[0], bytes=len(response.content))
    return figures
