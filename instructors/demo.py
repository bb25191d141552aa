"""Demo exchange: 30 instructors in 15 states, offers and requests in the four languages, and
agreements at every step of the life cycle, taken through the services (so logs and notices are real).

The content is data under ``instructors/demo/``, every reference by key: ``states.json`` (per state:
the host agency by name, its first language and time zone, the names of its agency manager and
national coordinator), ``instructors.json`` (each instructor by ``key``), ``requests.json``,
``offers.json`` (``instructor`` is a key) and ``agreements.json`` (the instructor, the host state, the
stage to ``reach`` along the life cycle and, for the exits, the ``exit`` taken with its reason).

Runs after accounts' demo (states, agencies, the secretariat); the managers and coordinators a state
lacks, and the instructors' accounts, are made by accounts (``accounts.api.demo_official_ensure``), so
every demo account has accounts' demo password."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accounts.api import demo_official_ensure, demo_party_ensure
from curricula.api import Topic, taxonomy_ensure

from . import services
from .models import LIFE_CYCLE, Agreement, ExchangeRequest, InstructorProfile, Offer, Stage

DATA = Path(__file__).resolve().parent / "demo"


def data(name: str):
    """One of the demo data files, parsed (trusted files of the repository)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def load(*, stdout) -> None:
    if Agreement.objects.exists():
        stdout.write("Instructor exchange demo: already loaded.")
        return
    with transaction.atomic():
        states = data("states")
        topics = _topics()
        parties = _parties(states)
        profiles = _instructors(states, parties, topics)
        _requests(parties, topics)
        _offers(profiles, topics)
        _agreements(states, profiles, parties, topics)
    stdout.write(
        f"Instructor exchange demo: {InstructorProfile.objects.count()} instructors in "
        f"{InstructorProfile.objects.values('state').distinct().count()} states, {Offer.objects.count()} offers, "
        f"{ExchangeRequest.objects.count()} requests, {Agreement.objects.count()} agreements."
    )


def _topics() -> dict[str, Topic]:
    topics, _competencies = taxonomy_ensure()
    return topics


def _parties(states: dict) -> dict[str, dict]:
    """Per state: its host agency, its agency manager and its national coordinator (made when missing)."""
    return {code: demo_party_ensure(code, spec, domain_prefix="exchange") for code, spec in states.items()}


def _instructors(states: dict, parties: dict, topics) -> dict[str, InstructorProfile]:
    profiles = {}
    for spec in data("instructors"):
        code = spec["state"]
        agency = parties[code]["agency"]
        home_language = states[code]["language"]
        user = demo_official_ensure(name=spec["name"], gender=spec["gender"], agency=agency, language=home_language)
        profile = services.profile_save(
            user=user,
            agency=agency,
            topics=[topics[s] for s in spec["topics"]],
            languages={home_language: "native", **spec["languages"]},
            disciplines=sorted({topics[s].discipline for s in spec["topics"]}),
            years_experience=spec["years_experience"],
            formats=spec["formats"],
            travel_subregions=spec["travel_subregions"],
            bio=spec["bio"],
            accepting=True,
        )
        for month in spec["availability_months"]:
            start = datetime.date(2027, month, 1)
            services.availability_add(
                profile=profile, actor=user, starts_on=start, ends_on=start + datetime.timedelta(days=45)
            )
        if spec["verified"]:
            services.profile_verify(profile=profile, actor=parties[code]["manager"])
        profiles[spec["key"]] = profile
    return profiles


def _requests(parties: dict, topics) -> None:
    for spec in data("requests"):
        party = parties[spec["state"]]
        start = _date(spec["starts_on"])
        services.request_create(
            actor=party["manager"],
            agency=party["agency"],
            topics=[topics[s] for s in spec["topics"]],
            title=spec["title"],
            description=spec["description"],
            discipline=spec["discipline"],
            level="intermediate",
            language=spec["language"],
            format=spec["format"],
            starts_on=start,
            ends_on=start + datetime.timedelta(days=spec["days"] - 1),
            participants=spec["participants"],
            participant_profile=spec["participant_profile"],
            funding=spec["funding"],
        )


def _offers(profiles: dict, topics) -> None:
    for spec in data("offers"):
        profile = profiles[spec["instructor"]]
        services.offer_create(
            actor=profile.user,
            agency=profile.agency,
            instructor=profile,
            topics=[topics[s] for s in spec["topics"]],
            title=spec["title"],
            description=spec["description"],
            language=spec["language"],
            discipline=spec["discipline"],
            level="intermediate",
            format=spec["format"],
            duration_days=spec["duration_days"],
            hours=spec["hours"],
            available_from=_date(spec["available_from"]),
            available_until=_date(spec["available_until"]),
            target_audience=spec["target_audience"],
            max_participants=spec["max_participants"],
            subregions=[],
            cost_sharing=spec["cost_sharing"],
            cost_terms="",
        )


