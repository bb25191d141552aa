"""State reports: pre-filled figures equal to monitoring's, the life cycle as a table, late reports."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.api import INDICATORS, Period, state_dashboard
from monitoring.models import Fact, FactRefresh
from plan import selectors, services
from plan.errors import PlanError
from plan.models import ReportEvent, StateReport
from tests.accounts.factories import sign_in_with_mfa
from tests.plan.factories import MeasureFactory

pytestmark = pytest.mark.django_db
S1 = "2026-S1"


def put(state, measure, value, *, quarter=datetime.date(2026, 1, 1), gender="female", discipline="police"):
    Fact.objects.create(
        measure=measure,
        state=state,
        quarter=quarter,
        discipline=discipline,
        level="basic",
        agency_kind="police",
        gender=gender,
        value=value,
    )


@pytest.fixture
def facts(people):
    mx, co = people["mx"], people["co"]
    put(mx, "completions", 3)
    put(mx, "completion_hours", 18)
    put(mx, "completions", 40, gender="male", quarter=datetime.date(2026, 4, 1))
    put(mx, "completions", 12, gender="undisclosed", discipline="forensic")
    put(mx, "courses_published", 2, gender="")
    put(mx, "instructors", 4, gender="male", quarter=datetime.date(2025, 7, 1))
    put(co, "completions", 20)
    FactRefresh.objects.create(finished_at=timezone.now(), rows=7)
    MeasureFactory()
    return mx, co


def test_prefilled_figures_equal_monitorings(people, facts):
    mx, _co = facts
    report = services.report_start(user=people["coordinator_mx"], state=mx, period_key=S1)
    dashboard = state_dashboard(mx, Period.parse(S1), owner=True)
    trend = dashboard.tables[0]
    for indicator, row in zip(INDICATORS, trend.rows, strict=True):
        assert report.figures["indicators"][indicator.key]["total"] == row.cells[-1].value, indicator.key
    by_gender = next(t for t in dashboard.tables if t.key == "by-gender")
    officials = next(r for r in by_gender.rows if r.label == "Officials trained")
    shown = dict(zip(by_gender.columns, [c.value for c in officials.cells], strict=True))
    figures = report.figures["indicators"]["officials_trained"]["gender"]
    assert figures == {"female": 3, "male": 40, "undisclosed": 12}
    assert shown["Female"] == 3 and shown["Male"] == 40 and shown["Total"] == 55
    assert report.figures["indicators"]["instructors"]["total"] == 4  # a running total


STEPS = ("save", "submit", "accept", "changes")
ROLES = ("coordinator_mx", "coordinator_co", "secretariat", "official_mx")
STATUSES = [s.value for s in StateReport.Status]


def _report_in(status, people):
    mx = people["mx"]
    report = services.report_start(user=people["coordinator_mx"], state=mx, period_key=S1)
    entry = report.entries.first()
    services.report_save(
        user=people["coordinator_mx"], report=report, entries={entry.measure_id: {"narrative": "Done"}}
    )
    if status == "draft":
        return StateReport.objects.get(pk=report.pk)
    services.report_submit(user=people["coordinator_mx"], report=report)
    if status == "submitted":
        return StateReport.objects.get(pk=report.pk)
    services.report_review(
        user=people["secretariat"], report=report, accept=status == "accepted", comment="Add the figures of Q2."
    )
    return StateReport.objects.get(pk=report.pk)


def _run(step, report, user):
    entry = report.entries.first()
    if step == "save":
        services.report_save(user=user, report=report, entries={entry.measure_id: {"narrative": "More"}})
    elif step == "submit":
        services.report_submit(user=user, report=report)
    else:
        services.report_review(user=user, report=report, accept=step == "accept", comment="Please complete.")


def _allowed(step, role, status):
    if step in ("save", "submit"):
        return role == "coordinator_mx" and status in ("draft", "changes_requested")
    return role == "secretariat" and status == "submitted"


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", STEPS)
def test_report_life_cycle_table(step, role, status, people, facts):
    report = _report_in(status, people)
    before = (report.status, list(report.entries.values_list("narrative", flat=True)), report.events.count())
    if _allowed(step, role, status):
        _run(step, report, people[role])
        assert ReportEvent.objects.filter(report=report).order_by("-pk").first().actor == people[role]
    else:
        with pytest.raises(PlanError):
            _run(step, report, people[role])
        report = StateReport.objects.get(pk=report.pk)
        assert (
            report.status,
            list(report.entries.values_list("narrative", flat=True)),
            report.events.count(),
        ) == before


@pytest.mark.parametrize(
    ("role", "period", "message"),
    [
        ("coordinator_co", S1, "Only a national coordinator of Mexico"),
        ("secretariat", S1, "Only a national coordinator of Mexico"),
        ("coordinator_mx", "2026-Q1", "not a semester"),
        ("coordinator_mx", "nonsense", "not a semester"),
        ("coordinator_mx", "2099-S1", "not begun"),
    ],
)
def test_bad_report_starts_are_refused(people, facts, role, period, message):
    with pytest.raises(PlanError, match=message):
        services.report_start(user=people[role], state=people["mx"], period_key=period)
    assert not StateReport.objects.exists()


def test_one_report_per_state_and_semester(people, facts):
    services.report_start(user=people["coordinator_mx"], state=people["mx"], period_key=S1)
    with pytest.raises(PlanError, match="already has a report") as refused:
        services.report_start(user=people["coordinator_mx"], state=people["mx"], period_key=S1)
    assert refused.value.status == 409


def test_late_reports_list_states_that_have_not_submitted(people, facts):
    report = services.report_start(user=people["coordinator_mx"], state=people["mx"], period_key=S1)
    entry = report.entries.first()
    services.report_save(user=people["coordinator_mx"], report=report, entries={entry.measure_id: {"narrative": "x"}})
    services.report_submit(user=people["coordinator_mx"], report=report)
    now = Period.parse("2026-S2").start + datetime.timedelta(days=60)  # S1 due on 14 August
    late = selectors.late_reports(now=now, semesters=1)
    assert [(item.state.code, item.period) for item in late] == [("CO", S1)]


def test_the_report_pages(client, people, facts):
    sign_in_with_mfa(client, people["coordinator_mx"])
    response = client.post(reverse("plan:reports"), {"state": "MX", "period": S1})
    assert response.status_code == 302
    report = StateReport.objects.get()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Officials trained by gender" in page.content.decode()
    entry = report.entries.first()
    response = client.post(
        reverse("plan:report", kwargs={"pk": report.pk}), {"action": "submit", f"narrative-{entry.measure_id}": "Held"}
    )
    assert response.status_code == 302
    assert StateReport.objects.get().status == "submitted"
    client.logout()
    sign_in_with_mfa(client, people["coordinator_co"])
    assert client.get(reverse("plan:report", kwargs={"pk": report.pk})).status_code == 403
    client.logout()
    sign_in_with_mfa(client, people["secretariat"])
    response = client.post(reverse("plan:report", kwargs={"pk": report.pk}), {"action": "changes", "comment": ""})
    assert response.status_code == 400
    assert "Say what should change." in response.content.decode()
    assert StateReport.objects.get().status == "submitted"
