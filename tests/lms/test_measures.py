"""lms.measures gives apps below the plan the plan's measures without importing it."""

import pytest
from django.utils import translation

from lms import measures
from tests.plan.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_choices_and_labels_follow_the_plan_in_the_readers_language():
    measure = MeasureFactory(code="2.9", text_en="Exchange of curricula", text_es="Intercambio de currículos")
    assert ("2.9", "2.9 Exchange of curricula") in measures.choices()
    with translation.override("es"):
        assert measures.labels(["2.9", "nope"]) == {"2.9": "Intercambio de currículos"}
    assert measure.code not in measures.unknown(["2.9"])


def test_unknown_codes_are_named():
    MeasureFactory(code="3.1")
    assert measures.unknown(["3.1", "9.9", "x"]) == ["9.9", "x"]
