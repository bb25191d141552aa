"""The periodic report: built by the Celery task (eager in tests), with progress, in the reader's
language, kept for download behind the access check."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from monitoring.models import Fact, FactRefresh, Report
from tests.accounts.factories import coordinator, secretariat, sign_in_with_mfa


@pytest.fixture
def figures(two_states):
    mx, co = two_states
    for state, n in ((mx, 30), (co, 3)):
        Fact.objects.create(
            measure="completions",
            state=state,
            quarter=datetime.date(2026, 1, 1),
            discipline="police",
            level="basic",
            agency_kind="police",
            gender="female",
            value=n,
        )
    FactRefresh.objects.create(finished_at=timezone.now(), rows=2)
    return mx, co


def pdf_text(report: Report) -> str:
    with report.file.open("rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


@pytest.mark.django_db
def test_a_coordinator_builds_the_state_report_in_spanish(client, figures, django_capture_on_commit_callbacks):
    mx, co = figures
    sign_in_with_mfa(client, coordinator(mx))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/monitoring/reports/", {"period": "2026-S1", "state": "MX"})
    report = Report.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/monitoring/reports/{report.pk}/")
    assert report.status == Report.Status.DONE and report.progress == 100
    assert report.language == "es" and report.protected is False
    text = pdf_text(report)
    assert "México" in text and "Funcionarios capacitados" in text and "30" in text
    page = client.get(f"/es/monitoring/reports/{report.pk}/")
    assert page.status_code == 200 and b'http-equiv="refresh"' not in page.content
    download = client.get(reverse("monitoring:report_download", kwargs={"pk": report.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")

    # Another state's coordinator and the secretariat may not download the unprotected report.
    for outsider in (coordinator(co), secretariat()):
        sign_in_with_mfa(client, outsider)
        assert client.get(reverse("monitoring:report_download", kwargs={"pk": report.pk})).status_code == 403


@pytest.mark.django_db
def test_the_secretariat_builds_the_hemispheric_report_with_small_counts_protected(
    client, figures, django_capture_on_commit_callbacks
):
    sign_in_with_mfa(client, secretariat())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/monitoring/reports/", {"period": "2026-S1", "state": ""})
    report = Report.objects.get()
    assert report.state is None and report.protected
    text = pdf_text(report)
    assert "The hemisphere" in text and "<5" in text and "Colombia" in text


@pytest.mark.django_db
def test_progress_page_refreshes_while_running_and_refuses_bad_requests(client, figures):
    mx, co = figures
    user = coordinator(mx)
    report = Report.objects.create(
        period="2026-S1",
        state=mx,
        language="en",
        requested_by=user,
        protected=False,
        status=Report.Status.RUNNING,
        progress=40,
        step="Drawing the charts",
    )
    sign_in_with_mfa(client, user)
    page = client.get(reverse("monitoring:report", kwargs={"pk": report.pk}))
    assert b'http-equiv="refresh"' in page.content and b'aria-valuenow="40"' in page.content
    assert client.get(reverse("monitoring:report_download", kwargs={"pk": report.pk})).status_code == 400
    assert client.post(reverse("monitoring:reports"), {"period": "2026-Q1", "state": "MX"}).status_code == 400
    assert client.post(reverse("monitoring:reports"), {"period": "2026-S1", "state": "CO"}).status_code == 403
    assert client.post(reverse("monitoring:reports"), {"period": "2026-S1", "state": ""}).status_code == 403
    assert Report.objects.count() == 1
