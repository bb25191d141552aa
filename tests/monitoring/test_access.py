"""Fetch and check of a report: 404 when there is none, 403 when it is not the reader's."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from monitoring.access import access_report, can_download_report
from monitoring.models import Report
from tests.accounts.factories import coordinator, secretariat


@pytest.mark.django_db
def test_a_state_report_opens_for_its_coordinator_and_a_protected_one_for_the_secretariat_too(two_states):
    mx, co = two_states
    own, outsider, office = coordinator(mx), coordinator(co), secretariat()
    unprotected = Report.objects.create(period="2026-S1", state=mx, protected=False, requested_by=own)
    protected = Report.objects.create(period="2026-S1", state=mx, protected=True, requested_by=office)
    assert access_report(own, unprotected.pk) == unprotected
    assert access_report(office, protected.pk) == protected
    assert not can_download_report(office, unprotected)
    for user, report in ((office, unprotected), (outsider, unprotected), (outsider, protected)):
        with pytest.raises(PermissionDenied):
            access_report(user, report.pk)
    with pytest.raises(Http404):
        access_report(own, protected.pk + unprotected.pk + 1)
