"""Page serving under gunicorn: a public course page and a curriculum page against wagtail/bakerydemo's
bread detail page, uncached and from the public page cache (#19).

A throw-away PostgreSQL database is migrated and filled with the project demo (``load_demo``). Two
gunicorn servers run ``lms.settings.production`` with 2 sync workers each, DEBUG off, Django's cache
on Redis: one with ``PAGE_CACHE_SECONDS=0`` (uncached) and one with the cache on. Only the server
under load uses the CPU. ``wrk`` loads each page for a fixed duration at a fixed concurrency after a
warm-up, in rounds that alternate the pages, so that the noise of a shared machine falls on all of
them alike; the round with the best rate is reported for each page. Requests say
``X-Forwarded-Proto: https`` (the header production trusts) and no ``Accept-Encoding`` (no gzip on
either side). Queries per request come from an in-process test-client pass over the same database
(``connection.execute_wrapper``), across every public course of the demo, and after the
load on factory-built pages that grow (lessons and a translation; modules).

wagtail/bakerydemo is never installed by this script: bring it up beside the project (see
docs/benchmarks.md, "Page serving (gunicorn)") and pass its base URL in ``BENCH_BAKERYDEMO_URL``
(and, optionally, its gunicorn pid file in ``BENCH_BAKERYDEMO_PIDFILE`` for its CPU per request).
Without it the bakerydemo row says "not measured".

Targets (#19): each page at least as many requests/s as the bakerydemo bread page in the same run,
at most 15 queries that do not grow with the content, cached at least 10 times the uncached rate.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.util import count_queries, django_setup, fresh_database

DATABASE = "capacitas_bench_serving"
ROOT = Path(__file__).resolve().parent.parent
DURATION = int(os.environ.get("BENCH_SERVING_SECONDS", "15"))
WARMUP = 3
CONNECTIONS = 8
THREADS = 2
ROUNDS = int(os.environ.get("BENCH_SERVING_ROUNDS", "3"))
QUERY_LIMIT = 15
PORT_UNCACHED, PORT_CACHED = 8711, 8712
REDIS_CACHE_URL = os.environ.get("BENCH_REDIS_CACHE_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
BAKERYDEMO_PATH = os.environ.get("BENCH_BAKERYDEMO_PATH", "/breads/anadama-bread/")

# wrk reports its own percentiles (microseconds) and error counts through this script.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d seconds=%f p50=%d p95=%d p99=%d non2xx=%d errors=%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def _pages():
    """The public course with the most lessons, every public course (for the query counts) and a
    public curriculum page, all live and without a view restriction."""
    from wagtail.models import PageViewRestriction

    from accounts.access import Audience
    from courses.models import CoursePage, LessonPage
    from curricula.models import CurriculumPage

    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)

    def public(queryset):
        pages = [
            p
            for p in queryset.live().filter(audience=Audience.PUBLIC)
            if not any(p.path.startswith(r) for r in restricted)
        ]
        return sorted(pages, key=lambda p: p.pk)

    courses = public(CoursePage.objects.all())
    lessons = {c.pk: LessonPage.objects.child_of(c).count() for c in courses}
    course = max(courses, key=lambda c: (c.locale.language_code == "en", lessons[c.pk]))
    curricula = public(CurriculumPage.objects.all())
    curriculum = max(curricula, key=lambda c: c.locale.language_code == "en")
    return course, courses, lessons, curriculum


def _queries(client, url: str) -> int:
    client.get(url, secure=True)
    client.get(url, secure=True)  # the first requests fill the site root and rendition caches
    counter = [0]
    with count_queries(counter):
        response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    return counter[0]


def _query_counts(course, courses, lessons, curriculum) -> dict:
    from django.test import Client, override_settings

    client = Client()
    per_course = {c.pk: _queries(client, c.url) for c in courses}
    cached = {}
    with override_settings(PAGE_CACHE_SECONDS=300):
        for label, page in (("course", course), ("curriculum", curriculum)):
            cached[label] = _queries(client, page.url)
    return {
        "course": per_course[course.pk],
        "courses": [(c.locale.language_code, lessons[c.pk], per_course[c.pk]) for c in courses],
        "curriculum": _queries(client, curriculum.url),
        "cached": cached,
    }


def _growth(course, curriculum) -> dict:
    """Queries as the content grows, on pages built through the test factories beside the demo: a
    public course of 1 lesson, then with 10 more and a translation; a curriculum of 1 module against
    one of 8."""
    from django.test import Client
    from wagtail.models import Locale

    from accounts.access import Audience
    from courses.models import CoursePage
    from tests.courses.factories import CoursePageFactory, LessonPageFactory
    from tests.curricula.factories import curriculum as make_curriculum
    from tests.curricula.factories import module

    client = Client()
    grown = CoursePageFactory(state=course.state, title="Query growth", slug="query-growth")
    LessonPageFactory(parent=grown)
    before = _queries(client, grown.url)
    for _n in range(10):
        LessonPageFactory(parent=grown)
    locale = Locale.objects.exclude(language_code=grown.locale.language_code).first()
    grown.copy_for_translation(locale, copy_parents=True, alias=False).save_revision().publish()
    after = _queries(client, CoursePage.objects.get(pk=grown.pk).url)
    small, large = (
        make_curriculum(
            curriculum.state,
            title=f"Query growth {n}",
            audience=Audience.PUBLIC,
            modules=[module(f"Module {k + 1}") for k in range(n)],
        )
        for n in (1, 8)
    )
    return {
        "course": (before, after, locale.language_code),
        "curriculum": (_queries(client, small.url), _queries(client, large.url)),
    }


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _server_env(cache_seconds: int) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=os.environ["DATABASE_URL"],
        REDIS_CACHE_URL=REDIS_CACHE_URL,
        PAGE_CACHE_SECONDS=str(cache_seconds),
        LOG_LEVEL="WARNING",
    )
    return env


def _start(port: int, cache_seconds: int, pidfile: str) -> subprocess.Popen:
    if not _free(port):
        raise RuntimeError(f"port {port} is taken: stop what listens there first")
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "lms.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--timeout",
        "60",
        "--pid",
        pidfile,
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=_server_env(cache_seconds), start_new_session=True)
    for _ in range(120):
        if not _free(port):
            return process
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on {port} exited with {process.returncode}")
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn on {port} did not start")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _get(url: str) -> tuple[int, dict, int]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), 0


def _cpu_seconds(pidfile: str | None) -> float | None:
    """User and system CPU of a gunicorn master's workers (the children in /proc)."""
    if not pidfile:
        return None
    try:
        master = Path(pidfile).read_text().strip()
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        total = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _wrk(url: str, script: str, seconds: int) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-H", "X-Forwarded-Proto: https", "-s", script, url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"BENCH (.*)", output)
    figures = {k: float(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def _load(url: str, script: str, pidfile: str | None) -> dict:
    _wrk(url, script, WARMUP)
    before = _cpu_seconds(pidfile)
    figures = _wrk(url, script, DURATION)
    after = _cpu_seconds(pidfile)
    if before is not None and after is not None and figures["requests"]:
        figures["cpu_ms"] = (after - before) * 1000 / figures["requests"]
    return figures


def _load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _row(label: str, f: dict | None, status: str, queries: str, size: str) -> str:
    if f is None:
        return f"| {label} | not measured | | | | | | {queries} | {size} | {status} |"
    cpu = f"{f['cpu_ms']:.0f}" if "cpu_ms" in f else "n/a"
    errors = int(f["non2xx"] + f["errors"])
    return (
        f"| {label} | {f['rps']:.0f} | {f['p50'] / 1000:.0f} | {f['p95'] / 1000:.0f} | {f['p99'] / 1000:.0f} | "
        f"{errors} | {cpu} | {queries} | {size} | {status} |"
    )


def run() -> str:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install -y wrk)")
    fresh_database(DATABASE)
    django_setup(DATABASE)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    course, courses, lessons, curriculum = _pages()
    queries = _query_counts(course, courses, lessons, curriculum)
    # Production settings serve static files through a manifest: collect them as the image does.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=_server_env(0),
        check=True,
    )
    # A fresh generation: pages another run kept under the same addresses are never served.
    subprocess.run(["redis-cli", "-u", REDIS_CACHE_URL, "del", ":1:pagecache:generation"], capture_output=True)

    bakery = os.environ.get("BENCH_BAKERYDEMO_URL", "").rstrip("/")
    bakery_pidfile = os.environ.get("BENCH_BAKERYDEMO_PIDFILE") or None
    load_before = _load_average()
    workdir = tempfile.mkdtemp(prefix="bench-serving-")
    script = str(Path(workdir) / "report.lua")
    Path(script).write_text(WRK_REPORT)
    pid_uncached, pid_cached = str(Path(workdir) / "uncached.pid"), str(Path(workdir) / "cached.pid")
    servers = [_start(PORT_UNCACHED, 0, pid_uncached), _start(PORT_CACHED, 300, pid_cached)]
    try:
        targets = {
            "course": (f"http://127.0.0.1:{PORT_UNCACHED}{course.url}", pid_uncached),
            "curriculum": (f"http://127.0.0.1:{PORT_UNCACHED}{curriculum.url}", pid_uncached),
            "course cached": (f"http://127.0.0.1:{PORT_CACHED}{course.url}", pid_cached),
            "curriculum cached": (f"http://127.0.0.1:{PORT_CACHED}{curriculum.url}", pid_cached),
        }
        if bakery:
            targets = {"bakerydemo": (bakery + BAKERYDEMO_PATH, bakery_pidfile), **targets}
        probes = {}
        for label, (url, _pid) in targets.items():
            _get(url)  # the first request after a start fills the caches
            probes[label] = _get(url)
        results: dict[str, dict] = {}
        for _round in range(ROUNDS):
            for label, (url, pid) in targets.items():
                figures = _load(url, script, pid)
                if label not in results or figures["rps"] > results[label]["rps"]:
                    results[label] = figures
    finally:
        for server in servers:
            _stop(server)
    load_after = _load_average()
    queries["growth"] = _growth(course, curriculum)  # after the load: it changes the pages
    return _report(course, curriculum, lessons, queries, results, probes, bakery, load_before, load_after)


