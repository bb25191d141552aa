"""Each step of a practice's life (submit, review, publish) for each role and state, through the
pages: who may, who is refused with which status, and that a refusal changes nothing."""

import pytest
from django.urls import reverse

from accounts.models import Notification
from practices.models import Practice, Status
from tests.accounts.factories import sign_in_with_mfa

from .factories import practice_data, published, reviewed, submitted

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = practice_data(**overrides)
    form = {k: v for k, v in data.items() if not isinstance(v, (list, bool))}
    if data["gender_perspective"]:
        form["gender_perspective"] = "on"
    return form


def _sign_in(client, user):
    sign_in_with_mfa(client, user)


# --- Submitting -------------------------------------------------------------------------------------


def test_an_official_submits_for_their_state_and_the_coordinator_is_told(client, p, django_capture_on_commit_callbacks):
    _sign_in(client, p.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("practices:submit"), {**_form(), "state": p.state_a.pk})
    practice = Practice.objects.get()
    assert response.status_code == 302 and response.url == practice.get_absolute_url()
    assert (practice.state, practice.agency, practice.status) == (p.state_a, p.agency_a, Status.SUBMITTED)
    assert Notification.objects.filter(user=p.coordinator_a, kind="practices.submitted").exists()
    assert not Notification.objects.filter(user=p.coordinator_b).exists()


def test_an_official_cannot_submit_for_another_state(client, p):
    _sign_in(client, p.submitter)
    response = client.post(reverse("practices:submit"), {**_form(), "state": p.state_b.pk})
    assert response.status_code == 400  # not among the form's states
    assert not Practice.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "secretariat", "unverified"])
def test_who_cannot_submit(client, p, who):
    from tests.accounts.factories import UserFactory

    if who == "secretariat":
        _sign_in(client, p.secretariat)
    elif who == "unverified":
        client.force_login(UserFactory(username="nobody"))
    response = client.post(reverse("practices:submit"), {**_form(), "state": p.state_a.pk})
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert not Practice.objects.exists()


def test_html_in_a_text_field_is_refused_with_a_message(client, p):
    _sign_in(client, p.submitter)
    response = client.post(
        reverse("practices:submit"), {**_form(context="<script>alert(1)</script>"), "state": p.state_a.pk}
    )
    assert response.status_code == 400
    assert "HTML" in response.content.decode()
    assert not Practice.objects.exists()


def test_html_is_refused_in_spanish_too(client, p):
    _sign_in(client, p.submitter)
    response = client.post(
        reverse("practices:submit").replace("/en/", "/es/"),
        {**_form(results='<img src=x onerror="alert(1)">'), "state": p.state_a.pk},
    )
    assert response.status_code == 400
    assert "HTML" in response.content.decode() and "texto" in response.content.decode()
    assert not Practice.objects.exists()


# --- Reviewing --------------------------------------------------------------------------------------


def test_the_states_coordinator_approves_and_the_secretariat_is_told(client, p, django_capture_on_commit_callbacks):
    practice = submitted(p)
    _sign_in(client, p.coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("practices:review", kwargs={"pk": practice.pk}), {"decision": "approve"})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.status, practice.reviewed_by) == (Status.REVIEWED, p.coordinator_a)
    assert Notification.objects.filter(user=p.submitter, kind="practices.reviewed").exists()
    assert Notification.objects.filter(user=p.secretariat, kind="practices.to_publish").exists()


def test_the_coordinator_returns_with_a_reason_and_the_submitter_resubmits(client, p):
    practice = submitted(p)
    _sign_in(client, p.coordinator_a)
    url = reverse("practices:review", kwargs={"pk": practice.pk})
    assert client.post(url, {"decision": "return"}).status_code == 400  # a reason is needed
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED
    client.post(url, {"decision": "return", "comment": "Add the costs."})
    practice.refresh_from_db()
    assert (practice.status, practice.review_comment) == (Status.RETURNED, "Add the costs.")

    client.force_login(p.submitter)
    response = client.post(
        reverse("practices:edit", kwargs={"pk": practice.pk}),
        {**_form(resources="USD 2,000 a year."), "state": p.state_a.pk},
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.status, practice.resources) == (Status.SUBMITTED, "USD 2,000 a year.")


