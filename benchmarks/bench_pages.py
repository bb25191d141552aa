"""Page serving: a curriculum page against a plain Wagtail page, and the curriculum index as it grows.

A throw-away PostgreSQL database is migrated and filled: a plain ``home.StandardPage`` with a long
rich-text body; a curriculum of 8 modules (4 topics each, 4 competencies) that two states adopted;
and 60 published curricula of 3 states in 2 languages for the index. Pages are requested through
Django's test client in this process (test settings, DEBUG off), many times after a warm-up.
Reported: median and p95 in milliseconds, SQL queries per request (``connection.execute_wrapper``)
and HTML size. The index is also measured with 6 curricula: its query count must be the same.
Target (docs/benchmarks.md): at most 15 queries that do not grow with the content, and a
curriculum page as fast as a plain page in the same run.
"""

from __future__ import annotations

from decimal import Decimal

from benchmarks.util import django_setup, fresh_database, measure_get

DATABASE = "capacitas_bench_pages"
RUNS = 40
MANY = 60
FEW = 6


def _build():
    from curricula.models import CurriculumIndexPage
    from curricula.services import adoption_create, state_workflow_ensure
    from home.api import home_pages_ensure
    from home.models import StandardPage
    from tests.accounts.factories import editor, state
    from tests.curricula.factories import CompetencyFactory, TopicFactory, curriculum, module

    homes = home_pages_ensure()
    plain = StandardPage(title="About", slug="about", body="<p>" + "Plain text of a standard page. " * 120 + "</p>")
    homes["en"].add_child(instance=plain)
    plain.save_revision().publish()
    index = CurriculumIndexPage(title="Curricula", slug="curricula")
    homes["en"].add_child(instance=index)
    index.save_revision().publish()
    mx, co, br = state("MX"), state("CO"), state("BR")
    for s in (mx, co, br):
        state_workflow_ensure(state=s)
    topics = [TopicFactory() for _ in range(8)]
    big = curriculum(
        mx,
        title="Chain of custody and crime scene processing",
        total_hours=Decimal("96"),
        modules=[module(f"Module {n + 1}", "12", topics=topics[n % 4 : n % 4 + 4]) for n in range(8)],
        competencies=[CompetencyFactory() for _ in range(4)],
    )
    adoption_create(user=editor(co), source=big)
    adoption_create(user=editor(br), source=big, language="pt")
    return plain, index, big, (mx, co, br), topics


def _more_curricula(states, topics, count: int, start: int) -> None:
    from tests.curricula.factories import curriculum, module

    for n in range(start, start + count):
        curriculum(
            states[n % 3],
            title=f"Curriculum {n}",
            language="es" if n % 2 else "en",
            modules=[module("Module", "10", topics=topics[:2])],
        )


def run() -> str:
    fresh_database(DATABASE)
    django_setup(DATABASE)
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    plain, index, big, states, topics = _build()
    client = Client()
    rows = [("plain Wagtail page (StandardPage)", measure_get(client, plain.url, runs=RUNS))]
    rows.append(("curriculum page, 8 modules, 2 adoptions", measure_get(client, big.url, runs=RUNS)))
    _more_curricula(states, topics, FEW - 1, 0)
    few = measure_get(client, index.url, runs=RUNS)
    rows.append((f"curriculum index, {FEW} curricula", few))
    _more_curricula(states, topics, MANY - FEW, FEW)
    many = measure_get(client, index.url, runs=RUNS)
    rows.append((f"curriculum index, {MANY} curricula", many))
    lines = [
        "## Pages (curricula)",
        "",
        f"In-process Django test client (test settings, DEBUG off, PostgreSQL), anonymous, {RUNS} requests "
        "after a warm-up.",
        "",
        "| page | p50 ms | p95 ms | SQL queries | HTML bytes |",
        "|---|---|---|---|---|",
    ]
    for label, f in rows:
        lines.append(f"| {label} | {f['p50']:.1f} | {f['p95']:.1f} | {f['queries']} | {f['bytes']:,} |")
    lines += [
        "",
        f"The index runs {few['queries']} queries with {FEW} curricula and {many['queries']} with {MANY}. "
        f"The curriculum page runs {rows[1][1]['queries']} queries against {rows[0][1]['queries']} for the plain "
        "page: the difference is its own context (state, lineage and adoptions, translations, competencies, topics).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
