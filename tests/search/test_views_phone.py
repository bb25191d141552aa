"""The search page on a phone: results before the facets, which fold into a "Filter" control that
works without JavaScript; a note when signing in (or being verified) would show more."""

import pytest

from search.backends import set_backend
from search.backends.postgres import PostgresBackend
from tests.accounts.factories import UserFactory, official

from .corpus import corpus


@pytest.fixture
def pg(db, states):
    backend = PostgresBackend()
    set_backend(backend)
    backend.index(corpus(states))
    yield backend
    set_backend(None)


def test_facets_fold_into_a_filter_control_that_counts_what_is_ticked(client, pg):
    html = client.get("/es/search/", {"q": "policia", "type": "course", "level": "advanced"}).content.decode()
    details = html[html.index('<details class="search-filter"') : html.index("</details>")]
    assert "<summary>" in details and "Filtrar" in details and 'type="checkbox"' in details
    assert "2 filtros aplicados" in details
    plain = client.get("/en/search/", {"q": "policia"}).content.decode()
    assert "filter on" not in plain[plain.index("<summary>") : plain.index("</summary>")]


def test_a_visitor_is_told_that_signing_in_shows_more(client, pg):
    html = client.get("/en/search/", {"q": "policia"}).content.decode()
    assert "only for verified law-enforcement officials" in html
    assert 'href="/en/accounts/login/?next=%2Fen%2Fsearch%2F%3Fq%3Dpolicia"' in html


def test_an_unverified_account_is_told_to_ask_for_verification_and_an_official_is_not(client, pg, states):
    client.force_login(UserFactory())
    assert "Ask to be verified" in client.get("/en/search/", {"q": "policia"}).content.decode()
    client.force_login(official(states["MX"]))
    assert "only for verified" not in client.get("/en/search/", {"q": "policia"}).content.decode()
