"""Hostile input to every page of the library: never a 500, and a refused request changes nothing."""

import pytest
from django.urls import reverse

from practices.models import Adoption, Comment, Practice, PracticeLink, PracticeMeasure, Rating
from tests.accounts.factories import sign_in_with_mfa
from tests.practices.factories import people, published, submitted

pytestmark = pytest.mark.django_db

HOSTILE = [
    {"stars": "1e999"},
    {"stars": "NaN"},
    {"stars": "\x00"},
    {"body": "\x00"},
    {"body": "a" * 5000},
    {"note": "\x00 <b>"},
    {"decision": "publish"},
    {"decision": "approve", "comment": "<script>"},
    {"state": "99999999999999999999", "title": "x"},
    {"measures": ["9.99"], "courses": ["99999999999999999999"], "curricula": ["-1"]},
]


def _counts():
    return [m.objects.count() for m in (Practice, PracticeMeasure, PracticeLink, Rating, Comment, Adoption)]


@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_posts_are_refused_without_changes(client, data):
    p = people()
    draft, live = submitted(p, title="Draft"), published(p, title="Live")
    sign_in_with_mfa(client, p.coordinator_a)
    before = _counts()
    # Recording an adoption needs no field at all: it is sent only with a hostile note.
    names = ["review", "publish", "rate", "comment", "edit"] + (["adopt"] if "note" in data else [])
    for name in names:
        for practice in (draft, live):
            response = client.post(reverse(f"practices:{name}", kwargs={"pk": practice.pk}), data)
            assert response.status_code < 500, (name, response.status_code)
    response = client.post(reverse("practices:submit"), data)
    assert response.status_code < 500
    assert _counts() == before


@pytest.mark.parametrize(
    "query", ["discipline=%00", "measure=" + "x" * 500, "state=ZZZ", "language=xx", "topic=%ff", "gender=1&rights=1"]
)
def test_hostile_filters_are_never_a_server_error(client, db, query):
    p = people()
    published(p)
    # A NUL in the query is refused by the project's middleware (400); the rest list as usual.
    assert client.get(reverse("practices:index") + "?" + query).status_code in (200, 400)


def test_ids_out_of_range_are_404(client, db):
    for pk in ("99999999999999999999", str(2**63)):
        assert client.get(f"/en/practices/{pk}/").status_code == 404
        assert client.get(f"/en/practices/{pk}/practice.pdf").status_code == 404
