"""The forum's demo: the spaces, six more national coordinators, the national approaches of nine
states for the demo work plan with their discussions in four languages, and a few threads among
officials, all from forum/demo/forum.json through the services. Skips what exists."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model

from accounts.api import (
    Role,
    demo_official_ensure,
    demo_role_ensure,
    first_agency_of,
    first_user_with_role,
    member_state_for_code,
)

from . import services
from .models import LANGUAGES, NationalApproach, Post, Thread

DATA = Path(__file__).resolve().parent / "demo" / "forum.json"


def _texts(field: str, values: dict) -> dict:
    return {f"{field}_{code}": values.get(code, "") for code in LANGUAGES}


def _coordinator(code: str):
    state = member_state_for_code(code)
    return first_user_with_role(role=Role.NATIONAL_COORDINATOR, state=state) if state else None


def _person(key: str):
    if key == "secretariat":
        return first_user_with_role(role=Role.SECRETARIAT)
    if len(key) == 2:
        return _coordinator(key)
    return get_user_model().objects.filter(username=key).first()


def load(*, stdout) -> None:
    from plan.api import work_plan_periods

    data = json.loads(DATA.read_text(encoding="utf-8"))
    spaces = {}
    for slug, item in data["spaces"].items():
        spaces[slug] = services.space_upsert(
            slug=slug,
            kind=item["kind"],
            state=member_state_for_code(item["state"]) if item.get("state") else None,
            questions=item.get("questions", False),
            order=item.get("order", 0),
            **_texts("title", item["title"]),
            **_texts("description", item.get("description", {})),
        )
    for person in data["people"].values():
        state = member_state_for_code(person["state"])
        agency = first_agency_of(state) if state else None
        if agency is None or _coordinator(person["state"]) is not None:
            continue
        user = demo_official_ensure(
            name=person["name"], gender=person["gender"], agency=agency, language=person["language"]
        )
        demo_role_ensure(user, Role.NATIONAL_COORDINATOR, state=state)
    secretariat = _person("secretariat")
    periods = work_plan_periods(secretariat) if secretariat else []
    presented = 0
    if periods:
        period = periods[0]
        from plan.api import measure_choices

        measures = {m.code: m.id for m in measure_choices()}
        for item in data["approaches"]:
            state = member_state_for_code(item["state"])
            author = _coordinator(item["state"])
            if state is None or author is None:
                continue
            if NationalApproach.objects.filter(state=state, work_plan_id=period.id).exists():
                presented += 1
                continue
            approach = services.approach_publish(
                user=author,
                state=state,
                work_plan_id=period.id,
                texts=item["texts"],
                measure_ids=[measures[c] for c in item.get("measures", []) if c in measures],
            )
            thread = Thread.objects.get(pk=approach.thread_id)
            for reply in item.get("discussion", []):
                who = _person(reply["by"])
                if who is not None:
                    services.post_create(user=who, thread=thread, body=reply["text"], language=reply["language"])
                    thread.refresh_from_db()
            presented += 1
    else:
        stdout.write("forum: no work plan has been sent to the member states, so no national approaches")
    for item in data["threads"]:
        author = _person(item["by"])
        space = spaces[item["space"]]
        if author is None or Thread.objects.filter(space=space, title=item["title"]).exists():
            continue
        thread = services.thread_create(
            user=author, space=space, title=item["title"], body=item["text"], language=item["language"]
        )
        for reply in item["replies"]:
            who = _person(reply["by"])
            if who is None:
                continue
            post = services.post_create(user=who, thread=thread, body=reply["text"], language=reply["language"])
            thread.refresh_from_db()
            if reply.get("answer"):
                services.answer_mark(user=author, post=post)
    stdout.write(
        f"forum: {len(spaces)} spaces, {presented} national approaches, {Thread.objects.count()} threads, "
        f"{Post.objects.count()} posts"
    )
