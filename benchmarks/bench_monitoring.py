"""Monitoring at scale: 1,000,000 enrolments (700,000 of them completed) by 20,000 officials of the 35
member states on 100 courses, and 20,000 exchange participants in 1,000 delivered exchanges.

A throw-away PostgreSQL database is migrated and filled (users, profiles, courses and exchanges with
bulk_create; the enrolments with PostgreSQL COPY). Measured (docs/decisions/0061-fact-table.md):
- the rebuild of the fact table from those records (the Celery task ``facts_refresh``);
- the secretariat's hemispheric dashboard, through Django's test client in this process (test
  settings, DEBUG off): "cold" with the protected tables recomputed on every request (cache
  cleared), "warm" as served between two rebuilds; queries per request;
- the CSV and XLSX exports of that dashboard, and a state's dashboard seen by the secretariat;
- for comparison, the same figures computed live from the enrolments (one GROUP BY over the
  million rows), which is what every dashboard request would cost without the fact table.
"""

from __future__ import annotations

import datetime
import os
import random
import time

from benchmarks.util import django_setup, fresh_database, timed

DATABASE = "capacitas_bench_monitoring"
ENROLMENTS = int(os.environ.get("BENCH_MONITORING_ENROLMENTS", "1000000"))
PARTICIPANTS = int(os.environ.get("BENCH_MONITORING_PARTICIPANTS", "20000"))
OFFICIALS = 20_000
COURSES = 100
RUNS = int(os.environ.get("BENCH_MONITORING_RUNS", "30"))