def _report(course, curriculum, lessons, queries, results, probes, bakery, load_before, load_after) -> str:
    def status(label):
        code, headers, _size = probes[label]
        cache = headers.get("X-Page-Cache")
        return f"{code}" + (f", X-Page-Cache: {cache}" if cache else "")

    def size(label):
        return f"{probes[label][2]:,}" if label in probes else ""

    bread = results.get("bakerydemo")
    counts = sorted({q for _lang, _n, q in queries["courses"]})
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Page serving (gunicorn)",
        "",
        f"Run {now}. gunicorn, 2 sync workers, `lms.settings.production` (DEBUG off, WhiteNoise, Django's cache "
        f"on Redis, PostgreSQL with connections kept per worker), the project demo (`load_demo`). `wrk` with "
        f"{CONNECTIONS} connections and {THREADS} threads, {DURATION} s a page after a {WARMUP} s warm-up, "
        f"{ROUNDS} rounds alternating the pages (the best round of each is shown). Load average before: "
        f"{load_before}; after: {load_after}.",
        "",
        f'Pages: the public course "{course.title}" ({course.url}, {lessons[course.pk]} lessons) and the public '
        f'curriculum "{curriculum.title}" ({curriculum.url}); bakerydemo\'s bread page {BAKERYDEMO_PATH}.',
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | errors | CPU ms a request | SQL queries | HTML bytes | probe |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    if bakery:
        lines.append(_row("bakerydemo bread detail", bread, status("bakerydemo"), "(its own)", size("bakerydemo")))
    else:
        lines.append("| bakerydemo bread detail | not measured (BENCH_BAKERYDEMO_URL unset) | | | | | | | | |")
    lines.append(
        _row("public course, uncached", results["course"], status("course"), str(queries["course"]), size("course"))
    )
    lines.append(
        _row(
            "public course, cached",
            results["course cached"],
            status("course cached"),
            str(queries["cached"]["course"]),
            size("course cached"),
        )
    )
    lines.append(
        _row(
            "curriculum, uncached",
            results["curriculum"],
            status("curriculum"),
            str(queries["curriculum"]),
            size("curriculum"),
        )
    )
    lines.append(
        _row(
            "curriculum, cached",
            results["curriculum cached"],
            status("curriculum cached"),
            str(queries["cached"]["curriculum"]),
            size("curriculum cached"),
        )
    )
    lines += ["", "Verdicts against #19:", ""]
    for label, name in (("course", "Public course"), ("curriculum", "Curriculum")):
        rps, cached = results[label]["rps"], results[f"{label} cached"]["rps"]
        if bread:
            ratio = rps / bread["rps"]
            verdict = "meets" if ratio >= 1 else "FAILS"
            lines.append(
                f"- {name} uncached: {rps:.0f} req/s against bakerydemo's {bread['rps']:.0f} ({ratio:.2f}x): "
                f"{verdict} the target."
            )
        else:
            lines.append(f"- {name} uncached: {rps:.0f} req/s; bakerydemo not measured, no verdict.")
        factor = cached / rps
        verdict = "meets" if factor >= 10 else "FAILS"
        lines.append(f"- {name} cached: {cached:.0f} req/s, {factor:.1f} times uncached: {verdict} the 10x target.")
    before, after, language = queries["growth"]["course"]
    one, eight = queries["growth"]["curriculum"]
    worst = max([*counts, queries["curriculum"], after, one, eight])
    steady = before == after and one == eight
    verdict = "meets" if worst <= QUERY_LIMIT and steady else "FAILS"
    lines.append(
        f"- Queries (anonymous, test-client pass): the course page {queries['course']}; across the "
        f"{len(queries['courses'])} public demo courses {', '.join(map(str, counts))} (a page in a language other "
        f"than the default one asks for its locale once more); the curriculum page {queries['curriculum']}. "
        f"A factory-built public course of 1 lesson runs {before}, with 10 more lessons and a translation "
        f"({language}) {after}; "
        f"a curriculum of 1 module {one}, of 8 modules {eight}: {verdict} the {QUERY_LIMIT}-query target, not "
        "growing with lessons, modules or translations (also asserted by tests/courses/test_page_queries.py)."
    )
    lines += ["", *BAKERYDEMO_HOWTO]
    return "\n".join(lines)


