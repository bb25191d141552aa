"""Search at 100,000 courses: the project's PostgreSQL backend against Wagtail's own database search
backend (modelsearch), on the same generated corpus, in a dedicated database.

What is measured (docs/decisions/0052-search-benchmark.md):
- The corpus is ``search.catalog.generate(100_000)``: a quarter in each of en, es, pt, fr, ~300
  words of body each, 70 % public, 20 % law-enforcement, 10 % state-only.
- Our side: documents are written straight into the search tables through the backend's own
  ``index()`` (the page tree is not needed for the query figures), in batches of 1,000; that is the
  indexing throughput reported. Queries go through ``PostgresBackend.search`` as an anonymous
  reader (so the access filter is part of every query): one results page = top 20 groups, the
  total, and (where said) the counts of all nine facets.
- Wagtail's side: the same rows, seen through a proxy model with ``search_fields`` (title boosted,
  summary, body, autocomplete on title, filters on language and discipline), indexed with the
  ``wagtail.search.backends.database`` backend's ``add_bulk``; a results page = the first 20 results
  plus ``count()``; facet counts = ``.facet("discipline")``. Wagtail's backend has no access filter.
"""

from __future__ import annotations

import os
import time

from benchmarks.util import django_setup, fresh_database, timed

DATABASE = "capacitas_bench_search"
COURSES = int(os.environ.get("BENCH_SEARCH_COURSES", "100000"))
RUNS = int(os.environ.get("BENCH_SEARCH_RUNS", "30"))
WAGTAIL_RUNS = int(os.environ.get("BENCH_SEARCH_WAGTAIL_RUNS", "5"))
BATCH = 1000
# Re-measure the queries on the database a previous run loaded (no loading, no indexing figures).
REUSE = os.environ.get("BENCH_SEARCH_REUSE") == "1"


def _documents(states: dict[str, object]):
    from search.catalog import generate
    from search.documents import SearchDocument

    base = time.time() - 3 * 365 * 86400
    for n, record in enumerate(generate(COURSES, seed=7)):
        state = states[record["state"]]
        import datetime

        yield SearchDocument(
            kind="course",
            object_id=n + 1,
            title=record["title"],
            url=f"/{record['language']}/learn/{n + 1}/",
            language=record["language"],
            audience=record["audience"],
            state_id=state[0],
            state_code=record["state"],
            subregion=state[1],
            summary=record["summary"],
            body=record["body"],
            discipline=record["discipline"],
            level=record["level"],
            scope=record["scope"],
            delivery=record["delivery"],
            hours=float(record["hours"]),
            group_key=f"course:{n + 1}",
            published_at=datetime.datetime.fromtimestamp(base + n * 900, tz=datetime.UTC),
        )


def _row(name: str, ours: dict | None, theirs: dict | None, note: str = "") -> str:
    def cell(figures):
        return f"{figures['p50']:.1f} / {figures['p95']:.1f}" if figures else "–"

    return f"| {name} | {cell(ours)} | {cell(theirs)} | {note} |"


