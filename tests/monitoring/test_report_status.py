"""The report page says its status once ("Listo", not "Listo — Listo"), and a step only while it runs."""

import pytest

from monitoring.models import Report
from monitoring.reports import build
from tests.accounts.factories import coordinator, sign_in_with_mfa

pytestmark = pytest.mark.django_db


def test_a_finished_report_says_ready_once(client, two_states):
    mx, _co = two_states
    user = coordinator(mx)
    report = Report.objects.create(period="2026-S1", state=mx, language="es", requested_by=user, protected=False)
    build(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.step == ""
    sign_in_with_mfa(client, user)
    body = client.get(f"/es/monitoring/reports/{report.pk}/").content.decode()
    assert "<strong>Listo</strong></p>" in body
    assert "Listo — Listo" not in body


def test_a_running_report_shows_its_step(client, two_states):
    mx, _co = two_states
    user = coordinator(mx)
    report = Report.objects.create(
        period="2026-S1", state=mx, language="es", requested_by=user, status=Report.Status.RUNNING, step="Drawing"
    )
    sign_in_with_mfa(client, user)
    body = client.get(f"/es/monitoring/reports/{report.pk}/").content.decode()
    assert " — Drawing" in body
