"""Published practices are in the one search, found only within the reader's tier."""

import pytest

from practices import indexing, services
from search import api
from search.backends import set_backend
from search.backends.postgres import PostgresBackend

from .factories import published, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = PostgresBackend()
    set_backend(backend)
    yield backend
    set_backend(None)


def test_only_published_practices_become_documents(p):
    public = published(p, title="Mesas barriales")
    waiting = reviewed(p, title="Pendiente")
    docs = list(indexing.providers()[0].documents([public.pk, waiting.pk]))
    assert [(d.kind, d.object_id, d.language, d.audience, d.state_code) for d in docs] == [
        ("practice", public.pk, "es", "public", "CO")
    ]
    assert docs[0].url == f"/es/practices/{public.pk}/"


def test_search_finds_a_practice_within_the_readers_tier(p, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        practice = reviewed(p, title="Custodia de evidencias en comisarías", audience="state")
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(user=p.secretariat, practice=practice)

    def found(user) -> bool:
        return any(hit.kind == "practice" for hit in api.search("custodia", user=user).hits)

    assert found(p.official_a2)  # an official of the owning state
    assert not found(p.official_b)  # an official of another state
    assert not found(None)


def test_the_search_page_shows_a_practice_within_the_tier(client, p, backend, django_capture_on_commit_callbacks):
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        practice = reviewed(p, title="Custodia de evidencias en comisarías", audience="law_enforcement")
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(user=p.secretariat, practice=practice)
    url = reverse("search:page") + "?q=custodia"
    assert practice.title not in client.get(url).content.decode()
    client.force_login(p.official_b)
    page = client.get(url).content.decode()
    assert practice.title in page and "Good practice" in page
