"""A state report's pre-filled figures include the training activities its officials attended."""

import datetime

import pytest

from activities.models import Attendance, Nomination, NominationStatus
from plan import services
from plan.report_figures import figure_tables
from tests.activities.conftest import add_session, build_world, make_activity

pytestmark = pytest.mark.django_db


def test_prefill_counts_attendance_in_the_semester():
    world = build_world()
    for start in (
        datetime.datetime(2026, 3, 2, 15, tzinfo=datetime.UTC),
        datetime.datetime(2026, 9, 1, 15, tzinfo=datetime.UTC),
    ):
        activity = make_activity(world, starts_at=start)
        session = add_session(activity)
        for person in world.cr_officials[:2]:
            nomination = Nomination.objects.create(
                activity=activity,
                official=person,
                state=world.cr,
                nominated_by=world.cr_manager,
                status=NominationStatus.ACCEPTED,
            )
            Attendance.objects.create(session=session, nomination=nomination, present=True)
    figures = services.prefilled_figures(state_id=world.cr.pk, period_key="2026-S1")
    assert figures["activities"] == {"activities": 1, "participants": 2}
    assert services.prefilled_figures(state_id=world.gt.pk, period_key="2026-S1")["activities"] == {
        "activities": 0,
        "participants": 0,
    }
    table = next(item["table"] for item in figure_tables(figures) if item["table"].key == "activities")
    assert [cell.value for cell in table.rows[0].cells] == [1, 2]
