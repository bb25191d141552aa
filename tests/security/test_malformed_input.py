"""Malformed documents get a clear refusal in the reader's language and change nothing."""

import time

import pytest
from django.core.exceptions import ValidationError

from courses.models import Enrolment
from courses.services import enrolments_from_csv
from curricula.exchange import MAX_IMPORT_BYTES, ImportProblem, _value_lines, curriculum_import
from curricula.models import CurriculumPage


def _document(size: int) -> str:
    module = '    {"title": "Use of force", "hours": "8", "outcomes": "Applies the law"},\n'
    modules = module * (size // len(module))
    return '{\n  "curriculum": {\n  "modules": [\n' + modules + '    {"title": "end"}\n  ]\n  }\n}\n'


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text,fragment",
    [
        ('{"curriculum": {"total_hours": 1e999}}', "finite"),
        ('{"curriculum": {"total_hours": NaN}}', "finite"),
        ('{"curriculum": {"title": "\\ud800"}}', "surrogate"),
        ("[" * 5000 + "]" * 5000, "nested"),
        (" " * (MAX_IMPORT_BYTES + 1), "too large"),
    ],
)
def test_curriculum_import_refuses_hostile_json(text, fragment):
    with pytest.raises(ImportProblem) as raised:
        curriculum_import(text=text)
    assert fragment in str(raised.value)
    assert not CurriculumPage.objects.exists()


def test_locating_values_is_linear():
    """Before, each value's line was counted from the start of the text: 190 KB took seconds."""
    timings = {}
    for size in (190_000, 2_000_000):
        text = _document(size)
        started = time.perf_counter()
        lines = _value_lines(text)
        timings[size] = time.perf_counter() - started
        assert lines[("curriculum", "modules", 0)] == 4
    assert timings[2_000_000] < 3.0
    assert timings[2_000_000] < 30 * max(timings[190_000], 0.01)


@pytest.mark.django_db
def test_a_csv_field_beyond_the_csv_limit_is_refused_whole(site_frame):
    from tests.accounts.factories import AgencyFactory, manager
    from tests.courses.factories import CoursePageFactory

    agency = AgencyFactory()
    course = CoursePageFactory(state=agency.state)
    data = ("email\nsomeone@example.org\n" + '"' + "a" * 140_000 + '"\n').encode()
    with pytest.raises(ValidationError) as raised:
        enrolments_from_csv(manager=manager(agency), course=course, run=None, data=data)
    assert "Line 3" in " ".join(raised.value.messages)
    assert not Enrolment.objects.exists()