def _agreements(states: dict, profiles: dict, parties: dict, topics) -> None:
    for spec in data("agreements"):
        profile = profiles[spec["instructor"]]
        home, host = parties[profile.state.code], parties[spec["host"]]
        start = _date(spec["starts_on"])
        end = start + datetime.timedelta(days=spec["days"] - 1)
        # The request this agreement answers, as the host agency wrote it when it asked this instructor.
        request = ExchangeRequest(
            agency=host["agency"],
            state=host["agency"].state,
            created_by=host["manager"],
            title=spec["title"],
            description=spec["terms"],
            discipline=topics[spec["topics"][0]].discipline,
            level="intermediate",
            language=spec["language"],
            format="in_person",
            starts_on=start,
            ends_on=end,
            participants=25,
            participant_profile="–",
            funding="shared",
        )
        request.save()
        request.topics.set([topics[s] for s in spec["topics"]])
        agreement = services.agreement_propose(
            actor=host["manager"],
            instructor=profile,
            request=request,
            terms=spec["terms"],
            cost_sharing=spec["cost_sharing"],
            cost_terms=spec["cost_terms"],
        )
        ExchangeRequest.objects.filter(pk=request.pk).update(status="matched")
        Agreement.objects.filter(pk=agreement.pk).update(
            proposed_at=timezone.now() - datetime.timedelta(days=spec["proposed_days_ago"])
        )
        services.message_post(agreement=agreement, actor=host["manager"], body=spec["message"])
        for step in LIFE_CYCLE[1 : LIFE_CYCLE.index(spec["reach"]) + 1]:
            _step(agreement, step, spec, profile=profile, home=home, host=host, start=start, end=end, states=states)
        exit_ = spec.get("exit")
        if exit_ is not None:
            action, actor = {
                Stage.DECLINED.value: ("decline", home["coordinator"]),
                Stage.WITHDRAWN.value: ("withdraw", host["manager"]),
                Stage.CANCELLED.value: ("cancel", host["coordinator"]),
            }[exit_["stage"]]
            services.agreement_transition(agreement=agreement, actor=actor, action=action, reason=exit_["reason"])


def _step(agreement, step, spec, *, profile, home, host, start, end, states) -> None:
    instructor = profile.user
    if step == Stage.HOME_AGENCY_APPROVED:
        services.agreement_transition(agreement=agreement, actor=home["manager"], action="approve_home_agency")
    elif step == Stage.HOME_STATE_APPROVED:
        services.agreement_transition(agreement=agreement, actor=home["coordinator"], action="approve_home_state")
    elif step == Stage.HOST_STATE_APPROVED:
        services.agreement_transition(agreement=agreement, actor=host["coordinator"], action="approve_host_state")
    elif step == Stage.SCHEDULED:
        services.agreement_schedule(
            agreement=agreement,
            actor=host["manager"],
            start_date=start,
            end_date=end,
            daily_start=datetime.time.fromisoformat(spec["schedule"]["daily_start"]),
            daily_end=datetime.time.fromisoformat(spec["schedule"]["daily_end"]),
            time_zone=states[spec["host"]]["time_zone"],
            location=f"{agreement.host_agency.name}, {agreement.host_state.name_en}",
        )
    elif step == Stage.DELIVERED:
        report = spec["host_report"]
        services.agreement_transition(agreement=agreement, actor=instructor, action="deliver")
        services.host_report_submit(
            agreement=agreement,
            actor=host["manager"],
            evaluation=report["evaluation"],
            instructor_rating=report["instructor_rating"],
            comments=report["comments"],
            participants={(row["gender"], row["role"]): row["count"] for row in report["participants"]},
        )
    elif step == Stage.REPORTED:
        report = spec["instructor_report"]
        services.instructor_report_submit(
            agreement=agreement,
            actor=instructor,
            delivered=report["delivered"],
            hours_delivered=((agreement.end_date - agreement.start_date).days + 1) * report["hours_per_day"],
            cascading_plan=report["cascading_plan"],
            host_rating=report["host_rating"],
        )
    elif step == Stage.CLOSED:
        services.agreement_transition(agreement=agreement, actor=host["coordinator"], action="close")
