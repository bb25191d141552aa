"""The demo loads through the services: activities at each scope with nominations, a waiting list,
attendance, certificates and evaluations; loading again changes nothing."""

import io

import pytest

from activities import demo
from activities.models import Activity, Attendance, Evaluation, Nomination, NominationStatus
from courses.models import Certificate

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once():
    from accounts import demo as accounts_demo

    accounts_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert set(Activity.objects.values_list("scope", flat=True)) == {"national", "subregional", "regional"}
    assert Nomination.objects.filter(status=NominationStatus.WAITLISTED).exists()
    assert Nomination.objects.filter(status=NominationStatus.NOMINATED).exists()
    assert Nomination.objects.filter(status=NominationStatus.DECLINED).exists()
    assert Attendance.objects.filter(present=True).count() > 10
    assert Certificate.objects.filter(kind="attendance").count() >= 8
    assert Evaluation.objects.count() >= 4
    before = Activity.objects.count()
    demo.load(stdout=io.StringIO())
    assert Activity.objects.count() == before
