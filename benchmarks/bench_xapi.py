"""Statement ingest of the learning record store (xapi/), against a real server process.

A throw-away PostgreSQL database is migrated, an LRS client is created, and gunicorn (2 workers x 4
threads) serves the project on 127.0.0.1. The load generator runs on the same machine:
- single POSTs: 8 clients at once, each posting one statement per request (keep-alive);
- batches: 8 clients at once, each posting batches of 100 statements that share agents and
  activities (the case that deadlocked ADL's LRS);
- GET ``?limit=100``, one client;
- documents: 8 clients at once, each PUTting then GETting its own State documents;
- 1,000,000 statements written straight into the table by PostgreSQL (``INSERT … SELECT`` over
  ``generate_series``, with their agent and activity relations), then GET ``?limit=100`` newest
  first, and the same filtered by one agent;
- the client-secret check: HMAC-SHA256 (what the LRS does) against Django's PBKDF2 (what a
  password check per request would cost; docs/decisions/0035).
Targets (docs/benchmarks.md): >= 269 statements/s single with p95 <= 49 ms, >= 3,191
statements/s in batches, no deadlock, newest first; documents >= 200 requests/s; with 1,000,000
statements stored, GET of 100 newest first p95 < 30 ms.
"""

from __future__ import annotations

import base64
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

from benchmarks.util import fresh_database, percentile, timed

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "capacitas_bench_xapi"
PORT = int(os.environ.get("BENCH_XAPI_PORT", "8105"))
CLIENTS = 8
SINGLE_PER_CLIENT = 150
BATCHES_PER_CLIENT = 5
BATCH_SIZE = 100
DOCUMENTS_PER_CLIENT = 150
BULK = int(os.environ.get("BENCH_XAPI_BULK", "1000000"))

AGENTS = [f"mailto:officer{i}@police.example.org" for i in range(10)]
ACTIVITIES = [f"https://capacitas.example.org/activities/{i}" for i in range(5)]


def _statement() -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "mbox": random.choice(AGENTS)},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {
            "id": random.choice(ACTIVITIES),
            "definition": {
                "name": {"en-US": "Check"},
                "interactionType": "true-false",
                "correctResponsesPattern": ["true"],
            },
        },
        "result": {"score": {"scaled": round(random.random(), 2)}, "success": True, "completion": True},
        "context": {"contextActivities": {"parent": [{"id": ACTIVITIES[0]}]}},
    }


def _database_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/capacitas")
    return base.rsplit("/", 1)[0] + "/" + DATABASE


def _env() -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=_database_url(),
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DEBUG="false",
        CELERY_TASK_ALWAYS_EAGER="true",
        LOG_LEVEL="ERROR",
    )
    return env


def _fresh_database() -> None:
    fresh_database(DATABASE)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=_env(), check=True, capture_output=True
    )


def _credentials() -> tuple[str, str]:
    code = "from xapi.services import lrs_client_create;c, s = lrs_client_create(name='bench');print(c.key + ':' + s)"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    key, secret = out.strip().splitlines()[-1].split(":", 1)
    return key, secret


def _start_server() -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lms.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        raise RuntimeError(f"gunicorn did not start on port {PORT}")
    return server


