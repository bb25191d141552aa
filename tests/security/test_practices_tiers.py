"""A practice of the law-enforcement or state tier is never shown outside it: not in the list, its
page, its PDF, nor search (each would fail without its check in practices.access)."""

import pytest
from django.urls import reverse

from tests.practices.factories import people, published, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(db):
    return people()


def test_the_list_leaves_out_practices_above_the_readers_tier(client, p):
    published(p, title="Practice for everyone")
    published(p, title="Practice for officials", audience="law_enforcement")
    published(p, title="Practice for Colombia", audience="state")
    anonymous = client.get(reverse("practices:index")).content.decode()
    assert "Practice for everyone" in anonymous
    assert "Practice for officials" not in anonymous and "Practice for Colombia" not in anonymous
    client.force_login(p.official_b)
    other_state = client.get(reverse("practices:index")).content.decode()
    assert "Practice for officials" in other_state and "Practice for Colombia" not in other_state


def test_the_page_and_the_pdf_of_a_state_practice_are_404_to_another_state(client, p):
    practice = published(p, audience="state")
    client.force_login(p.official_b)
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert client.get(reverse("practices:pdf", kwargs={"pk": practice.pk})).status_code == 404


def test_an_unpublished_practice_is_404_even_to_an_official_of_its_state(client, p):
    practice = submitted(p)
    client.force_login(p.official_a2)
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert client.get(reverse("practices:pdf", kwargs={"pk": practice.pk})).status_code == 404
    assert practice.title not in client.get(reverse("practices:index")).content.decode()


def test_search_finds_a_state_practice_only_for_that_states_officials(p, django_capture_on_commit_callbacks):
    from practices import services
    from search import api
    from search.backends import set_backend
    from search.backends.postgres import PostgresBackend
    from tests.practices.factories import reviewed

    set_backend(PostgresBackend())
    try:
        with django_capture_on_commit_callbacks(execute=True):
            practice = reviewed(p, title="Protocolo reservado de allanamientos", audience="state")
        with django_capture_on_commit_callbacks(execute=True):
            services.practice_publish(user=p.secretariat, practice=practice)

        def found(user) -> bool:
            return any(h.kind == "practice" for h in api.search("allanamientos", user=user).hits)

        def suggested(user) -> bool:
            return any("allanamientos" in s.text.lower() for s in api.suggest("allanam", user=user))

        assert found(p.official_a2) and not found(p.official_b) and not found(None)
        assert not suggested(p.official_b) and not suggested(None)
    finally:
        set_backend(None)
