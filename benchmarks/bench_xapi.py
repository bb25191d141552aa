"""Statement ingest of the learning record store (xapi/), against a real server process.

A throw-away PostgreSQL database is migrated, an LRS client is created, and gunicorn (2 workers x 4
threads) serves the project on 127.0.0.1. The load generator runs on the same machine:
- single POSTs: 8 clients at once, each posting one statement per request (keep-alive);
- batches: 8 clients at once, each posting batches of 100 statements that share agents and
  activities (the case that deadlocked ADL's LRS);
- GET ``?limit=100``, one client;
- the client-secret check: HMAC-SHA256 (what the LRS does) against Django's PBKDF2 (what a
  password check per request would cost; docs/decisions/0035).
Targets (docs/benchmarks.md): >= 100 statements/s single with p95 < 100 ms, >= 1,000
statements/s in batches, no deadlock, newest first.
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
        f"p50 {single['p50']:.1f} ms, p95 {single['p95']:.1f} ms, {len(single['errors'])} errors | >= 100/s and p95 < 100 ms: "
        f"{verdict(single['statements_per_s'] >= 100 and single['p95'] < 100 and not single['errors'])} |",
        f"| batches of {BATCH_SIZE}, {CLIENTS} at once ({batches['requests']} batches) | {batches['statements_per_s']:.0f} "
        f"statements/s, p50 {batches['p50']:.0f} ms, p95 {batches['p95']:.0f} ms per batch, {len(batches['errors'])} errors | "
        f">= 1,000/s, no deadlock: {verdict(batches['statements_per_s'] >= 1000 and not batches['errors'])} |",
        f"| GET `?limit=100` | p50 {listing['p50']:.1f} ms, p95 {listing['p95']:.1f} ms; newest first: "
        f"{'yes' if newest_first else 'no'} | newest first: {verdict(newest_first)} |",
        f"| client secret check, HMAC-SHA256 | p50 {hmac_time['p50'] * 1000:.1f} µs | - |",
        f"| the same with PBKDF2 ({pbkdf2_time['iterations']:,} iterations, Django's default) | p50 "
        f"{pbkdf2_time['p50']:.0f} ms | - |",
    ]
    failures = single["errors"][:3] + batches["errors"][:3]
    if failures:
        lines += ["", "First errors: " + "; ".join(f"`{e}`" for e in failures)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
