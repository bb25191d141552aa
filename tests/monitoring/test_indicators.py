"""Indicators against hand-computed figures from real source records, through the fact selectors
of courses, curricula and instructors and the fact-table rebuild."""

import datetime

import pytest

from accounts.models import Gender
from monitoring import selectors
from monitoring.models import Fact, Measure
from monitoring.periods import Period
from monitoring.services import facts_rebuild
from tests.curricula.factories import curriculum
from tests.monitoring import factories as f

S1 = Period.parse("2026-S1")
S2 = Period.parse("2026-S2")


def headline(dashboard) -> dict[str, float]:
    return {item["indicator"].key: item["current"].value for item in dashboard.headline}


def table(dashboard, key):
    return next(t for t in dashboard.tables if t.key == key)


def row(t, label) -> dict[str, object]:
    r = next(r for r in t.rows if r.label == label)
    return dict(zip(t.columns, [c.display for c in r.cells], strict=True))


@pytest.fixture
def world(two_states):
    """Mexico: 6 completions in S1 2026 by 2 women, 1 man and 3 who prefer not to say, on two courses
    (police 6 h basic, forensic 10 h advanced); one exchange hosted in S1 with 3 women, 4 men and 2
    undisclosed participants (10 h each); one completion in S2. Colombia: one instructor (a woman,
    verified in 2025) sent to Mexico; one curriculum published, adopted by Mexico."""
    mx, co = two_states
    police = f.course(mx, discipline="police", level="basic", estimated_hours=6)
    forensic = f.course(mx, discipline="forensic", level="advanced", estimated_hours=10)
    people = [
        (Gender.FEMALE, police, "2026-01-10 09:00"),
        (Gender.FEMALE, forensic, "2026-02-10 09:00"),
        (Gender.MALE, police, "2026-03-31 23:59"),
        (Gender.UNDISCLOSED, police, "2026-04-01 00:00"),
        (Gender.UNDISCLOSED, forensic, "2026-05-05 12:00"),
        (Gender.UNDISCLOSED, police, "2026-06-30 23:59"),
        (Gender.MALE, police, "2026-07-01 00:00"),  # second semester
    ]
    for gender, course, when in people:
        f.completion(learner=f.learner(mx, gender=gender), course=course, when=f.at(when))
    teacher = f.instructor(
        co, gender=Gender.FEMALE, disciplines=["prison", "police"], verified=f.at("2025-11-02 10:00")
    )
    f.exchange(
        instructor=teacher,
        host_state=mx,
        end=datetime.date(2026, 6, 12),
        participants={Gender.FEMALE: 3, Gender.MALE: 4, Gender.UNDISCLOSED: 2},
        hours=10,
    )
    source = curriculum(co, title="Prison management", discipline="prison", level="intermediate")
    from curricula.services import adoption_create
    from tests.accounts.factories import coordinator

    adoption = adoption_create(source=source, state=mx, user=coordinator(mx))
    type(adoption).objects.filter(pk=adoption.pk).update(created_at=f.at("2026-05-20 15:00"))
    facts_rebuild()
    return mx, co


@pytest.mark.django_db
def test_officials_trained_and_hours_for_the_owner(world):
    mx, co = world
    dashboard = selectors.state_dashboard(mx, S1, owner=True)
    figures = headline(dashboard)
    assert figures["officials_trained"] == 6 + 9
    assert figures["training_hours"] == (4 * 6 + 2 * 10) + 9 * 10
    assert figures["exchanges_hosted"] == 1
    assert figures["exchanges_sent"] == 0
    assert figures["curricula_adopted_in"] == 1
    assert figures["courses_published"] >= 0
    gender = row(table(dashboard, "by-gender"), "Officials trained")
    assert gender["Female"] == "5"  # 2 completions + 3 participants
    assert gender["Male"] == "5"  # 1 + 4
    assert gender["Prefer not to say"] == "5"  # 3 + 2
    assert gender["Total"] == "15"
    discipline = row(table(dashboard, "by-discipline"), "Officials trained")
    assert discipline["Police"] == "4" and discipline["Forensic"] == "2" and discipline["Prison"] == "9"
    kinds = row(table(dashboard, "by-agency_kind"), "Officials trained")
    assert kinds["Police"] == "6" and kinds["Prison service"] == "9"
    assert selectors.state_dashboard(mx, S2, owner=True).headline[0]["current"].value == 1


@pytest.mark.django_db
def test_the_other_side_of_an_exchange_and_adoption(world):
    mx, co = world
    figures = headline(selectors.state_dashboard(co, S1, owner=True))
    assert figures["exchanges_sent"] == 1
    assert figures["curricula_adopted_out"] == 1
    assert figures["officials_trained"] == 0
    # Instructors are a running total: verified in 2025, still counted in 2026.
    assert figures["instructors"] == 1
    by_discipline = row(table(selectors.state_dashboard(co, S1, owner=True), "by-discipline"), "Instructors")
    assert by_discipline["Prison"] == "1" and by_discipline["Police"] == "0"


@pytest.mark.django_db
def test_the_fact_table_holds_no_people(world):
    fields = {f.name for f in Fact._meta.get_fields()}
    assert fields == {"id", "measure", "state", "quarter", "discipline", "level", "agency_kind", "gender", "value"}
    assert set(Fact.objects.values_list("measure", flat=True)) <= set(Measure.values)


@pytest.mark.django_db
def test_period_boundaries_in_utc(two_states):
    mx, _co = two_states
    course = f.course(mx)
    f.completion(learner=f.learner(mx), course=course, when=f.at("2026-06-30 23:59"))
    f.completion(learner=f.learner(mx), course=course, when=f.at("2026-07-01 00:00"))
    facts_rebuild()
    assert headline(selectors.state_dashboard(mx, S1, owner=True))["officials_trained"] == 1
    assert headline(selectors.state_dashboard(mx, S2, owner=True))["officials_trained"] == 1
    assert headline(selectors.state_dashboard(mx, Period.parse("2026-Q2"), owner=True))["officials_trained"] == 1
    assert headline(selectors.state_dashboard(mx, Period.parse("2026-Q3"), owner=True))["officials_trained"] == 1
    assert headline(selectors.state_dashboard(mx, Period.parse("2026"), owner=True))["officials_trained"] == 2


@pytest.mark.django_db
def test_trend_over_semesters(world):
    mx, _co = world
    trend = table(selectors.state_dashboard(mx, S2, owner=True), "trend")
    officials = next(r for r in trend.rows if r.label == "Officials trained")
    assert [c.value for c in officials.cells][-2:] == [15, 1]
    assert trend.columns[-2:] == ["S1 2026", "S2 2026"]
