"""Pages of the exchange: who sees what, bad input, uploads, and list pages in constant queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from instructors.models import Agreement, Certification, ExchangeRequest, Offer, Stage
from tests.accounts.factories import AgencyFactory, UserFactory, sign_in_with_mfa, state

from .factories import ExchangeRequestFactory, OfferFactory, agreement, instructor

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_front_page_for_everyone(client, world):
    response = client.get(reverse("instructors:home"))
    assert response.status_code == 200
    assert world.request.title not in response.content.decode()
    sign_in_with_mfa(client, world.host_manager)
    response = client.get(reverse("instructors:home"))
    assert world.request.title in response.content.decode()


@pytest.mark.parametrize("name", ["instructors:profiles", "instructors:offers", "instructors:requests"])
def test_lists_are_for_verified_officials(client, world, stranger, name):
    assert client.get(reverse(name)).status_code == 302  # to the login page
    sign_in_with_mfa(client, stranger)
    assert client.get(reverse(name)).status_code == 403
    sign_in_with_mfa(client, world.home_manager)
    assert client.get(reverse(name)).status_code == 200


def test_profile_page_hides_unverified_profiles(client, world, stranger):
    hidden = instructor(world.home_agency, username="new", verified=False)
    sign_in_with_mfa(client, world.host_manager)
    assert client.get(reverse("instructors:profile", args=[world.instructor.pk])).status_code == 200
    assert client.get(reverse("instructors:profile", args=[hidden.pk])).status_code == 404
    client.force_login(world.home_manager)  # may verify it, so sees it
    response = client.get(reverse("instructors:profile", args=[hidden.pk]))
    assert response.status_code == 200 and "Verify this profile" in response.content.decode()
    sign_in_with_mfa(client, hidden.user)
    assert client.post(reverse("instructors:profile_verify", args=[hidden.pk])).status_code == 403
    sign_in_with_mfa(client, world.home_manager)
    assert client.post(reverse("instructors:profile_verify", args=[hidden.pk])).status_code == 302
    hidden.refresh_from_db()
    assert hidden.is_verified and hidden.verified_by == world.home_manager


def test_list_pages_in_constant_queries(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mx = AgencyFactory(state=state("MX"))
    sign_in_with_mfa(client, world.host_coordinator)
    urls = [
        reverse(n)
        for n in (
            "instructors:profiles",
            "instructors:offers",
            "instructors:requests",
            "instructors:mine",
            "instructors:home",
        )
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            result.append(len(context))
        return result

    def add_rows(n):
        for i in range(n):
            profile = instructor(mx, username=f"i{n}-{i}", topics=world.topics, languages={"es": "C1", "en": "B2"})
            OfferFactory(agency=mx, instructor=profile, topics=world.topics)
            ExchangeRequestFactory(agency=world.host_agency, topics=world.topics)
            agreement(
                profile=profile,
                host_agency=world.host_agency,
                proposed_by=world.host_manager,
                stage=Stage.HOME_STATE_APPROVED,
            )

    add_rows(1)
    counts()  # the first visit fills the per-user caches (unread notices, states shown)
    before = counts()
    add_rows(4)
    assert counts() == before


def test_certification_upload_validates_and_serves_only_to_allowed(client, world, stranger):
    sign_in_with_mfa(client, world.instructor.user)
    url = reverse("instructors:certification_add")
    fake = SimpleUploadedFile("cert.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    client.post(url, {"title": "Fake", "file": fake})
    assert not Certification.objects.exists()  # named .pdf, but not a PDF
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1), content_type="application/pdf")
    client.post(url, {"title": "Big", "file": big})
    assert not Certification.objects.exists()
    client.post(
        url,
        {"title": "Crime scene instructor", "file": SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf")},
    )
    certification = Certification.objects.get()
    assert certification.content_type == "application/pdf"
    file_url = reverse("instructors:certification_file", args=[certification.pk])
    assert client.get(file_url).status_code == 200
    sign_in_with_mfa(client, stranger)
    assert client.get(file_url).status_code == 404
    plain_official = UserFactory(username="plain")
    from tests.accounts.factories import official

    sign_in_with_mfa(client, official(world.host_state, username="officer"))
    assert client.get(file_url).status_code == 404
    sign_in_with_mfa(client, world.host_coordinator)
    response = client.get(file_url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert plain_official.pk
    certification.file.storage.delete(certification.file.name)
    assert client.get(file_url).status_code == 404  # a record whose file is gone is not a 500


def test_request_and_offer_forms(client, world):
    sign_in_with_mfa(client, world.host_manager)
    data = {
        "a-agency": world.host_agency.pk,
        "title": "Interviewing victims of trafficking",
        "description": "Two days for investigators.",
        "discipline": "police",
        "topics": [world.topics[0].pk],
        "level": "advanced",
        "language": "es",
        "format": "in_person",
        "starts_on": "2027-05-10",
        "ends_on": "2027-05-08",
        "participants": 25,
        "participant_profile": "Investigators",
        "funding": "shared",
    }
    response = client.post(reverse("instructors:request_create"), data)
    assert response.status_code == 400 and not ExchangeRequest.objects.filter(title=data["title"]).exists()
    data["ends_on"] = "2027-05-11"
    response = client.post(reverse("instructors:request_create"), data)
    created = ExchangeRequest.objects.get(title=data["title"])
    assert response.status_code == 302 and created.state == world.host_state
    # An instructor publishes an offer for themself; a stranger to the agency cannot pick it.
    sign_in_with_mfa(client, world.instructor.user)
    offer = {
        "a-agency": world.home_agency.pk,
        "title": "Chain of custody",
        "description": "A week.",
        "language": "es",
        "discipline": "forensic",
        "level": "intermediate",
        "format": "blended",
        "duration_days": 5,
        "hours": 30,
        "available_from": "2027-01-01",
        "available_until": "2027-12-31",
        "target_audience": "Crime scene teams",
        "max_participants": 20,
        "cost_sharing": "split",
    }
    assert client.post(reverse("instructors:offer_create"), offer).status_code == 302
    assert Offer.objects.get(title="Chain of custody").instructor == world.instructor
    offer["a-agency"] = world.host_agency.pk
    assert client.post(reverse("instructors:offer_create"), offer).status_code == 400


def test_propose_through_the_request_page(client, world):
    sign_in_with_mfa(client, world.host_manager)
    page = client.get(reverse("instructors:request", args=[world.request.pk]))
    assert "Propose this instructor" in page.content.decode()
    assert "Covers 2 of 2 topics requested" in page.content.decode()
    url = reverse("instructors:propose")
    response = client.post(
        url, {"request": world.request.pk, "instructor": world.instructor.pk, "terms": "", "cost_sharing": "host_pays"}
    )
    assert response.status_code == 400 and not Agreement.objects.exists()
    response = client.post(
        url,
        {
            "request": world.request.pk,
            "instructor": world.instructor.pk,
            "terms": "Five days.",
            "cost_sharing": "host_pays",
        },
    )
    created = Agreement.objects.get()
    assert response.status_code == 302 and created.stage == Stage.PROPOSED and created.proposed_by == world.host_manager


def test_thread_is_written_by_parties_and_read_by_coordinators(client, world):
    subject = agreement(profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager)
    url = reverse("instructors:message_post", args=[subject.pk])
    sign_in_with_mfa(client, world.instructor.user)
    assert client.post(url, {"body": "Can we start at 8?"}).status_code == 302
    sign_in_with_mfa(client, world.home_coordinator)
    page = client.get(reverse("instructors:agreement", args=[subject.pk]))
    assert "Can we start at 8?" in page.content.decode()
    assert client.post(url, {"body": "A coordinator writes"}).status_code == 403
    sign_in_with_mfa(client, world.other_coordinator)
    assert client.get(reverse("instructors:agreement", args=[subject.pk])).status_code == 404
    assert subject.messages.count() == 1


def test_reports_through_the_views(client, world):
    subject = agreement(
        profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager, stage=Stage.DELIVERED
    )
    sign_in_with_mfa(client, world.host_manager)
    data = {
        "evaluation": 5,
        "instructor_rating": 4,
        "comments": "Excellent.",
        "n_female_officer": 7,
        "n_male_officer": 9,
        "n_another_specialist": 1,
    }
    assert client.post(reverse("instructors:host_report", args=[subject.pk]), data).status_code == 302
    sign_in_with_mfa(client, world.host_coordinator)
    close = client.post(reverse("instructors:agreement_act", args=[subject.pk]), {"action": "close"})
    assert close.status_code == 409  # the instructor has not reported
    sign_in_with_mfa(client, world.instructor.user)
    data = {"delivered": "Five days.", "hours_delivered": 30, "cascading_plan": "Ten trainers.", "host_rating": 5}
    assert client.post(reverse("instructors:instructor_report", args=[subject.pk]), data).status_code == 302
    subject.refresh_from_db()
    assert subject.stage == Stage.REPORTED
    assert sum(row.count for row in subject.participant_counts.all()) == 17


def test_my_exchanges_shows_what_waits(client, world):
    waiting = agreement(
        profile=world.instructor,
        host_agency=world.host_agency,
        proposed_by=world.host_manager,
        stage=Stage.HOME_STATE_APPROVED,
    )
    sign_in_with_mfa(client, world.host_coordinator)
    response = client.get(reverse("instructors:mine"))
    assert list(response.context["waiting"]) == [waiting]
    sign_in_with_mfa(client, world.home_coordinator)
    response = client.get(reverse("instructors:mine"))
    assert list(response.context["waiting"]) == []
    assert list(response.context["page_obj"]) == [waiting]


def test_profile_edit_creates_a_profile_in_the_accounts_agency(client, world):
    from instructors.models import InstructorProfile
    from tests.accounts.factories import official

    officer = official(agency=world.host_agency, username="new-instructor")
    sign_in_with_mfa(client, officer)
    data = {
        "agency": world.host_agency.pk,
        "disciplines": ["forensic"],
        "topics": [world.topics[0].pk],
        "years_experience": 7,
        "formats": ["in_person"],
        "travel_subregions": ["caribbean"],
        "bio": "Crime scene instructor.",
        "accepting": "on",
        "language_es": "native",
        "language_en": "B2",
    }
    wrong = {**data, "agency": world.home_agency.pk}  # another agency, another state
    assert client.post(reverse("instructors:profile_edit"), wrong).status_code == 400
    assert (
        client.post(reverse("instructors:profile_edit"), {**data, "language_es": "", "language_en": ""}).status_code
        == 400
    )
    assert not InstructorProfile.objects.filter(user=officer).exists()
    assert client.post(reverse("instructors:profile_edit"), data).status_code == 302
    profile = InstructorProfile.objects.get(user=officer)
    assert (profile.state, profile.is_verified) == (world.host_state, False)
    assert dict(profile.languages.values_list("language", "level")) == {"es": "native", "en": "B2"}
    assert client.get(reverse("instructors:profile_edit")).status_code == 200