def _session(auth: str) -> requests.Session:
    session = requests.Session()
    session.headers.update(
        {"Authorization": auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
    )
    return session


def _load(auth: str, url: str, *, per_client: int, size: int) -> dict:
    """CLIENTS threads, each posting ``per_client`` requests of ``size`` statements."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(CLIENTS)

    def client() -> None:
        session = _session(auth)
        payloads = [[_statement() for _ in range(size)] if size > 1 else _statement() for _request in range(per_client)]
        barrier.wait()
        for payload in payloads:
            start = time.perf_counter()
            try:
                response = session.post(url, json=payload, timeout=120)
                ok = response.status_code == 200
                detail = f"{response.status_code} {response.text[:200]}"
            except requests.RequestException as error:
                ok, detail = False, str(error)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(detail)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    requests_done = len(latencies) - len(errors)
    return {
        "statements_per_s": requests_done * size / wall,
        "requests": len(latencies),
        "errors": errors,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
        "wall": wall,
    }


def _documents(auth: str, base: str) -> tuple[dict, dict]:
    """CLIENTS threads at once, each PUTting DOCUMENTS_PER_CLIENT State documents, then GETting them."""
    results: dict[str, list[float]] = {"PUT": [], "GET": []}
    errors: list[str] = []
    walls: dict[str, float] = {}
    lock = threading.Lock()

    def phase(method: str) -> None:
        barrier = threading.Barrier(CLIENTS)

        def client(number: int) -> None:
            session = _session(auth)
            agent = f'{{"objectType": "Agent", "mbox": "mailto:reader{number}@police.example.org"}}'
            barrier.wait()
            for index in range(DOCUMENTS_PER_CLIENT):
                params = {"activityId": ACTIVITIES[index % 5], "agent": agent, "stateId": f"bookmark-{index}"}
                start = time.perf_counter()
                if method == "PUT":
                    response = session.put(base + "/activities/state", params=params, json={"page": index}, timeout=60)
                    ok = response.status_code == 204
                else:
                    response = session.get(base + "/activities/state", params=params, timeout=60)
                    ok = response.status_code == 200 and response.json() == {"page": index}
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    results[method].append(elapsed)
                    if not ok:
                        errors.append(f"{method} {response.status_code} {response.text[:100]}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        walls[method] = time.perf_counter() - start

    phase("PUT")
    phase("GET")

    def summary(method: str) -> dict:
        samples = results[method]
        return {
            "per_s": len(samples) / walls[method],
            "requests": len(samples),
            "p50": statistics.median(samples),
            "p95": percentile(samples, 0.95),
            "errors": [e for e in errors if e.startswith(method)],
        }

    return summary("PUT"), summary("GET")


BULK_SQL = """
INSERT INTO xapi_statement (statement_id, content_hash, data, stored, "timestamp", verb_id, actor_ifi,
                            object_type, voided, is_voiding, client_id)
SELECT s.id, md5(s.id::text) || md5(s.id::text),
       jsonb_build_object(
         'id', s.id::text,
         'actor', jsonb_build_object('objectType', 'Agent', 'mbox', s.mbox),
         'verb', jsonb_build_object('id', 'http://adlnet.gov/expapi/verbs/answered',
                                    'display', jsonb_build_object('en-US', 'answered')),
         'object', jsonb_build_object('objectType', 'Activity', 'id', s.activity,
                                      'definition', jsonb_build_object('name', jsonb_build_object('en-US', 'Check'))),
         'result', jsonb_build_object('score', jsonb_build_object('scaled', round((s.g %% 100) / 100.0, 2)),
                                      'success', true, 'completion', true),
         'context', jsonb_build_object('contextActivities',
                                       jsonb_build_object('parent', jsonb_build_array(jsonb_build_object(
                                         'objectType', 'Activity', 'id', 'https://capacitas.example.org/courses/1')))),
         'timestamp', to_char(s.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'stored', to_char(s.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'authority', jsonb_build_object('objectType', 'Agent', 'name', 'bench',
                                         'account', jsonb_build_object('homePage', 'http://localhost/xapi/clients',
                                                                       'name', %(key)s::text)),
         'version', '1.0.0'),
       s.at, s.at, 'http://adlnet.gov/expapi/verbs/answered', 'mbox:' || s.mbox, 'Activity', false, false, %(client)s::bigint
FROM (
  SELECT g, gen_random_uuid() AS id, 'mailto:officer' || (g %% 5000) || '@police.example.org' AS mbox,
         'https://capacitas.example.org/activities/' || (g %% 2000) AS activity,
         now() - interval '1 day' - (%(count)s::int - g) * interval '30 seconds' AS at
  FROM generate_series(1, %(count)s::int) AS g
) AS s
"""

RELATIONS_SQL = """
INSERT INTO xapi_statementrelation (statement_id, kind, value, direct)
SELECT id, 'agent', actor_ifi, true FROM xapi_statement WHERE id > %(before)s::bigint
UNION ALL
SELECT id, 'activity', data->'object'->>'id', true FROM xapi_statement WHERE id > %(before)s::bigint
UNION ALL
SELECT id, 'activity', 'https://capacitas.example.org/courses/1', false FROM xapi_statement
WHERE id > %(before)s::bigint
"""


def _bulk_statements(key: str, count: int) -> tuple[float, int, str]:
    """Write ``count`` statements of the bench client (a day old and older, 30 s apart) and their
    relations in PostgreSQL itself; returns the seconds it took, the rows and the table's size."""
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(_database_url(), autocommit=True) as connection:
        client = connection.execute("SELECT id FROM xapi_lrsclient WHERE key = %s", [key]).fetchone()[0]
        before = connection.execute("SELECT coalesce(max(id), 0) FROM xapi_statement").fetchone()[0]
        connection.execute(BULK_SQL, {"key": key, "client": client, "count": count})
        connection.execute(RELATIONS_SQL, {"before": before})
        connection.execute("VACUUM ANALYZE xapi_statement")
        connection.execute("VACUUM ANALYZE xapi_statementrelation")
        rows = connection.execute("SELECT count(*) FROM xapi_statement").fetchone()[0]
        size = connection.execute("SELECT pg_size_pretty(pg_total_relation_size('xapi_statement'))").fetchone()[0]
    return time.perf_counter() - start, rows, size


GROWTH_STEPS = (10_000, 100_000)
GROWTH_AGENT = '{"mbox": "mailto:officer42@police.example.org"}'
GROWTH_ACTIVITY = "https://capacitas.example.org/activities/42"


def _statement_count() -> int:
    import psycopg

    with psycopg.connect(_database_url(), autocommit=True) as connection:
        return connection.execute("SELECT count(*) FROM xapi_statement").fetchone()[0]


def _growth_row(reader: requests.Session, url: str) -> dict[str, dict]:
    """p50/p95 of the newest 100, by one agent, and by one activity, at the current table size."""
    queries = {
        "newest": {"limit": 100},
        "agent": {"limit": 100, "agent": GROWTH_AGENT},
        "activity": {"limit": 100, "activity": GROWTH_ACTIVITY},
    }
    return {
        name: timed(lambda p=params: reader.get(url, params=p, timeout=60).raise_for_status(), runs=60, warmup=5)
        for name, params in queries.items()
    }


def _secret_checks() -> tuple[dict, dict]:
    import hashlib
    import hmac

    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    secret = base64.urlsafe_b64encode(os.urandom(32)).decode()
    key = os.urandom(32)
    hmac_time = timed(lambda: hmac.new(key, secret.encode(), hashlib.sha256).hexdigest(), runs=2000)
    hasher = PBKDF2PasswordHasher()
    encoded = hasher.encode(secret, hasher.salt())
    pbkdf2_time = timed(lambda: hasher.verify(secret, encoded), runs=5, warmup=1)
    pbkdf2_time["iterations"] = hasher.iterations
    return hmac_time, pbkdf2_time


def run() -> str:
    _fresh_database()
    key, secret = _credentials()
    auth = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
    server = _start_server()
    url = f"http://127.0.0.1:{PORT}/xapi/statements"
    try:
        warm = _session(auth)
        # The first requests wait for gunicorn's workers to finish importing (slow on a busy machine).
        for _ in range(20):
            warm.post(url, json=_statement(), timeout=300).raise_for_status()
        single = _load(auth, url, per_client=SINGLE_PER_CLIENT, size=1)
        batches = _load(auth, url, per_client=BATCHES_PER_CLIENT, size=BATCH_SIZE)
        reader = _session(auth)
        listing = timed(lambda: reader.get(url, params={"limit": 100}, timeout=30).raise_for_status(), runs=50)
        page = reader.get(url, params={"limit": 100}, timeout=30).json()["statements"]
        stored = [s["stored"] for s in page]
        newest_first = stored == sorted(stored, reverse=True) and len(page) == 100
        put, get = _documents(auth, f"http://127.0.0.1:{PORT}/xapi")
        # Growth: the same reads at 10,000, 100,000 and BULK statements stored (written in steps).
        growth = []
        bulk_seconds = 0.0
        for target in [n for n in GROWTH_STEPS if n < BULK] + [BULK]:
            stored_now = _statement_count()
            if target > stored_now:
                seconds, bulk_rows, bulk_size = _bulk_statements(key, target - stored_now)
                bulk_seconds += seconds
            growth.append((target, _growth_row(reader, url)))
        big = timed(lambda: reader.get(url, params={"limit": 100}, timeout=30).raise_for_status(), runs=200, warmup=10)
        page = reader.get(url, params={"limit": 100}, timeout=30).json()["statements"]
        big_stored = [s["stored"] for s in page]
        big_newest_first = big_stored == sorted(big_stored, reverse=True) and len(page) == 100
        agent = '{"mbox": "mailto:officer42@police.example.org"}'
        by_agent = timed(
            lambda: reader.get(url, params={"limit": 100, "agent": agent}, timeout=30).raise_for_status(), runs=100
        )
        agent_page = reader.get(url, params={"limit": 100, "agent": agent}, timeout=30).json()["statements"]
        activity = "https://capacitas.example.org/activities/42"
        by_activity = timed(
            lambda: reader.get(url, params={"limit": 100, "activity": activity}, timeout=30).raise_for_status(),
            runs=100,
        )
        activity_page = reader.get(url, params={"limit": 100, "activity": activity}, timeout=30).json()["statements"]
        both = {"limit": 100, "agent": agent, "activity": activity}
        by_both = timed(lambda: reader.get(url, params=both, timeout=30).raise_for_status(), runs=100)
        # The broad case: the course every statement names as its parent (all of them match).
        broad = {"limit": 100, "activity": "https://capacitas.example.org/courses/1", "related_activities": "true"}
        by_broad = timed(lambda: reader.get(url, params=broad, timeout=60).raise_for_status(), runs=20, warmup=2)
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    hmac_time, pbkdf2_time = _secret_checks()

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines = [
        "## xAPI statement ingest (xapi/)",
        "",
        "gunicorn (2 workers x 4 threads, gthread) on 127.0.0.1 with PostgreSQL; the load generator on the same "
        f"machine; {CLIENTS} clients at once; valid statements with random ids sharing 10 agents and 5 activities.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| single POSTs, {CLIENTS} at once ({single['requests']} requests) | {single['statements_per_s']:.0f} statements/s, "
        f"p50 {single['p50']:.1f} ms, p95 {single['p95']:.1f} ms, {len(single['errors'])} errors | >= 269/s and p95 <= 49 ms (main on 2026-12-01): "
        f"{verdict(single['statements_per_s'] >= 269 and single['p95'] <= 49 and not single['errors'])} |",
        f"| batches of {BATCH_SIZE}, {CLIENTS} at once ({batches['requests']} batches) | {batches['statements_per_s']:.0f} "
        f"statements/s, p50 {batches['p50']:.0f} ms, p95 {batches['p95']:.0f} ms per batch, {len(batches['errors'])} errors | "
        f">= 3,191/s (main on 2026-12-01), no deadlock: {verdict(batches['statements_per_s'] >= 3191 and not batches['errors'])} |",
        f"| GET `?limit=100` | p50 {listing['p50']:.1f} ms, p95 {listing['p95']:.1f} ms; newest first: "
        f"{'yes' if newest_first else 'no'} | newest first: {verdict(newest_first)} |",
        f"| State documents PUT, {CLIENTS} at once ({put['requests']} requests) | {put['per_s']:.0f} requests/s, "
        f"p50 {put['p50']:.1f} ms, p95 {put['p95']:.1f} ms, {len(put['errors'])} errors | >= 200/s: "
        f"{verdict(put['per_s'] >= 200 and not put['errors'])} |",
        f"| State documents GET, {CLIENTS} at once ({get['requests']} requests) | {get['per_s']:.0f} requests/s, "
        f"p50 {get['p50']:.1f} ms, p95 {get['p95']:.1f} ms, {len(get['errors'])} errors | >= 200/s: "
        f"{verdict(get['per_s'] >= 200 and not get['errors'])} |",
        f"| GET `?limit=100` with {bulk_rows:,} statements stored ({bulk_size}) | p50 {big['p50']:.1f} ms, "
        f"p95 {big['p95']:.1f} ms over {big['runs']} requests; newest first: {'yes' if big_newest_first else 'no'} | "
        f"p95 < 30 ms: {verdict(big['p95'] < 30 and big_newest_first)} |",
        f"| the same filtered by one agent (`agent=`, {len(agent_page)} of its statements) | p50 {by_agent['p50']:.1f} ms, "
        f"p95 {by_agent['p95']:.1f} ms | - |",
        f"| filtered by one activity (`activity=`, {len(activity_page)} of its statements) | p50 "
        f"{by_activity['p50']:.1f} ms, p95 {by_activity['p95']:.1f} ms | - |",
        f"| filtered by one agent and one activity | p50 {by_both['p50']:.1f} ms, p95 {by_both['p95']:.1f} ms | - |",
        f"| filtered by an activity every statement names (`related_activities=true`, all match) | p50 "
        f"{by_broad['p50']:.0f} ms, p95 {by_broad['p95']:.0f} ms | - |",
        f"| client secret check, HMAC-SHA256 | p50 {hmac_time['p50'] * 1000:.1f} µs | - |",
        f"| the same with PBKDF2 ({pbkdf2_time['iterations']:,} iterations, Django's default) | p50 "
        f"{pbkdf2_time['p50']:.0f} ms | - |",
    ]
    lines += [
        "",
        f"The {BULK:,} statements were written by PostgreSQL itself in {bulk_seconds:.0f} s (`INSERT … SELECT` over "
        "`generate_series`, three relation rows each, then `VACUUM ANALYZE`), 30 s apart over the year before, "
        "all of the benchmark's client: 5,000 agents, 2,000 activities.",
    ]
    lines += [
        "",
        "How the cost of reading grows with the table (p50 / p95 ms over 60 requests each, the same server):",
        "",
        "| statements stored | newest 100 | by one agent | by one activity |",
        "|---|---|---|---|",
    ]
    for size, row in growth:
        lines.append(
            f"| {size:,} | "
            + " | ".join(f"{row[name]['p50']:.1f} / {row[name]['p95']:.1f}" for name in ("newest", "agent", "activity"))
            + " |"
        )
    failures = single["errors"][:3] + batches["errors"][:3] + put["errors"][:3] + get["errors"][:3]
    if failures:
        lines += ["", "First errors: " + "; ".join(f"`{e}`" for e in failures)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
