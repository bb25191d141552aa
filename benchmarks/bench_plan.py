"""The plan's follow-up at the scale of the hemisphere: 35 member states, a fact table holding what
1,000,000 enrolments and 20,000 exchange participants fold into (every state, 12 quarters, every
discipline, level, agency kind and gender), 35 accepted state reports with an entry per measure, and
an indicator with a baseline and target for every state.

The fact table is written directly here: rebuilding it from a million enrolments is the monitoring
benchmark's ``facts_rebuild`` (docs/benchmarks.md, Monitoring), and the plan reads only the fact
table. Measured:
- the hemispheric follow-up report (PDF and XLSX, one language), as the Celery task builds it;
- a coordinator's plan dashboard (the progress page of the own state) and the secretariat's (every
  state, protected), through Django's test client in this process (test settings, DEBUG off).
"""

from __future__ import annotations

import datetime
import os
import random

from benchmarks.util import django_setup, fresh_database, measure_get, timed

DATABASE = "capacitas_bench_plan"
RUNS = int(os.environ.get("BENCH_PLAN_RUNS", "30"))
ENROLMENTS = 1_000_000


def _build(rng: random.Random) -> dict:
    from accounts.member_states import MEMBER_STATES
    from accounts.models import MemberState
    from monitoring.models import Fact, FactRefresh
    from plan import demo
    from plan.models import Measure, PlanIndicator, ReportEntry, StateReport, Target, WorkPlan
    from tests.accounts.factories import coordinator, secretariat

    states = [
        MemberState.objects.create(code=c, iso3=i3, name_en=en, name_es=es, name_pt=pt, name_fr=fr, subregion=sub)
        for c, i3, en, es, pt, fr, sub in MEMBER_STATES
    ]
    quarters = [datetime.date(year, month, 1) for year in (2024, 2025, 2026) for month in (1, 4, 7, 10)]
    dimensions = [
        (d, lv, k, g)
        for d in ("police", "prison", "forensic", "cross_cutting")
        for lv in ("basic", "intermediate", "advanced", "specialisation")
        for k in ("police", "prison", "forensic")
        for g in ("female", "male", "another", "undisclosed")
    ]
    # 700,000 completions (70 % of the enrolments) spread over states, quarters and dimensions,
    # a few states small enough for small counts to appear.
    weights = [rng.choice([1, 5, 20, 60]) for _state in states]
    total_weight = sum(weights)
    facts = []
    for state, weight in zip(states, weights, strict=True):
        per_cell = 0.7 * ENROLMENTS * weight / total_weight / (len(quarters) * len(dimensions))
        for quarter in quarters:
            for d, lv, k, g in dimensions:
                value = max(0, round(rng.gauss(per_cell, per_cell / 2)))
                if value:
                    facts.append(
                        Fact(
                            measure="completions",
                            state=state,
                            quarter=quarter,
                            discipline=d,
                            level=lv,
                            agency_kind=k,
                            gender=g,
                            value=value,
                        )
                    )
                    facts.append(
                        Fact(
                            measure="completion_hours",
                            state=state,
                            quarter=quarter,
                            discipline=d,
                            level=lv,
                            agency_kind=k,
                            gender=g,
                            value=value * 10,
                        )
                    )
        for quarter in quarters:
            facts.append(
                Fact(
                    measure="courses_published",
                    state=state,
                    quarter=quarter,
                    discipline="police",
                    level="basic",
                    value=rng.randint(0, 3),
                )
            )
            facts.append(
                Fact(
                    measure="exchanges_sent",
                    state=state,
                    quarter=quarter,
                    discipline="police",
                    level="basic",
                    agency_kind="police",
                    gender="female",
                    value=rng.randint(0, 6),
                )
            )
    Fact.objects.bulk_create(facts, batch_size=5000)
    FactRefresh.objects.create(finished_at=datetime.datetime.now(datetime.UTC), rows=len(facts))

    import json

    data = json.loads(demo.DATA.read_text(encoding="utf-8"))
    demo.load_plan(data)
    boss = secretariat(username="bench-secretariat")
    WorkPlan.objects.create(
        start_year=2026, title_en="Work plan 2026–2027", created_by=boss, status="published", version=1
    )
    measures = list(Measure.objects.all())
    for indicator in PlanIndicator.objects.all():
        Target.objects.bulk_create(
            [
                Target(
                    indicator=indicator,
                    state=s,
                    start_year=2026,
                    baseline=rng.randint(0, 50),
                    target=rng.randint(50, 500),
                    set_by=boss,
                )
                for s in states
            ]
        )
    owner = coordinator(states[0], username="bench-coordinator")
    for state in states:
        report = StateReport.objects.create(state=state, period="2026-S1", status="accepted", created_by=owner)
        ReportEntry.objects.bulk_create(
            [
                ReportEntry(
                    report=report,
                    measure=m,
                    narrative="Courses held and curricula adopted. " * 8,
                    obstacles="Budget.",
                    needs="Instructors.",
                )
                for m in measures
            ]
        )
    return {"facts": len(facts), "secretariat": boss, "coordinator": owner, "state": states[0]}


def run() -> str:
    fresh_database(DATABASE)
    django_setup(DATABASE)
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from plan.followup import build
    from plan.models import FollowUpReport
    from tests.accounts.factories import sign_in_with_mfa

    call_command("migrate", verbosity=0)
    loaded = _build(random.Random(2026))

    def report_once():
        item = FollowUpReport.objects.create(period="2026-S1", language="es", requested_by=loaded["secretariat"])
        built = build(item.pk)
        assert built.status == "done", built.error

    report = timed(report_once, runs=3, warmup=1)

    url = reverse("plan:progress") + "?year=2026"
    rows = []
    for label, user in (
        ("a coordinator's own state", loaded["coordinator"]),
        ("the secretariat, 35 states protected", loaded["secretariat"]),
    ):
        client = Client()
        sign_in_with_mfa(client, user)
        rows.append((label, measure_get(client, url, runs=RUNS)))
    lines = [
        "## The plan's follow-up",
        "",
        f"35 member states; a fact table of {loaded['facts']:,} rows holding what 1,000,000 enrolments fold into "
        "(12 quarters, every discipline, level, agency kind and gender); 6 indicators with a baseline and a target "
        "per state; 35 accepted state reports of 9 measures each (benchmarks/bench_plan.py).",
        "",
        "| measure | p50 | p95 | target |",
        "|---|---|---|---|",
        f"| hemispheric follow-up report, PDF and XLSX (Spanish), 3 runs | {report['p50'] / 1000:.1f} s | {report['p95'] / 1000:.1f} s | < 60 s |",
    ]
    for label, figures in rows:
        lines.append(
            f"| plan dashboard, {label} ({figures['queries']} queries, {figures['bytes']:,} bytes) | "
            f"{figures['p50']:.0f} ms | {figures['p95']:.0f} ms | p95 < 200 ms |"
        )
    lines += [
        "",
        "The report's time is mostly WeasyPrint laying out the PDF; the figures are a handful of GROUP BY queries.",
    ]
    return "\n".join(lines) + "\n"
