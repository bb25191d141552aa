"""Training activities on a state's dashboard: officials who attended, by scope and by discipline,
each by gender; as they are for the state's coordinator, protected for the secretariat."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Attendance, Nomination, NominationStatus
from monitoring.api import Period
from monitoring.selectors import attendance_tables
from tests.accounts.factories import sign_in_with_mfa
from tests.activities.conftest import add_session, build_world, make_activity

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 10, 5, 14, 0, tzinfo=datetime.UTC)  # in 2026-S2


@pytest.fixture
def attended():
    world = build_world()
    activity = make_activity(world, scope="subregional", capacity=10, starts_at=START)
    session = add_session(activity)
    for person in world.cr_officials[:3]:  # female, male, female
        nomination = Nomination.objects.create(
            activity=activity,
            official=person,
            state=world.cr,
            agency=world.cr_agency,
            nominated_by=world.cr_manager,
            status=NominationStatus.ACCEPTED,
        )
        Attendance.objects.create(session=session, nomination=nomination, present=True)
    absent = Nomination.objects.create(
        activity=activity,
        official=world.cr_officials[3],
        state=world.cr,
        nominated_by=world.cr_manager,
        status=NominationStatus.ACCEPTED,
    )
    Attendance.objects.create(session=session, nomination=absent, present=False)
    return world


def test_the_states_coordinator_sees_its_counts(attended):
    by_scope, by_discipline = attendance_tables(attended.cr, Period.parse("2026-S2"), owner=True)
    subregional = next(row for row in by_scope.rows if row.label == "Subregional")
    values = dict(zip(by_scope.columns, [cell.display for cell in subregional.cells], strict=True))
    assert values["Female"] == "2" and values["Male"] == "1" and values["Total"] == "3"
    police = next(row for row in by_discipline.rows if row.label == "Police")
    assert police.cells[-1].display == "3"
    assert attendance_tables(attended.cr, Period.parse("2026-S1"), owner=True)[0].rows[-1].cells[-1].value == 0


def test_the_secretariat_sees_small_counts_protected(attended):
    by_scope, _by_discipline = attendance_tables(attended.cr, Period.parse("2026-S2"), owner=False)
    subregional = next(row for row in by_scope.rows if row.label == "Subregional")
    assert "2" not in [cell.display for cell in subregional.cells]
    assert "<5" in [cell.display for cell in subregional.cells]


def test_the_dashboard_page_shows_the_tables(client, attended):
    sign_in_with_mfa(client, attended.cr_coordinator)
    page = client.get(reverse("monitoring:state", args=["CR"]), {"period": "2026-S2"}).content.decode()
    assert "Officials who attended training activities, by scope and gender" in page
    sign_in_with_mfa(client, attended.secretariat)
    page = client.get(reverse("monitoring:state", args=["CR"]), {"period": "2026-S2"}).content.decode()
    assert "by discipline and gender" in page and "&lt;5" in page