# How bakerydemo is brought up beside the project (never installed by this script, never committed).
BAKERYDEMO_HOWTO = [
    "How bakerydemo runs beside the project: clone the public wagtail/bakerydemo repository outside this "
    "repository (for example to /tmp/bakerydemo) and make it a virtual environment of its own in /tmp. Its "
    "requirements ask for Django 6.0, which needs Python 3.12: on the project's Python 3.11 install the nearest "
    "versions that work, Django 5.2 and its pinned Wagtail 7.4, with the rest of `requirements/base.txt`, "
    "psycopg, whitenoise, django-redis, django-storages and gunicorn from `requirements/production.txt` (not "
    "uwsgi, boto3, Google storage or Elasticsearch). Create a PostgreSQL database of its own (for example "
    "`pagebench_bakerydemo`) and, with `DJANGO_SETTINGS_MODULE=bakerydemo.settings.production`, `DATABASE_URL` "
    "naming that database, a `DJANGO_SECRET_KEY` and `DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost`, run "
    "`manage.py migrate`, `manage.py load_initial_data` and `manage.py collectstatic --noinput`. Serve it with "
    "`gunicorn bakerydemo.wsgi:application --bind 127.0.0.1:8701 --workers 2 --pid /tmp/bakerydemo-gunicorn.pid` "
    "(DEBUG is off in those settings; without `REDIS_URL` it keeps its local-memory cache and no page cache). "
    "Then run `BENCH_BAKERYDEMO_URL=http://127.0.0.1:8701 BENCH_BAKERYDEMO_PIDFILE=/tmp/bakerydemo-gunicorn.pid "
    "python -m benchmarks bench_serving`; `BENCH_BAKERYDEMO_PATH` picks another bread (default "
    f"`{BAKERYDEMO_PATH}`). Its bread page runs 19 queries (counted the same way, by hand: the script cannot "
    "import bakerydemo).",
]


if __name__ == "__main__":
    print(run())
