"""The plan's demo: the objectives, measures and indicators in plan/demo/plan.json, and a work plan
sent to the member states with two states' positions, all through the services (so that versions
and the log are real). Skips what exists."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from accounts.api import Role, member_state_for_code, users_with_role

from . import services
from .models import LANGUAGES, Measure, PlanIndicator, WorkPlan

DATA = Path(__file__).resolve().parent / "demo" / "plan.json"
CROSSCUTTING = ("gender_perspective", "human_rights", "financing", "training")


def _texts(field: str, values: dict) -> dict:
    return {f"{field}_{code}": values.get(code, "") for code in LANGUAGES}


def load_plan(data: dict) -> None:
    for o, objective_data in enumerate(data["objectives"]):
        objective = services.objective_upsert(
            code=objective_data["code"],
            order=objective_data.get("order", o),
            **_texts("title", objective_data["title"]),
            **_texts("description", objective_data.get("description", {})),
        )
        for m, measure in enumerate(objective_data["measures"]):
            services.measure_upsert(
                code=measure["code"],
                objective=objective,
                section=measure["section"],
                priority=measure["priority"],
                order=m,
                **{name: name in measure["crosscutting"] for name in CROSSCUTTING},
                **_texts("text", measure["text"]),
            )
    for indicator in data.get("indicators", []):
        PlanIndicator.objects.update_or_create(
            code=indicator["code"],
            defaults={
                "measure": Measure.objects.get(code=indicator["measure"]),
                "source": indicator["source"],
                **_texts("name", indicator["name"]),
            },
        )


def load_work_plan(data: dict, *, stdout) -> None:
    if WorkPlan.objects.filter(start_year=data["start_year"]).exists():
        return
    secretariat = users_with_role(role=Role.SECRETARIAT).order_by("pk").first()
    if secretariat is None:
        stdout.write("plan: no secretariat account, so no demo work plan")
        return
    work_plan = services.work_plan_create(user=secretariat, start_year=data["start_year"], titles=data["title"])
    codes = dict(Measure.objects.values_list("code", "pk"))
    activities = []
    for item in data["activities"]:
        states = [member_state_for_code(code) for code in item["states"]]
        activities.append(
            services.activity_save(
                user=secretariat,
                work_plan=work_plan,
                data={
                    **_texts("title", item["title"]),
                    "measures": [codes[code] for code in item["measures"]],
                    "states": [s.pk for s in states if s is not None],
                    "starts_on": datetime.date.fromisoformat(item["starts_on"]),
                    "ends_on": datetime.date.fromisoformat(item["ends_on"]),
                    "expected_results": item["expected_results"],
                },
            )
        )
    services.work_plan_send(user=secretariat, work_plan=work_plan)
    for position in data.get("positions", []):
        state = member_state_for_code(position["state"])
        coordinator = (
            users_with_role(role=Role.NATIONAL_COORDINATOR, state=state).order_by("pk").first() if state else None
        )
        if coordinator is None:
            continue
        services.position_record(
            user=coordinator,
            work_plan=work_plan,
            state=state,
            position=position["position"],
            comment=position["comment"],
            activity_comments={activities[int(n) - 1].pk: text for n, text in position["activities"].items()},
        )
    if not data.get("approve"):
        stdout.write(
            f"plan: work plan {work_plan.period_label} sent to the member states, with {len(activities)} activities"
        )
        return
    # Approved by another member of the secretariat than the one who sent it, then published; its
    # activities then carry their status through the period.
    approver = users_with_role(role=Role.SECRETARIAT).exclude(pk=secretariat.pk).order_by("pk").first()
    if approver is None:
        stdout.write(f"plan: work plan {work_plan.period_label} sent; one secretariat account, so not approved")
        return
    services.work_plan_approve(user=approver, work_plan=work_plan)
    services.work_plan_publish(user=approver, work_plan=work_plan)
    for activity, item in zip(activities, data["activities"], strict=True):
        if item.get("status"):
            services.activity_status_set(user=approver, activity=activity, status=item["status"])
    stdout.write(f"plan: work plan {work_plan.period_label} approved and published, with {len(activities)} activities")


def load(*, stdout) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    load_plan(data)
    stdout.write(f"plan: {Measure.objects.count()} measures, {PlanIndicator.objects.count()} indicators")
    load_work_plan(data["previous_work_plan"], stdout=stdout)
    load_work_plan(data["work_plan"], stdout=stdout)
