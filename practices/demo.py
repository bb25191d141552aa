"""The library's demo: 20 good practices of eleven states in the four languages, at every step of
their life (most published, some awaiting review or publication, one returned), several adopted by
other states' agencies. Data in ``practices/demo/practices.json``, every reference by key; each
step goes through the services, so notices and checks are real. Runs after the plan's demo (the
practices name its measures) and skips the practices already loaded (by ``demo_key``)."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from accounts.api import (
    Role,
    agencies,
    demo_official_ensure,
    demo_role_ensure,
    demo_role_holder,
    member_state_for_code,
    users_with_role,
)
from curricula.api import topics_by_key
from lms import measures as plan_measures

from . import services
from .models import Practice, Status

DATA = Path(__file__).resolve().parent / "demo" / "practices.json"


def _people(states: dict) -> dict:
    people = {}
    for code, spec in states.items():
        state = member_state_for_code(code)
        agency = next((a for a in agencies(state=state) if a.name == spec["agency"]), None)
        if state is None or agency is None or not agency.domains.exists():
            continue
        coordinator = demo_role_holder(Role.NATIONAL_COORDINATOR, state=state)
        if coordinator is None:
            coordinator = demo_official_ensure(**spec["coordinator"], agency=agency, language=spec["language"])
            demo_role_ensure(coordinator, Role.NATIONAL_COORDINATOR, state=state)
        people[code] = {
            "state": state,
            "agency": agency,
            "coordinator": coordinator,
            "submitter": demo_official_ensure(**spec["submitter"], agency=agency, language=spec["language"]),
            "adopter": demo_official_ensure(**spec["adopter"], agency=agency, language=spec["language"]),
        }
    return people


def _load_one(spec: dict, people: dict, secretariat) -> Practice | None:
    party = people.get(spec["state"])
    if party is None:
        return None
    known = {code for code, _label in plan_measures.choices()}
    data = {
        **{name: spec[name] for name in ("language", "title", "summary", "context", "problem", "actions", "results")},
        "resources": spec.get("resources", ""),
        "contact": f"{party['submitter'].email}",
        "discipline": spec["discipline"],
        "audience": spec["audience"],
        "gender_perspective": spec["gender_perspective"],
        "human_rights": spec["human_rights"],
        "measures": [code for code in spec["measures"] if code in known],
        "topics": topics_by_key(spec["topics"]),
    }
    practice = services.practice_submit(user=party["submitter"], state=party["state"], data=data, demo_key=spec["key"])
    if spec["status"] == Status.SUBMITTED:
        return practice
    if spec["status"] == Status.RETURNED:
        return services.practice_review(
            user=party["coordinator"], practice=practice, approve=False, comment=spec["review_comment"]
        )
    practice = services.practice_review(user=party["coordinator"], practice=practice, approve=True)
    if spec["status"] == Status.REVIEWED or secretariat is None:
        return practice
    practice = services.practice_publish(user=secretariat, practice=practice)
    for adoption in spec["adopted_by"]:
        adopter = people.get(adoption["state"])
        if adopter is not None:
            services.adoption_record(user=adopter["adopter"], practice=practice, note=adoption["note"])
    return practice


def load(*, stdout) -> None:
    content = json.loads(DATA.read_text(encoding="utf-8"))
    secretariat = users_with_role(role=Role.SECRETARIAT).order_by("pk").first()
    if secretariat is None:
        stdout.write("practices: no secretariat account, so the demo practices stay unpublished")
    existing = set(Practice.objects.exclude(demo_key="").values_list("demo_key", flat=True))
    wanted = [spec for spec in content["practices"] if spec["key"] not in existing]
    if not wanted:
        stdout.write("practices: demo already loaded")
        return
    with transaction.atomic():
        people = _people(content["states"])
        loaded = [p for spec in wanted if (p := _load_one(spec, people, secretariat)) is not None]
    stdout.write(f"practices: {len(loaded)} good practices loaded")
