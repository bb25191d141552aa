"""Certificates, monitoring reports and instructors' certification files are served only by the
views that check access: they live in the private storage, outside MEDIA_ROOT, so no media URL
(the one `make run` serves in DEBUG, or a web server's /media/ alias) reaches them."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse
from django.views.static import serve

from courses.models import Certificate
from instructors.models import Certification
from monitoring.models import Report
from tests.accounts.factories import AgencyFactory, MemberStateFactory, coordinator, official, sign_in_with_mfa
from tests.courses.factories import CoursePageFactory
from tests.instructors.factories import instructor

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def files(site_frame):
    agency = AgencyFactory()
    state = agency.state
    holder = official(agency=agency)
    course = CoursePageFactory(state=state)
    certificate = Certificate.objects.create(
        user=holder, course=course, holder_name="A. Holder", course_title=course.title, hours=6, issuer_state=state
    )
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(PDF), save=True)
    author = coordinator(state)
    report = Report.objects.create(period="2026-S1", state=state, requested_by=author, status=Report.Status.DONE)
    report.file.save("capacitas-report.pdf", ContentFile(PDF), save=True)
    teacher = instructor(agency)
    certification = Certification.objects.create(
        profile=teacher, title="Forensics", content_type="application/pdf", size=len(PDF)
    )
    certification.file.save("c.pdf", ContentFile(PDF), save=True)
    return {
        "holder": holder,
        "author": author,
        "teacher": teacher.user,
        "items": [
            (certificate.pdf, reverse("courses:certificate_pdf", args=[certificate.pk])),
            (report.file, reverse("monitoring:report_download", args=[report.pk])),
            (certification.file, reverse("instructors:certification_file", args=[certification.pk])),
        ],
    }


@pytest.mark.django_db
def test_private_files_are_outside_the_media_root(files):
    media = Path(settings.MEDIA_ROOT).resolve()
    for field_file, _url in files["items"]:
        path = Path(field_file.path).resolve()
        assert path.is_file()
        assert media not in path.parents
        assert Path(settings.PRIVATE_ROOT).resolve() in path.parents


@pytest.mark.django_db
def test_the_dev_media_url_does_not_serve_them(files, rf):
    # What lms.urls mounts at MEDIA_URL when DEBUG is on (`make run`).
    for field_file, _url in files["items"]:
        with pytest.raises(Http404):
            serve(rf.get(settings.MEDIA_URL + field_file.name), field_file.name, document_root=settings.MEDIA_ROOT)
        with pytest.raises(ValueError):
            assert not field_file.url  # the private storage has no public URL at all


@pytest.mark.django_db
def test_anonymous_and_other_officials_cannot_fetch_them(files, client):
    stranger = official(MemberStateFactory())
    for _field_file, url in files["items"]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404) and not getattr(response, "streaming", False)
        client.force_login(stranger)
        response = client.get(url)
        assert response.status_code in (403, 404) and not getattr(response, "streaming", False)
        client.logout()


@pytest.mark.django_db
def test_the_owner_gets_each_file_through_its_view(files, client):
    owners = [files["holder"], files["author"], files["teacher"]]
    for (_field_file, url), owner in zip(files["items"], owners, strict=True):
        sign_in_with_mfa(client, owner)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_production_can_hand_the_file_to_the_web_server(files, client, settings):
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/private-internal/"
    field_file, url = files["items"][0]
    client.force_login(files["holder"])
    response = client.get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/private-internal/" + field_file.name
    client.force_login(official(MemberStateFactory()))
    assert not client.get(url).has_header("X-Accel-Redirect")
