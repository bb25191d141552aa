"""Open Badges: a credential names no one, a learner downloads only their own, revocation shows at once."""

import base64
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Certificate
from tests.accounts.factories import coordinator, official, state
from tests.badges.conftest import certificate_for
from tests.courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(site_frame):
    mx = state("MX")
    course = CoursePageFactory(state=mx)
    return (
        certificate_for(course, official(mx, email="ana@example.mx")),
        certificate_for(course, official(mx, email="luis@example.mx")),
    )


def _payload(envelope: dict) -> dict:
    token = envelope["id"].split(",", 1)[1]
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))


def test_a_learner_downloads_only_their_own_credential(client, two):
    mine, theirs = two
    client.force_login(mine.user)
    response = client.get(reverse("badges:download", args=[mine.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert client.get(reverse("badges:download", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("badges:download", args=[999999])).status_code == 404
    client.logout()
    assert client.get(reverse("badges:download", args=[mine.pk])).status_code == 302


def test_the_public_credential_holds_no_private_data(client, two):
    mine, _theirs = two
    text = client.get(reverse("certificate_credential", args=[mine.code])).content.decode()
    payload = json.dumps(_payload(json.loads(text)))
    for private in (mine.user.email, mine.user.email.split("@")[0], mine.user.username):
        assert private not in payload
    # The two hashes differ in salt as well, so one e-mail cannot be tested against many credentials at once.
    salts = {
        _payload(client.get(reverse("certificate_credential", args=[c.code])).json())["credentialSubject"][
            "identifier"
        ][0]["salt"]
        for c in two
    }
    assert len(salts) == 2


def test_revocation_is_visible_at_once(client, two):
    mine, theirs = two
    token = client.get(reverse("certificate_credential", args=[mine.code])).json()["id"].split(",", 1)[1]
    assert (
        "This credential is valid" in client.post(reverse("credential_verify"), {"credential": token}).content.decode()
    )
    services.certificate_revoke(revoker=coordinator(mine.issuer_state), certificate=mine, reason="Fraude")
    assert "has been revoked" in client.post(reverse("credential_verify"), {"credential": token}).content.decode()
    other = client.get(reverse("certificate_credential", args=[theirs.code])).json()["id"].split(",", 1)[1]
    assert (
        "This credential is valid" in client.post(reverse("credential_verify"), {"credential": other}).content.decode()
    )
    assert Certificate.objects.get(pk=mine.pk).revoked_at <= timezone.now()


def test_status_list_numbers_out_of_range_are_not_errors(client, site_frame):
    assert client.get("/badges/status/1000000000.json").status_code == 404
    assert client.get("/badges/status/-1.json").status_code == 404
    assert client.get("/badges/status/5.json").status_code == 200


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_learner_downloads_only_their_own_badge_image(client, two, kind):
    mine, theirs = two
    client.force_login(mine.user)
    name = f"badges:download_{kind}"
    assert client.get(reverse(name, args=[mine.pk])).status_code == 200
    assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    client.logout()
    assert client.get(reverse(name, args=[mine.pk])).status_code == 302


def test_a_badge_svg_opened_on_its_own_runs_nothing(client, two):
    mine, _ = two
    client.force_login(mine.user)
    response = client.get(reverse("badges:download_svg", args=[mine.pk]))
    assert "<script" not in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
