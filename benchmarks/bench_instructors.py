"""Ranking in the instructor exchange (instructors/matching.py, docs/decisions/0041) at scale.

A throw-away PostgreSQL database is migrated and filled with 2,000 verified instructors in 20
states (3 topics, 2 languages and 3 availability windows each, some past exchanges) and 500 open
offers; one request is ranked against all of them. Reported: the median and p95 time of a
ranking, and the number of queries it runs (which does not grow with the candidates)."""

from __future__ import annotations

import datetime
import os
import random

from benchmarks.util import django_setup, fresh_database, timed

DATABASE = "capacitas_bench_instructors"
INSTRUCTORS = int(os.environ.get("BENCH_INSTRUCTORS", "2000"))
OFFERS = int(os.environ.get("BENCH_INSTRUCTORS_OFFERS", "500"))
RUNS = int(os.environ.get("BENCH_INSTRUCTORS_RUNS", "20"))


def _build():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accounts.member_states import MEMBER_STATES
    from accounts.models import Agency, MemberState
    from curricula.models import Topic
    from instructors.models import (
        Agreement,
        AvailabilityWindow,
        ExchangeRequest,
        HostReport,
        InstructorLanguage,
        InstructorProfile,
        Offer,
        Stage,
    )

    rng = random.Random(7)
    states = [
        MemberState.objects.create(
            code=row[0], iso3=row[1], name_en=row[2], name_es=row[3], name_pt=row[4], name_fr=row[5], subregion=row[6]
        )
        for row in MEMBER_STATES[:20]
    ]
    agencies = [Agency.objects.create(state=state, name=f"Police {state.code}", kind="police") for state in states]
    topics = [Topic.objects.create(slug=f"t{n}", name_en=f"Topic {n}", discipline="police") for n in range(30)]
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"i{n}", email=f"i{n}@example.org") for n in range(INSTRUCTORS)])
    now = timezone.now()
    profiles = InstructorProfile.objects.bulk_create(
        [
            InstructorProfile(
                user=user,
                agency=agencies[n % len(agencies)],
                state=agencies[n % len(agencies)].state,
                disciplines=["police"],
                formats=rng.sample(["in_person", "online", "blended"], 2),
                travel_subregions=rng.sample(["north_america", "central_america", "caribbean", "south_america"], 2),
                years_experience=rng.randint(1, 30),
                verified_at=now,
            )
            for n, user in enumerate(users)
        ]
    )
    Through = InstructorProfile.topics.through
    Through.objects.bulk_create(
        [Through(instructorprofile=p, topic=t) for p in profiles for t in rng.sample(topics, 3)]
    )
    InstructorLanguage.objects.bulk_create(
        [
            InstructorLanguage(profile=p, language=code, level=rng.choice(["B1", "B2", "C1", "native"]))
            for p in profiles
            for code in rng.sample(["en", "es", "pt", "fr"], 2)
        ]
    )
    AvailabilityWindow.objects.bulk_create(
        [
            AvailabilityWindow(profile=p, starts_on=start, ends_on=start + datetime.timedelta(days=30))
            for p in profiles
            for start in (datetime.date(2027, m, rng.randint(1, 20)) for m in rng.sample(range(1, 13), 3))
        ]
    )
    host = agencies[0]
    for p in profiles[1 : INSTRUCTORS // 10 : 2]:
        if p.state_id == host.state_id:
            continue
        agreement = Agreement.objects.create(
            instructor=p, home_agency=p.agency, home_state=p.state, host_agency=host, host_state=host.state,
            proposed_by=p.user, title="Past", terms="x", language="es", discipline="police", format="in_person",
            planned_start=datetime.date(2026, 3, 1), planned_end=datetime.date(2026, 3, 5), participants_expected=20,
            hours=30, cost_sharing="host_pays", stage=Stage.CLOSED,
        )  # fmt: skip
        HostReport.objects.create(
            agreement=agreement, submitted_by=p.user, evaluation=5, instructor_rating=rng.randint(3, 5)
        )
    offers = Offer.objects.bulk_create(
        [
            Offer(
                agency=agencies[n % len(agencies)],
                state=agencies[n % len(agencies)].state,
                created_by=users[n],
                title=f"Offer {n}",
                description="x",
                language=rng.choice(["en", "es", "pt", "fr"]),
                discipline="police",
                format=rng.choice(["in_person", "online"]),
                duration_days=5,
                hours=30,
                available_from=datetime.date(2027, 1, 1),
                available_until=datetime.date(2027, 12, 31),
                target_audience="x",
                max_participants=20,
                cost_sharing="host_pays",
            )  # fmt: skip
            for n in range(OFFERS)
        ]
    )
    Offer.topics.through.objects.bulk_create(
        [Offer.topics.through(offer=o, topic=t) for o in offers for t in rng.sample(topics, 2)]
    )
    request = ExchangeRequest.objects.create(
        agency=host, state=host.state, created_by=users[0], title="Need", description="x", discipline="police",
        language="es", format="in_person", starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 5),
        participants=20, participant_profile="x", funding="shared",
    )  # fmt: skip
    request.topics.set(topics[:3])
    return request


def run() -> str:
    fresh_database(DATABASE)
    django_setup(DATABASE)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    request = _build()
    from instructors import matching

    with CaptureQueriesContext(connection) as instructors_queries:
        ranking = matching.instructors_for_request(request)
    with CaptureQueriesContext(connection) as offers_queries:
        matching.offers_for_request(request)
    instructors_time = timed(lambda: matching.instructors_for_request(request), runs=RUNS, warmup=2)
    offers_time = timed(lambda: matching.offers_for_request(request), runs=RUNS, warmup=2)
    return "\n".join(
        [
            "## Instructor exchange: ranking",
            "",
            f"One request ranked against {INSTRUCTORS:,} verified instructors in 20 states (3 topics, 2 languages,",
            f"3 availability windows each) and {OFFERS:,} open offers; {RUNS} runs after warm-up "
            "(instructors/matching.py, docs/decisions/0041).",
            "",
            "| ranking | candidates | queries | p50 ms | p95 ms |",
            "|---|---|---|---|---|",
            f"| instructors for a request | {INSTRUCTORS:,} | {len(instructors_queries)} | "
            f"{instructors_time['p50']:.0f} | {instructors_time['p95']:.0f} |",
            f"| offers for a request | {OFFERS:,} | {len(offers_queries)} | {offers_time['p50']:.0f} | "
            f"{offers_time['p95']:.0f} |",
            "",
            f"Top score {ranking[0].score}/100.",
            "",
        ]
    )
