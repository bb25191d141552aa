"""The library's demo loads through the services after accounts' and the plan's, and again changes nothing."""

import io

import pytest

from practices.models import Adoption, Practice, Status

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twenty_practices_in_four_languages_once():
    from accounts import demo as accounts_demo
    from plan import demo as plan_demo
    from practices import demo

    out = io.StringIO()
    accounts_demo.load(stdout=out)
    plan_demo.load_plan(plan_demo.json.loads(plan_demo.DATA.read_text(encoding="utf-8")))
    demo.load(stdout=out)
    assert Practice.objects.count() == 20
    assert set(Practice.objects.values_list("language", flat=True)) == {"en", "es", "pt", "fr"}
    assert Practice.objects.filter(status=Status.PUBLISHED).count() == 16
    assert Practice.objects.values("state").distinct().count() >= 8
    assert Adoption.objects.exclude(state=models_state("practice__state")).count() == Adoption.objects.count() > 10
    demo.load(stdout=out)
    assert Practice.objects.count() == 20


def models_state(field):
    from django.db.models import F

    return F(field)
