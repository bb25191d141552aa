"""The cartridge export hands a course only to its own editors: never another state's restricted
course, never to a visitor who is not signed in, never past the MFA step of a privileged user."""

import pytest
from django.urls import reverse

from accounts.api import Audience
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def _url(course):
    return reverse("cartridges:course_export", args=[course.pk])


@pytest.fixture
def restricted(site_frame):
    course = CoursePageFactory(state=f.state("CO"), audience=Audience.STATE, title="Colombian internal protocol")
    LessonPageFactory(parent=course)
    return course


def test_editor_of_another_state_gets_404(client, restricted):
    other = f.editor(f.state("MX"))
    f.sign_in_with_mfa(client, other)
    response = client.get(_url(restricted))
    assert response.status_code == 404
    assert b"Colombian" not in response.content


def test_editor_of_another_state_may_not_export_a_public_course(client, site_frame):
    course = CoursePageFactory(state=f.state("CO"), audience=Audience.PUBLIC)
    f.sign_in_with_mfa(client, f.editor(f.state("MX")))
    assert client.get(_url(course)).status_code == 403


def test_learner_of_the_state_may_not_export(client, restricted):
    client.force_login(f.official(restricted.state))
    assert client.get(_url(restricted)).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, restricted):
    response = client.get(_url(restricted))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_editor_without_mfa_step_is_asked_for_it(client, restricted):
    client.force_login(f.coordinator(restricted.state))
    response = client.get(_url(restricted))
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/zip"


def test_own_editor_downloads_the_cartridge(client, restricted):
    f.sign_in_with_mfa(client, f.editor(restricted.state))
    response = client.get(_url(restricted))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response.content[:2] == b"PK"


def test_missing_course_is_404(client, site_frame):
    f.sign_in_with_mfa(client, f.secretariat())
    assert client.get(reverse("cartridges:course_export", args=[999999])).status_code == 404


def test_curriculum_export_leaves_out_courses_the_editor_may_not_see(client, site_frame):
    from tests.curricula.factories import curriculum

    page = curriculum(f.state("PE"))
    CoursePageFactory(state=f.state("PE"), curriculum=page, title="Peruvian public course")
    CoursePageFactory(state=f.state("CO"), curriculum=page, audience=Audience.STATE, title="Colombian internal")
    f.sign_in_with_mfa(client, f.editor(f.state("PE")))
    response = client.get(reverse("cartridges:curriculum_export", args=[page.pk]))
    assert response.status_code == 200
    from tests.cartridges.conftest import unzip

    manifest = unzip(response.content)["imsmanifest.xml"].decode()
    assert "Peruvian public course" in manifest and "Colombian" not in manifest


def test_curriculum_export_by_an_editor_of_another_state_is_refused(client, site_frame):
    from tests.curricula.factories import curriculum

    page = curriculum(f.state("PE"), audience=Audience.STATE)
    f.sign_in_with_mfa(client, f.editor(f.state("MX")))
    assert client.get(reverse("cartridges:curriculum_export", args=[page.pk])).status_code == 404


@pytest.mark.parametrize("name", ["course_export", "curriculum_export"])
def test_huge_ids_are_404_not_500(client, site_frame, name):
    f.sign_in_with_mfa(client, f.secretariat())
    for value in ("99999999999999999999", str(2**63)):
        url = reverse(f"cartridges:{name}", args=[1]).replace("/1/", f"/{value}/")
        assert client.get(url).status_code == 404
