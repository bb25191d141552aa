"""Words on the exchange pages: the home agency is labelled as an agency (not as the home page), levels
by their labels, the state filter a choice of member states, the taught pages a filterable choice of
curricula and courses; an unverified official's refusal says how to get verified."""

import pytest
from django.urls import reverse
from pypdf import PdfReader

from instructors.models import InstructorProfile
from tests.accounts.factories import official, sign_in_with_mfa
from tests.courses.factories import CoursePageFactory, LessonPageFactory
from tests.curricula.factories import curriculum

from .factories import agreement

pytestmark = pytest.mark.django_db

HOME_AGENCY = {"en": "Home agency", "es": "Agencia de origen", "pt": "Agência de origem", "fr": "Agence d'origine"}
HOME_PAGE = {"es": "Inicio", "pt": "Início", "fr": "Accueil"}


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_agreement_and_its_pdf_name_the_home_agency(client, world, site_frame, language):
    subject = agreement(profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager)
    sign_in_with_mfa(client, world.host_manager)
    page = client.get(f"/{language}/exchange/agreements/{subject.pk}/")
    assert page.status_code == 200
    body = page.content.decode().replace("&#x27;", "'")
    assert f"<dt>{HOME_AGENCY[language]}</dt>" in body
    if language in HOME_PAGE:
        assert f"<dt>{HOME_PAGE[language]}</dt>" not in body
    pdf = client.get(f"/{language}/exchange/agreements/{subject.pk}/terms.pdf")
    assert pdf.status_code == 200
    import io

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace("’", "'")
    assert HOME_AGENCY[language] in text


def test_language_levels_show_their_labels(client, world):
    sign_in_with_mfa(client, world.host_manager)
    body = client.get("/es/exchange/instructors/").content.decode()
    assert "Nativo o bilingüe" in body or "Nativa o bilingüe" in body
    assert ">native<" not in body and " native<" not in body


def test_the_state_filter_is_a_choice_of_member_states(client, world):
    sign_in_with_mfa(client, world.host_manager)
    body = client.get("/en/exchange/instructors/", {"state": "CL"}).content.decode()
    assert '<select id="f-state" name="state">' in body
    assert '<option value="CL" selected>Chile</option>' in body
    assert 'type="text" name="state"' not in body
    assert "Javiera Soto" in body
    other = client.get("/en/exchange/instructors/", {"state": "MX"}).content.decode()
    assert "Javiera Soto" not in other


def test_pages_taught_offers_curricula_and_courses_the_user_may_see(client, world, site_frame):
    officer = official(agency=world.host_agency, username="new-instructor")
    mx = world.other_state
    course = CoursePageFactory(state=mx, title="Interviewing witnesses")
    lesson = LessonPageFactory(parent=course, title="Lesson one: the first contact")
    shared = curriculum(mx, title="Community policing")
    hidden = curriculum(mx, title="Mexico's internal protocol", audience="state")
    sign_in_with_mfa(client, officer)
    body = client.get(reverse("instructors:profile_edit")).content.decode()
    assert 'data-filterable="true"' in body and "js/choice-filter.js" in body
    assert f'value="{course.pk}"' in body and "Interviewing witnesses (course, Mexico, English)" in body
    assert f'value="{shared.pk}"' in body
    assert f'value="{lesson.pk}"' not in body and "Lesson one" not in body
    assert f'value="{hidden.pk}"' not in body and "internal protocol" not in body
    data = {
        "agency": world.host_agency.pk,
        "disciplines": ["forensic"],
        "years_experience": 7,
        "formats": ["in_person"],
        "accepting": "on",
        "language_es": "native",
        "pages_taught": [course.pk, shared.pk],
    }
    # A page the user may not see, or a lesson, is refused like any unknown choice.
    assert client.post(reverse("instructors:profile_edit"), {**data, "pages_taught": [hidden.pk]}).status_code == 400
    assert client.post(reverse("instructors:profile_edit"), {**data, "pages_taught": [lesson.pk]}).status_code == 400
    assert client.post(reverse("instructors:profile_edit"), data).status_code == 302
    profile = InstructorProfile.objects.get(user=officer)
    assert set(profile.pages_taught.values_list("pk", flat=True)) == {course.pk, shared.pk}


@pytest.mark.parametrize("language", ["en", "es"])
def test_refusal_for_an_unverified_official_links_to_verification(client, world, stranger, language):
    sign_in_with_mfa(client, stranger)
    response = client.get(f"/{language}/exchange/instructors/")
    assert response.status_code == 403
    assert f'href="/{language}/accounts/profile/#status-heading"' in response.content.decode()
