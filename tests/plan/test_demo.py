"""The plan's demo loads through the services: the 2024-2025 work plan sent by one member of the
secretariat, approved and published by another, its activities with their statuses; the 2026-2027
plan under consideration; loading again changes nothing."""

import io

import pytest

from plan import demo
from plan.models import Activity, WorkPlan, WorkPlanEvent

pytestmark = pytest.mark.django_db


def test_the_demo_work_plans():
    from accounts import demo as accounts_demo

    accounts_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    published = WorkPlan.objects.get(start_year=2024)
    assert published.status == WorkPlan.Status.PUBLISHED
    sent = published.events.get(kind=WorkPlanEvent.Kind.SENT)
    assert published.approved_by_id is not None and published.approved_by_id != sent.actor_id
    statuses = set(Activity.objects.filter(work_plan=published).values_list("status", flat=True))
    assert {Activity.Status.DONE, Activity.Status.POSTPONED} <= statuses
    assert WorkPlan.objects.get(start_year=2026).status == WorkPlan.Status.CONSULTATION
    events = WorkPlanEvent.objects.count()
    demo.load(stdout=io.StringIO())
    assert WorkPlanEvent.objects.count() == events
    assert WorkPlan.objects.count() == 2
