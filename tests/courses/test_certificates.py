"""Certificates: issued once, PDF in the holder's language, public verification, revocation."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from courses import services
from courses.models import Certificate, EnrolmentStatus
from courses.tasks import issue_certificate
from tests.accounts.factories import coordinator, official, sign_in_with_mfa, state
from tests.courses.factories import CoursePageFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(site_frame):
    mx = state("MX")
    course = CoursePageFactory(state=mx, title="Escena del crimen", estimated_hours="12.5", language="es")
    learner = official(mx, first_name="Jorge", last_name="Oficial")
    Profile.objects.filter(user=learner).update(display_name="Jorge Oficial", preferred_language="es")
    return EnrolmentFactory(course=course, user=learner, status=EnrolmentStatus.COMPLETED, completed_at=timezone.now())


def test_task_run_twice_leaves_one_certificate(completed):
    code = issue_certificate.delay(completed.pk).get()
    assert issue_certificate.delay(completed.pk).get() == code
    assert Certificate.objects.count() == 1
    certificate = Certificate.objects.get()
    assert (certificate.hours, certificate.language, certificate.holder_name) == (12.5, "es", "Jorge Oficial")


def test_a_half_issued_certificate_gets_its_pdf_on_the_next_run(completed):
    Certificate.objects.create(
        user=completed.user,
        course=completed.course,
        holder_name="Jorge Oficial",
        course_title="Escena del crimen",
        hours=12.5,
        issuer_state=completed.course.state,
        language="es",
    )
    services.certificate_issue(enrolment_id=completed.pk)
    certificate = Certificate.objects.get()
    assert certificate.pdf.name.endswith(".pdf")


def test_no_certificate_before_completion(completed):
    completed.status = EnrolmentStatus.ACTIVE
    completed.save()
    assert services.certificate_issue(enrolment_id=completed.pk) is None
    assert not Certificate.objects.exists()


def test_pdf_is_in_the_holders_language_with_hours_state_and_code(completed):
    from pypdf import PdfReader

    certificate = services.certificate_issue(enrolment_id=completed.pk)
    text = PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text()
    assert "Jorge Oficial" in text and "Escena del crimen" in text
    assert certificate.code in text
    assert "México" in text  # the issuing state, named in Spanish
    assert "12,5" in text  # hours, written the Spanish way
    assert "/verify/" in text


def test_verification_page_shows_only_the_public_facts(client, completed):
    certificate = services.certificate_issue(enrolment_id=completed.pk)
    response = client.get(reverse("certificate_verify", args=[certificate.code]))
    assert response.status_code == 200
    html = response.content.decode()
    for fact in ("Jorge Oficial", "Escena del crimen", certificate.code):
        assert fact in html
    assert completed.user.email not in html
    assert "valid" in html
    assert client.get(reverse("certificate_verify", args=[certificate.code.lower()])).status_code == 200
    # An unknown code finds nothing. (Django's LocaleMiddleware sends any unprefixed 404 on to /en/…,
    # which Wagtail's catch-all makes a valid path; the end of the road is still a 404.)
    assert client.get(reverse("certificate_verify", args=["NOPE-NOPE-NOPE"]), follow=True).status_code == 404


def test_only_a_coordinator_of_the_issuing_state_revokes_with_a_reason(client, completed):
    certificate = services.certificate_issue(enrolment_id=completed.pk)
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(revoker=coordinator(state("BR")), certificate=certificate, reason="x")
    boss = coordinator(completed.course.state)
    with pytest.raises(ValidationError):
        services.certificate_revoke(revoker=boss, certificate=certificate, reason=" ")
    sign_in_with_mfa(client, boss)
    url = reverse("courses:certificate_revoke", args=[certificate.code])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Awarded by mistake: exam not taken."})
    assert response.status_code == 302
    page = client.get(reverse("certificate_verify", args=[certificate.code])).content.decode()
    assert "revoked" in page and "Awarded by mistake: exam not taken." in page
    with pytest.raises(ValidationError):
        services.certificate_revoke(revoker=boss, certificate=certificate, reason="again")
    sign_in_with_mfa(client, official(completed.course.state))
    assert client.get(url).status_code == 404


def test_holder_downloads_the_pdf_others_do_not(client, completed):
    certificate = services.certificate_issue(enrolment_id=completed.pk)
    url = reverse("courses:certificate_pdf", args=[certificate.pk])
    sign_in_with_mfa(client, completed.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    sign_in_with_mfa(client, official(completed.course.state))
    assert client.get(url).status_code == 404


def test_the_verification_page_changes_language_when_asked(client, completed):
    certificate = services.certificate_issue(enrolment_id=completed.pk)
    url = reverse("certificate_verify", args=[certificate.code])
    page = client.get(url, {"lang": "fr"}).content.decode()
    assert '<html lang="fr"' in page and f'href="{url}?lang=pt" hreflang="pt"' in page
    assert '<html lang="pt"' in client.get(url, {"lang": "pt"}).content.decode()
    assert client.get(url, {"lang": "xx"}).status_code == 200  # an unknown language is ignored