def test_another_states_coordinator_does_not_even_see_it(client, p):
    practice = submitted(p)
    _sign_in(client, p.coordinator_b)
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("practices:review", kwargs={"pk": practice.pk}), {"decision": "approve"}).status_code == 404
    )
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_the_secretariat_does_not_review_for_a_state(client, p):
    practice = submitted(p)
    _sign_in(client, p.secretariat)
    response = client.post(reverse("practices:review", kwargs={"pk": practice.pk}), {"decision": "approve"})
    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_a_coordinator_cannot_review_their_own_submission(client, p):
    practice = submitted(p, user=p.coordinator_a)
    _sign_in(client, p.coordinator_a)
    response = client.post(reverse("practices:review", kwargs={"pk": practice.pk}), {"decision": "approve"})
    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_reviewing_twice_is_a_conflict(client, p):
    practice = reviewed(p)
    _sign_in(client, p.coordinator_a)
    response = client.post(
        reverse("practices:review", kwargs={"pk": practice.pk}), {"decision": "return", "comment": "x"}
    )
    assert response.status_code == 409
    practice.refresh_from_db()
    assert practice.status == Status.REVIEWED


def test_review_needs_a_fresh_mfa_step(client, p):
    practice = submitted(p)
    client.force_login(p.coordinator_a)  # a password alone
    response = client.post(reverse("practices:review", kwargs={"pk": practice.pk}), {"decision": "approve"})
    assert response.status_code == 302 and "reauthenticate" in response.url
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


# --- Publishing -------------------------------------------------------------------------------------


def test_the_secretariat_publishes_a_reviewed_practice(client, p, django_capture_on_commit_callbacks):
    practice = reviewed(p)
    _sign_in(client, p.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("practices:publish", kwargs={"pk": practice.pk}))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED and practice.published_at is not None
    assert Notification.objects.filter(user=p.submitter, kind="practices.published").exists()


def test_an_unreviewed_practice_cannot_be_published(client, p):
    practice = submitted(p)
    _sign_in(client, p.secretariat)
    assert client.post(reverse("practices:publish", kwargs={"pk": practice.pk})).status_code == 409
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


@pytest.mark.parametrize("who", ["coordinator_a", "submitter"])
def test_only_the_secretariat_publishes(client, p, who):
    practice = reviewed(p)
    _sign_in(client, getattr(p, who))
    assert client.post(reverse("practices:publish", kwargs={"pk": practice.pk})).status_code == 403
    practice.refresh_from_db()
    assert practice.status == Status.REVIEWED


def test_the_secretariat_cannot_publish_its_own_submission(client, p):
    from tests.accounts.factories import grant

    grant(p.official_a2, "secretariat")
    practice = submitted(p, user=p.official_a2)
    practice = reviewed_by_coordinator(p, practice)
    _sign_in(client, p.official_a2)
    assert client.post(reverse("practices:publish", kwargs={"pk": practice.pk})).status_code == 403
    practice.refresh_from_db()
    assert practice.status == Status.REVIEWED


def reviewed_by_coordinator(p, practice):
    from practices import services

    return services.practice_review(user=p.coordinator_a, practice=practice, approve=True)


def test_publish_needs_a_fresh_mfa_step(client, p):
    practice = reviewed(p)
    client.force_login(p.secretariat)
    response = client.post(reverse("practices:publish", kwargs={"pk": practice.pk}))
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.REVIEWED


# --- Reading by tier and state ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "who", "status"),
    [
        ("public", None, 200),
        ("law_enforcement", None, 404),
        ("law_enforcement", "official_b", 200),
        ("state", "official_b", 404),
        ("state", "official_a2", 200),
        ("state", "secretariat", 200),
    ],
)
def test_a_published_practice_is_read_within_its_tier(client, p, audience, who, status):
    practice = published(p, audience=audience)
    if who:
        client.force_login(getattr(p, who))
    assert client.get(practice.get_absolute_url()).status_code == status
    assert client.get(reverse("practices:pdf", kwargs={"pk": practice.pk})).status_code == status
    listed = practice.title in client.get(reverse("practices:index")).content.decode()
    assert listed == (status == 200)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 404),
        ("official_b", 404),
        ("official_a2", 404),
        ("submitter", 200),
        ("coordinator_a", 200),
        ("secretariat", 200),
    ],
)
def test_before_publication_only_the_submitter_the_coordinator_and_the_secretariat_see_it(client, p, who, status):
    practice = submitted(p)
    if who:
        client.force_login(getattr(p, who))
    assert client.get(practice.get_absolute_url()).status_code == status


def test_the_pdf_is_a_pdf(client, p):
    practice = published(p)
    response = client.get(reverse("practices:pdf", kwargs={"pk": practice.pk}))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
