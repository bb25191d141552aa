"""Progress against the plan and the hemispheric follow-up report: small counts protected outside
the owning state, the own state's figures as they are, the report built in each language."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from monitoring.models import Fact, FactRefresh
from plan import services
from plan.models import FollowUpReport, PlanIndicator, StateReport
from plan.tasks import followup_build
from tests.accounts.factories import sign_in_with_mfa, state
from tests.plan.factories import MeasureFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


def put(st, measure, value, quarter=datetime.date(2026, 1, 1)):
    Fact.objects.create(
        measure=measure,
        state=st,
        quarter=quarter,
        discipline="police",
        level="basic",
        agency_kind="police",
        gender="female",
        value=value,
    )


@pytest.fixture
def figures(people):
    """Officials trained in 2026: Mexico 3 (a small count), Colombia 20, Brazil 30, Chile 25."""
    br, cl = state("BR"), state("CL")
    put(people["mx"], "completions", 3)
    put(people["co"], "completions", 20)
    put(br, "completions", 30)
    put(cl, "completions", 25)
    FactRefresh.objects.create(finished_at=timezone.now(), rows=4)
    WorkPlanFactory(start_year=2026, created_by=people["secretariat"])
    measure = MeasureFactory(code="2.3")
    indicator = PlanIndicator.objects.create(
        measure=measure,
        code="2.3-a",
        name_en="Officials trained",
        name_es="Funcionarios capacitados",
        source="officials_trained",
    )
    services.target_set(
        user=people["secretariat"],
        indicator_id=indicator.pk,
        state_id=people["mx"].pk,
        start_year=2026,
        baseline=1,
        target=40,
    )
    return indicator


def _row(html: str, label: str) -> str:
    start = html.index(f'<th scope="row">{label}</th>')
    return html[start : html.index("</tr>", start)]


def test_the_secretariat_sees_every_state_protected(client, people, figures):
    sign_in_with_mfa(client, people["secretariat"])
    page = client.get(reverse("plan:progress"), {"year": 2026}).content.decode()
    mexico = _row(page, "Mexico")
    assert "&lt;5" in mexico and ">3<" not in mexico
    assert ">40<" in mexico  # the target
    assert "x</abbr>" in page  # a second cell hidden so that 3 cannot be worked out from the total


def test_a_coordinator_sees_the_own_state_as_it_is_and_only_the_hemisphere_besides(client, people, figures):
    sign_in_with_mfa(client, people["coordinator_mx"])
    page = client.get(reverse("plan:progress"), {"year": 2026}).content.decode()
    assert ">3<" in _row(page, "Mexico")
    assert "Colombia" not in page
    assert "Hemisphere" in page


def test_the_public_sees_the_hemisphere_only(client, people, figures):
    page = client.get(reverse("plan:progress"), {"year": 2026}).content.decode()
    assert "Mexico" not in page and "Colombia" not in page
    assert "Hemisphere" in page


def test_a_bad_year_is_a_400(client, people):
    response = client.get(reverse("plan:progress"), {"year": "20x6"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"indicator_id": 999999}, "no such indicator"),
        ({"start_year": 2030}, "No work plan"),
        ({"target": -1}, "negative"),
    ],
)
def test_bad_targets_are_refused(people, figures, change, message):
    from plan.errors import PlanError

    arguments = {
        "user": people["secretariat"],
        "indicator_id": figures.pk,
        "state_id": people["co"].pk,
        "start_year": 2026,
        "baseline": 0,
        "target": 10,
        **change,
    }
    with pytest.raises(PlanError, match=message):
        services.target_set(**arguments)


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_the_follow_up_report_is_built_with_small_counts_protected(people, figures, language, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    report = StateReport.objects.create(
        state=people["co"], period="2026-S1", status=StateReport.Status.ACCEPTED, created_by=people["coordinator_co"]
    )
    report.entries.create(measure=figures.measure, narrative="Twenty officers trained in forensics.")
    item = services.followup_request(user=people["secretariat"], period_key="2026-S1", language=language)
    followup_build(item.pk)  # what the worker runs once the request is committed
    item = FollowUpReport.objects.get(pk=item.pk)
    assert item.status == FollowUpReport.Status.DONE, item.error
    with item.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with item.xlsx.open("rb") as xlsx:
        workbook = load_workbook(io.BytesIO(xlsx.read()))
    progress = workbook.worksheets[1]
    rows = {row[0].value: [c.value for c in row[1:]] for row in progress.iter_rows(min_row=3)}
    mexico = rows[people["mx"].name_in(language)]
    assert mexico[2] == "<5"
    assert any("Twenty officers" in str(c.value) for row in workbook.worksheets[-1].iter_rows() for c in row)
    assert (
        workbook.worksheets[0]["A1"].value
        == {
            "en": "Hemispheric follow-up report",
            "es": "Informe hemisférico de seguimiento",
            "pt": "Relatório hemisférico de acompanhamento",
            "fr": "Rapport continental de suivi",
        }[language]
    )


def test_only_the_secretariat_requests_and_downloads_follow_up_reports(client, people, figures):
    sign_in_with_mfa(client, people["coordinator_mx"])
    assert client.post(reverse("plan:followup"), {"period": "2026-S1", "language": "en"}).status_code == 403
    assert not FollowUpReport.objects.exists()
    item = FollowUpReport.objects.create(period="2026-S1", language="en", status="done")
    assert client.get(reverse("plan:followup_pdf", kwargs={"pk": item.pk})).status_code == 403


def test_coverage_comes_from_the_curriculum_module_flags(client, people, site_frame):
    from curricula.api import module_coverage
    from tests.curricula.factories import curriculum as make_curriculum
    from tests.curricula.factories import module

    make_curriculum(
        people["mx"],
        modules=[
            module(hours="8", human_rights=True, gender_perspective=False),
            module(title="Gender-based violence", hours="4", human_rights=True, gender_perspective=True),
            module(title="Patrol", hours="12", human_rights=False, gender_perspective=False),
        ],
    )
    make_curriculum(people["mx"], title="Not published", publish=False, modules=[module(gender_perspective=True)])
    coverage = module_coverage()[people["mx"].pk]
    assert coverage == {
        "modules": 3,
        "hours": 24.0,
        "gender_modules": 1,
        "gender_hours": 4.0,
        "hr_modules": 2,
        "hr_hours": 12.0,
    }
    sign_in_with_mfa(client, people["coordinator_mx"])
    page = client.get(reverse("plan:progress"), {"year": 2026}).content.decode()
    row = _row(page, "Mexico")
    # 1 of 3 modules (33.3 %) and 4 of 24 hours (16.7 %) carry the gender perspective.
    assert ">33.3<" in row and ">16.7<" in row and ">66.7<" in row and ">50<" in row