def _build(rng: random.Random) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from accounts.member_states import MEMBER_STATES
    from accounts.models import Agency, AgencyKind, Gender, MemberState, Profile
    from courses.models import CoursePage, CourseRun
    from home.api import state_pages_ensure
    from instructors.models import Agreement, InstructorProfile, ParticipantCount, Stage

    started = time.perf_counter()
    states = [
        MemberState.objects.create(code=c, iso3=i3, name_en=en, name_es=es, name_pt=pt, name_fr=fr, subregion=sub)
        for c, i3, en, es, pt, fr, sub in MEMBER_STATES
    ]
    kinds = [AgencyKind.POLICE, AgencyKind.PRISON, AgencyKind.FORENSIC]
    agencies = Agency.objects.bulk_create(
        [Agency(state=s, name=f"{s.code} {k}", kind=k) for s in states for k in kinds]
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"official{n}", email=f"official{n}@bench.example", password="!") for n in range(OFFICIALS)],
        batch_size=5000,
    )
    genders = [Gender.FEMALE, Gender.MALE, Gender.ANOTHER, Gender.UNDISCLOSED]
    weights = [45, 45, 2, 8]
    now = timezone.now()
    profile_of = []
    for user in users:
        agency = rng.choice(agencies)
        profile_of.append(
            Profile(
                user=user,
                member_state_id=agency.state_id,
                agency=agency,
                verified_state_id=agency.state_id,
                verified_at=now,
                gender=rng.choices(genders, weights)[0],
            )
        )
    Profile.objects.bulk_create(profile_of, batch_size=5000)

    providers = states[:10]
    parents = {state.pk: state_pages_ensure(state=state)["en"] for state in providers}
    courses = []
    for n in range(COURSES):
        state = providers[n % len(providers)]
        page = CoursePage(
            title=f"Course {n}",
            slug=f"bench-course-{n}",
            state=state,
            summary="What the course covers.",
            discipline=["police", "prison", "forensic", "cross_cutting"][n % 4],
            level=["basic", "intermediate", "advanced", "specialisation"][n % 4],
            estimated_hours=[6, 10, 20, 40][n % 4],
            live=True,
            first_published_at=now,
        )
        parents[state.pk].add_child(instance=page)
        courses.append(page)
    runs = CourseRun.objects.bulk_create([CourseRun(course=c, title="Self-paced", self_paced=True) for c in courses])

    # Enrolments by COPY: each official on up to 100 courses (one live enrolment per course).
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    span = (datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC) - start).total_seconds()
    columns = "user_id, course_id, run_id, status, created_at, decision_reason, activated_at, completed_at"
    per_user = ENROLMENTS // OFFICIALS
    with connection.cursor() as cursor:
        raw = cursor.connection
        with raw.cursor() as c, c.copy(f"COPY courses_enrolment ({columns}) FROM STDIN") as copy:
            for user in users:
                for index in rng.sample(range(COURSES), per_user):
                    created = start + datetime.timedelta(seconds=rng.random() * span)
                    completed = rng.random() < 0.7
                    done_at = created + datetime.timedelta(days=rng.randint(1, 60)) if completed else None
                    copy.write_row(
                        (
                            user.pk,
                            courses[index].pk,
                            runs[index].pk,
                            "completed" if completed else "active",
                            created,
                            "",
                            created,
                            done_at,
                        )
                    )
        cursor.execute("ANALYZE courses_enrolment")

    # Exchanges: 200 instructors, 1,000 delivered agreements, 20,000 participants by gender.
    instructors = InstructorProfile.objects.bulk_create(
        [
            InstructorProfile(
                user=users[n],
                agency=profile_of[n].agency,
                state_id=profile_of[n].agency.state_id,
                disciplines=["police"],
                formats=["in_person"],
                verified_at=now,
            )
            for n in range(200)
        ]
    )
    agreements = []
    exchanges = max(PARTICIPANTS // 20, 1)
    for n in range(exchanges):
        teacher = instructors[n % len(instructors)]
        host = rng.choice([a for a in agencies if a.state_id != teacher.state_id])
        end = datetime.date(2024, 1, 15) + datetime.timedelta(days=rng.randint(0, 1000))
        agreements.append(
            Agreement(
                instructor=teacher,
                home_agency_id=teacher.agency_id,
                home_state_id=teacher.state_id,
                host_agency=host,
                host_state_id=host.state_id,
                proposed_by=users[-1],
                title=f"Exchange {n}",
                terms="Terms",
                language="es",
                discipline="police",
                format="in_person",
                planned_start=end - datetime.timedelta(days=4),
                planned_end=end,
                start_date=end - datetime.timedelta(days=4),
                end_date=end,
                participants_expected=20,
                hours=24,
                cost_sharing="host_pays",
                stage=Stage.CLOSED,
            )
        )
    agreements = Agreement.objects.bulk_create(agreements, batch_size=1000)
    counts = []
    for agreement in agreements:
        split = [8, 9, 1, 2]
        for gender, count in zip(genders, split, strict=True):
            counts.append(ParticipantCount(agreement=agreement, gender=gender, role="officer", count=count))
    ParticipantCount.objects.bulk_create(counts, batch_size=5000)
    return {"load_s": time.perf_counter() - started, "participants": sum(c.count for c in counts)}


def run() -> str:
    fresh_database(DATABASE)
    django_setup(DATABASE)
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from courses.api import completion_facts
    from home.api import home_pages_ensure
    from monitoring.models import Fact
    from monitoring.services import facts_rebuild
    from tests.accounts.factories import secretariat

    call_command("migrate", verbosity=0)
    home_pages_ensure()
    # The catalogue index is not what is measured here: page saves do not queue search indexing.
    import search.tasks

    search.tasks.refresh_index.delay = lambda *args, **kwargs: None
    loaded = _build(random.Random(2026))

    rebuild = timed(facts_rebuild, runs=3, warmup=0)
    facts = Fact.objects.count()
    live = timed(completion_facts, runs=3, warmup=0)

    client = Client()
    client.force_login(secretariat())
    period = "2026-S1"
    hemisphere = reverse("monitoring:hemisphere") + f"?period={period}"
    rows = []

    def measure(label, url, *, cold: bool):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counter = [0]

        def wrapper(execute, sql, params, many, context):
            counter[0] += 1
            return execute(sql, params, many, context)

        def request():
            if cold:
                cache.clear()
            return client.get(url)

        with connection.execute_wrapper(wrapper):
            request()
        figures = timed(request, runs=RUNS, warmup=2)
        figures.update(queries=counter[0], bytes=len(response.content))
        rows.append((label, figures))

    measure("hemispheric dashboard, cold (tables protected on the request)", hemisphere, cold=True)
    measure("hemispheric dashboard, warm (between two rebuilds)", hemisphere, cold=False)
    measure("hemispheric dashboard by gender, cold", hemisphere + "&by=gender", cold=True)
    measure("export XLSX of the hemispheric dashboard, cold", hemisphere + "&format=xlsx", cold=True)
    measure("export CSV of the hemispheric dashboard, warm", hemisphere + "&format=csv", cold=False)
    state_url = reverse("monitoring:state", kwargs={"code": "MX"}) + f"?period={period}"
    measure("a state's dashboard seen by the secretariat, cold", state_url, cold=True)

    # What a reader meets after each rebuild: the task protects the current tables (protection_warm),
    # then the first view of each of the 35 states' dashboards, as the secretariat, in turn.
    from accounts.api import member_states
    from monitoring.periods import Period
    from monitoring.selectors import protection_warm

    cache.clear()
    started = time.perf_counter()
    tables = protection_warm([Period.parse(period)])
    warm_s = time.perf_counter() - started
    first_views = []
    for member in member_states():
        url = reverse("monitoring:state", kwargs={"code": member.code}) + f"?period={period}"
        started = time.perf_counter()
        response = client.get(url)
        first_views.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    first_views.sort()
    first_p50 = first_views[len(first_views) // 2]
    first_p95 = first_views[min(len(first_views) - 1, int(len(first_views) * 0.95))]

    lines = [
        "## Monitoring",
        "",
        f"{ENROLMENTS:,} enrolments ({int(ENROLMENTS * 0.7):,} expected completed) by {OFFICIALS:,} officials of "
        f"35 states on {COURSES} courses, and {loaded['participants']:,} exchange participants in "
        f"{max(PARTICIPANTS // 20, 1):,} delivered exchanges (loaded in {loaded['load_s']:.0f} s with bulk_create "
        f"and COPY). The fact table holds {facts:,} rows.",
        "",
        f"Rebuilding the fact table (the Celery task): p50 {rebuild['p50'] / 1000:.1f} s over 3 runs. "
        f"The completions alone computed live from the enrolments (one GROUP BY): p50 {live['p50']:.0f} ms; "
        "that is what each dashboard request would cost without the fact table.",
        "",
        f"In-process Django test client (test settings, DEBUG off, PostgreSQL), {RUNS} requests after a warm-up.",
        "",
        "| request | p50 ms | p95 ms | SQL queries | bytes |",
        "|---|---|---|---|---|",
    ]
    for label, f in rows:
        lines.append(f"| {label} | {f['p50']:.1f} | {f['p95']:.1f} | {f['queries']} | {f['bytes']:,} |")
    lines += [
        "",
        f"After a rebuild, the task protects the {tables} tables of the period in {warm_s * 1000:.0f} ms "
        f"(`protection_warm`); the first view of each of the 35 states' dashboards by the secretariat then "
        f"takes p50 {first_p50:.1f} ms, p95 {first_p95:.1f} ms, max {first_views[-1]:.1f} ms.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