def run() -> str:
    if not REUSE:
        fresh_database(DATABASE)
    django_setup(DATABASE)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "search", verbosity=0)
    call_command("migrate", "wagtailsearch", verbosity=0)
    call_command("migrate", "accounts", verbosity=0)

    from accounts.access import Scope
    from accounts.member_states import MEMBER_STATES
    from search.backends.base import SearchQuery
    from search.backends.postgres import PostgresBackend

    states = {code: (number + 1, row[6]) for number, row in enumerate(MEMBER_STATES) for code in [row[0]]}
    backend = PostgresBackend()
    anonymous = Scope(all_states=False, law_enforcement=False, state_ids=frozenset())

    # --- Indexing (ours) -------------------------------------------------------------------------
    start = time.perf_counter()
    batch = []
    for document in [] if REUSE else _documents(states):
        batch.append(document)
        if len(batch) == BATCH:
            backend.index(batch)
            batch = []
    if batch:
        backend.index(batch)
    ours_seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry")
        cursor.execute("VACUUM ANALYZE search_searchterm")
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchentry') + pg_total_relation_size('search_searchterm')"
        )
        ours_size = cursor.fetchone()[0]

    def ours(text: str, *, reader: str, facets: bool = False, **filters):
        query = SearchQuery(
            text=text,
            scope=anonymous,
            language=reader,
            facets=facets,
            filters={k: [v] for k, v in filters.items()},
        )
        return lambda: backend.search(query)

    cases = [
        ("ballistics", ours("ballistics", reader="en")),
        ("balística", ours("balística", reader="es")),
        ("policía (a broad term)", ours("policía", reader="es")),
        ("investigación criminal", ours("investigación criminal", reader="es")),
        ("chain of custody evidence", ours("chain of custody evidence", reader="en")),
        ("balística, filtered to es + forensic", ours("balística", reader="es", discipline="forensic", language="es")),
        ("typo “custudy”: correction, then its results", ours("custudy", reader="en")),
        ("policía, results page with all nine facet counts", ours("policía", reader="es", facets=True)),
        ("ballistics, results page with all nine facet counts", ours("ballistics", reader="en", facets=True)),
    ]
    figures = {name: timed(fn, runs=RUNS) for name, fn in cases}
    figures["autocomplete “bal”"] = timed(lambda: backend.suggest("bal", scope=anonymous, language="es"), runs=RUNS)
    figures["autocomplete “po”"] = timed(lambda: backend.suggest("po", scope=anonymous, language="es"), runs=RUNS)

    checks = {
        "balística top hit": backend.search(SearchQuery(text="balística", scope=anonymous, language="es"))
        .hits[0]
        .title,
        "policía total": backend.search(SearchQuery(text="policía", scope=anonymous, language="es")).total,
        "custudy suggestion": backend.search(SearchQuery(text="custudy", scope=anonymous, language="en")).suggestion,
        "investigaciones total": backend.search(
            SearchQuery(text="investigaciones", scope=anonymous, language="es")
        ).total,
        "balistica (no accent) total": backend.search(
            SearchQuery(text="balistica", scope=anonymous, language="es")
        ).total,
    }

    # --- Wagtail's database backend on the same rows ------------------------------------------------
    from modelsearch import index
    from wagtail.search.backends import get_search_backend

    from search.models import SearchEntry

    class WagtailCourse(index.Indexed, SearchEntry):
        search_fields = [
            index.SearchField("title", boost=2),
            index.AutocompleteField("title"),
            index.SearchField("summary"),
            index.SearchField("body"),
            index.FilterField("language"),
            index.FilterField("discipline"),
        ]

        class Meta:
            proxy = True
            app_label = "search"

    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search.models import IndexEntry

    TextIDGenericRelation(IndexEntry).contribute_to_class(WagtailCourse, "index_entries")
    wagtail = get_search_backend("default")
    start = time.perf_counter()
    queryset = WagtailCourse.objects.only("id", "title", "summary", "body", "language", "discipline").order_by("id")
    last = 0
    while not REUSE:
        chunk = list(queryset.filter(id__gt=last)[:BATCH])
        if not chunk:
            break
        wagtail.add_bulk(WagtailCourse, chunk)
        last = chunk[-1].id
    wagtail_seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE wagtailsearch_indexentry")
        cursor.execute("SELECT pg_total_relation_size('wagtailsearch_indexentry')")
        wagtail_size = cursor.fetchone()[0]

    def theirs(text: str, **filters):
        qs = WagtailCourse.objects.filter(**filters) if filters else WagtailCourse.objects.all()

        def go():
            results = wagtail.search(text, qs)
            list(results[:20].values_list("id", "title") if hasattr(results, "values_list") else results[:20])
            results.count()

        return go

    wagtail_cases = {
        "ballistics": theirs("ballistics"),
        "balística": theirs("balística"),
        "policía (a broad term)": theirs("policía"),
        "investigación criminal": theirs("investigación criminal"),
        "chain of custody evidence": theirs("chain of custody evidence"),
        "balística, filtered to es + forensic": theirs("balística", language="es", discipline="forensic"),
        "typo “custudy”: correction, then its results": theirs("custudy"),
    }
    wagtail_figures = {name: timed(fn, runs=WAGTAIL_RUNS, warmup=1) for name, fn in wagtail_cases.items()}
    wagtail_figures["autocomplete “bal”"] = timed(
        lambda: list(wagtail.autocomplete("bal", WagtailCourse.objects.all())[:8]), runs=WAGTAIL_RUNS, warmup=1
    )
    wagtail_figures["facet counts (all nine) for “policía”"] = timed(
        lambda: wagtail.search("policía", WagtailCourse.objects.all()).facet("discipline"),
        runs=WAGTAIL_RUNS,
        warmup=1,
    )
    wagtail_checks = {
        "custudy results": wagtail.search("custudy", WagtailCourse.objects.all()).count(),
        "balistica (no accent) results": wagtail.search("balistica", WagtailCourse.objects.all()).count(),
        "investigaciones results": wagtail.search("investigaciones", WagtailCourse.objects.all()).count(),
    }

    notes = {
        "facet counts (all nine) for “policía”": "Wagtail: one facet (discipline) only",
        "typo “custudy”: correction, then its results": f"Wagtail finds {wagtail_checks['custudy results']}",
        "policía, results page with all nine facet counts": "ours only: hits + total + 9 facets",
        "ballistics, results page with all nine facet counts": "ours only",
        "autocomplete “po”": "ours only: two letters",
    }
    lines = [
        "## Search",
        "",
        f"{COURSES:,} generated courses (en, es, pt, fr; ~300 words each) in a dedicated database "
        f"`{DATABASE}`. Ours: `search.backends.postgres` over its own tables, written directly through "
        "`PostgresBackend.index()` (no page tree), queried as an anonymous reader (access filter included). "
        "Wagtail: `wagtail.search.backends.database` (modelsearch) over the same rows through a proxy model "
        "(title, summary, body; filters on language and discipline; no access filter). "
        f"A results page is the top 20 plus the total. p50 / p95 in ms; ours {RUNS} runs, Wagtail {WAGTAIL_RUNS}.",
        "",
        "| query | ours | Wagtail database backend | note |",
        "|---|---|---|---|",
    ]
    for name in list(figures):
        lines.append(_row(name, figures[name], wagtail_figures.get(name), notes.get(name, "")))
    lines += [
        "",
        (
            f"Indexing: ours {COURSES / ours_seconds:,.0f} documents/s ({ours_seconds:.0f} s, "
            f"{ours_size / 2**20:,.0f} MB with the word list); Wagtail {COURSES / wagtail_seconds:,.0f} documents/s "
            f"({wagtail_seconds:.0f} s, {wagtail_size / 2**20:,.0f} MB)."
            if not REUSE
            else f"Indexing: not measured (queries re-measured on the loaded database; {ours_size / 2**20:,.0f} MB "
            f"ours, {wagtail_size / 2**20:,.0f} MB Wagtail)."
        ),
        "",
        "Checks: "
        + "; ".join(f"{k}: {v}" for k, v in checks.items())
        + ". Wagtail: "
        + "; ".join(f"{k}: {v}" for k, v in wagtail_checks.items())
        + ".",
        "",
    ]
    return "\n".join(lines)
