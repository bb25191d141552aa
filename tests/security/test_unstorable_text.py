"""NUL bytes and lone surrogates anywhere in a request are a 400 in the reader's language, before
any view reads them, and nothing is written.

PostgreSQL stores NUL in neither text nor jsonb, and a lone surrogate cannot be encoded: before,
such a value in a query parameter, a path or a form field that no Django ``CharField`` checked
(ids, choices, search terms, the verification code in /verify/<code>/) reached the database and
ended in a 500."""

import json

import pytest
from django.test import Client

from accounts.models import Profile, VerificationRequest
from tests.accounts.factories import AgencyFactory, UserFactory, official

pytestmark = pytest.mark.django_db


def _refused(response, language="en"):
    assert response.status_code == 400, response.status_code
    expected = {"en": "cannot be stored", "es": "no se puede guardar", "fr": "ne peut pas être enregistré"}[language]
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/verify/abc%00def/",
        "/en/search/?q=a%00b",
        "/api/search/?q=%00",
        "/api/search/suggest/?q=x%00",
        "/en/learn/my-learning/?page=%00",
        "/en/search/?%00=x",
    ],
)
def test_nul_in_a_path_or_query_is_refused(site_frame, client, path):
    _refused(client.get(path))


@pytest.mark.parametrize("language", ["es", "fr"])
def test_nul_in_a_form_field_is_refused_in_the_readers_language(site_frame, client, language):
    agency = AgencyFactory()
    user = UserFactory()
    client.force_login(user)
    body = f"agency={agency.pk}&message=Please%00verify".encode()
    response = client.post(
        f"/{language}/accounts/verification/request/", body, content_type="application/x-www-form-urlencoded"
    )
    _refused(response, language)
    assert not VerificationRequest.objects.exists()


def test_nul_in_a_multipart_field_is_refused(site_frame, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(official(AgencyFactory().state))
    _refused(client.post("/en/accounts/profile/", {"first_name": "Ana\x00", "last_name": "Ruiz"}))
    upload = SimpleUploadedFile("staff.csv", b"email\n", "text/csv")
    _refused(client.post("/en/learn/manage/enrol-csv/", {"file": upload, "course": "1\x00"}))


def test_a_lone_surrogate_sent_as_raw_bytes_never_reaches_the_database(site_frame, client):
    """ED A0 80 is how a lone surrogate would be encoded; Django decodes it as U+FFFD, which is storable."""
    user = official(AgencyFactory().state)
    client.force_login(user)
    body = b"first_name=Ana%ED%A0%80&last_name=Ruiz&preferred_language=en"
    response = client.post("/en/accounts/profile/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    assert "\ud800" not in Profile.objects.get(user=user).user.first_name


def test_json_bodies_with_nul_escapes_are_refused_by_the_untrusted_parser(site_frame):
    from lms.untrusted import UntrustedInput, loads

    for text in ('{"a": "\\u0000"}', '{"\\u0000": 1}', '["x\\u0000y"]'):
        with pytest.raises(UntrustedInput) as raised:
            loads(json.dumps(json.loads(text)))
        assert raised.value.code == "nul"


def test_ordinary_text_still_passes(site_frame):
    response = Client().get("/en/search/", {"q": "Café – ñandú 🚓 \u200b"})
    assert response.status_code == 200
