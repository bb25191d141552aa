"""Demo training activities at each scope (national, subregional, regional), with nominations,
a waiting list, attendance, certificates and evaluations, taken through the services so that
notices and certificates are the real ones.

The content is data: ``activities/demo/activities.json`` names, per state, the agency (by name), the
agency manager, the national coordinator and the officials (each by ``key``), then the activities,
whose nominations name an official by key and who nominates (``manager`` or ``coordinator`` of the
official's state). Runs after the plan's demo, whose measures the activities name by code; the
accounts that do not exist yet are made by ``accounts.api.demo_official_ensure``."""

from __future__ import annotations

import datetime
import json
import zoneinfo
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from accounts.api import Role, demo_official_ensure, demo_party_ensure, demo_role_holder
from lms import measures

from . import services
from .models import Activity, Nomination, Session, Status

DATA = Path(__file__).resolve().parent / "demo" / "activities.json"


def load(*, stdout) -> None:
    if Activity.objects.exists():
        stdout.write("Training activities demo: already loaded.")
        return
    spec = json.loads(DATA.read_text(encoding="utf-8"))
    with transaction.atomic():
        parties, officials = _parties(spec["parties"])
        secretariat = demo_role_holder(Role.SECRETARIAT)
        for item in spec["activities"]:
            _activity(item, parties, officials, secretariat)
    stdout.write(
        f"Training activities demo: {Activity.objects.count()} activities, "
        f"{Nomination.objects.count()} nominations, {Session.objects.count()} sessions."
    )


def _parties(states: dict) -> tuple[dict, dict]:
    parties, officials = {}, {}
    for code, spec in states.items():
        party = demo_party_ensure(code, spec, domain_prefix="activities")
        parties[code] = party
        for person in spec["officials"]:
            user = demo_official_ensure(
                name=person["name"], gender=person["gender"], agency=party["agency"], language=spec["language"]
            )
            officials[person["key"]] = (code, user)
    return parties, officials


def _organiser(item: dict, party: dict, secretariat):
    if item["organiser"] == "agency":
        return party["manager"]
    if item["organiser"] == "state":
        return party["coordinator"]
    return secretariat


def _activity(item: dict, parties: dict, officials: dict, secretariat) -> None:
    party = parties[item["state"]]
    zone = zoneinfo.ZoneInfo(item["time_zone"])
    starts = datetime.datetime.fromisoformat(item["starts"]).replace(tzinfo=zone)
    sessions = item["sessions"]
    last = sessions[-1]
    ends = datetime.datetime.combine(
        starts.date() + datetime.timedelta(days=last["day"]), datetime.time.fromisoformat(last["start"]), tzinfo=zone
    ) + datetime.timedelta(hours=last["hours"])
    organiser = _organiser(item, party, secretariat)
    activity = services.activity_create(
        creator=organiser,
        title=item["title"],
        description=item.get("description", ""),
        format=item["format"],
        scope=item["scope"],
        discipline=item["discipline"],
        organiser_kind=item["organiser"],
        state=party["state"],
        agency=party["agency"] if item["organiser"] == "agency" else None,
        partner_name=item.get("partner_name", ""),
        audience=item["audience"],
        starts_at=starts,
        ends_at=ends,
        time_zone=zone,
        venue=item.get("venue", ""),
        online_url=item.get("online_url", ""),
        capacity=item["capacity"],
        hours=Decimal(item["hours"]),
        languages=item["languages"],
        # Only the measures the plan has (the plan's demo may not have run).
        measure_codes=[code for code in item.get("measures", []) if not measures.unknown([code])],
    )
    made = []
    for spec in sessions:
        start = datetime.datetime.combine(
            starts.date() + datetime.timedelta(days=spec["day"]),
            datetime.time.fromisoformat(spec["start"]),
            tzinfo=zone,
        )
        made.append(
            services.session_add(
                actor=organiser,
                activity=activity,
                title=spec["title"],
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=spec["hours"]),
            )
        )
    nominations = []
    for spec in item.get("nominations", []):
        code, official = officials[spec["official"]]
        nominator = parties[code][spec["by"]]
        nomination = services.nominate(nominator=nominator, activity=activity, official=official)
        if "accept" in spec:
            nomination = services.nomination_decide(actor=organiser, nomination=nomination, accept=spec["accept"])
        nominations.append((spec, nomination))
    for index, session in enumerate(made):
        present = [n.pk for spec, n in nominations if index in spec.get("present", []) and n.status == "accepted"]
        if any("present" in spec for spec, _n in nominations):
            services.attendance_record(actor=organiser, session=session, present_ids=present)
    if item.get("certificates"):
        services.certificates_issue(actor=organiser, activity=activity)
    for spec, nomination in nominations:
        if spec.get("evaluation"):
            overall, relevance, organisation = spec["evaluation"]
            services.evaluation_submit(
                user=nomination.official,
                nomination=nomination,
                overall=overall,
                relevance=relevance,
                organisation=organisation,
            )
    if item.get("close") and activity.status == Status.OPEN:
        services.activity_close_nominations(actor=organiser, activity=activity)
