"""The search page and the JSON API: rendering, parameters, errors, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import set_backend
from search.backends.postgres import PostgresBackend

from .corpus import corpus


@pytest.fixture
def pg(db, states):
    backend = PostgresBackend()
    set_backend(backend)
    backend.index(corpus(states))
    yield backend
    set_backend(None)


def test_page_renders_hits_facets_and_snippets(client, pg):
    response = client.get("/en/search/", {"q": "policia"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Criminal investigation and chain of custody" in html  # the English version of the group
    assert "<mark>" in html
    assert 'name="discipline"' in html and "Police" in html
    assert "Operación Zafiro" not in html


def test_page_without_query_browses_and_filters(client, pg):
    response = client.get("/es/search/", {"type": "course", "level": "advanced"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Perícia criminal em balística" in html
    assert "checked" in html


def test_page_suggests_a_correction(client, pg):
    html = client.get("/en/search/", {"q": "custudy"}).content.decode()
    assert "custody" in html


def test_page_bad_parameters_are_400_with_a_message(client, pg):
    response = client.get("/en/search/", {"q": "x", "sort": "sideways"})
    assert response.status_code == 400
    assert "sideways" in response.content.decode()


def test_page_query_count_does_not_grow_with_results(client, pg, states):
    with CaptureQueriesContext(connection) as few:
        client.get("/en/search/", {"q": "evidencias"})
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/search/", {"q": ""})
    assert response.context["results"].total == 8
    assert len(many) <= len(few) + 1  # browsing has no tsquery step but the same shape
    with CaptureQueriesContext(connection) as filtered:
        client.get("/en/search/", {"q": "", "type": "course", "level": "advanced"})
    assert len(filtered) <= len(many) + 2  # one more count query per selected facet
    assert len(many) <= 6


def test_json_api(client, pg):
    response = client.get("/api/search/", {"q": "balística", "lang": "es", "discipline": "forensic"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 2
    hit = data["hits"][0]
    assert set(hit) >= {"type", "id", "title", "url", "language", "state", "score", "snippet"}
    assert {f["value"] for f in data["facets"]["language"]} == {"es", "pt"}
    assert data["facets"]["discipline"] == [{"value": "forensic", "count": 2}]


@pytest.mark.parametrize(
    "params",
    [{"q": "x", "page": "zero"}, {"q": "x", "per_page": "500"}, {"q": "x", "colour": "red"}, {"q": "x" * 300}],
)
def test_json_api_bad_parameters(client, pg, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_json_suggestions_respect_access(client, pg, states):
    from tests.accounts.factories import official

    data = client.get("/api/search/suggest/", {"q": "zaf", "lang": "es"}).json()
    assert data["suggestions"] == []
    client.force_login(official(states["CO"]))
    data = client.get("/api/search/suggest/", {"q": "zaf", "lang": "es"}).json()
    assert any(s["text"] == "Operación Zafiro: vigilancia encubierta" for s in data["suggestions"])


def test_json_is_a_get_only_api(client, pg):
    assert client.post("/api/search/", {"q": "x"}).status_code == 405
