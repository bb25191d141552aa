"""A state adopts a curriculum once: repeated or concurrent clicks, and adopting another translation
of the same source, lead to the one adaptation, and the source page then links to it."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from wagtail.models import Locale

from curricula.models import Adoption, CurriculumPage
from curricula.services import adoption_create
from tests.accounts.factories import editor, sign_in_with_mfa
from tests.curricula.factories import curriculum

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(states):
    mx, _co = states
    return curriculum(mx, language="en", title="Chain of custody", version_label="2.1")


def test_three_adoptions_make_one_copy(states, source):
    _mx, co = states
    adopter = editor(co)
    first = adoption_create(user=adopter, source=source)
    again = [adoption_create(user=adopter, source=source) for _ in range(2)]
    assert {a.pk for a in again} == {first.pk}
    assert Adoption.objects.count() == 1
    assert CurriculumPage.objects.count() == 2


def test_another_translation_of_the_source_leads_to_the_same_adaptation(states, source):
    _mx, co = states
    adopter = editor(co)
    first = adoption_create(user=adopter, source=source)
    spanish = source.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.save_revision().publish()
    spanish = CurriculumPage.objects.get(pk=spanish.pk)
    assert adoption_create(user=adopter, source=spanish, language="es").pk == first.pk
    assert CurriculumPage.objects.count() == 3  # source, its translation, one copy


def test_the_database_refuses_a_second_adoption_by_the_same_state(states, source):
    _mx, co = states
    first = adoption_create(user=editor(co), source=source)
    other_copy = curriculum(co, title="Otra copia", publish=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(
            source_page=source,
            source_key=source.translation_key,
            source_revision=first.source_revision,
            source_version_label="2.1",
            adopted_page=other_copy,
            adopter_state=co,
        )


def test_the_view_twice_makes_one_draft_and_the_button_opens_it(states, source, client):
    _mx, co = states
    sign_in_with_mfa(client, editor(co))
    page = client.get(source.url)
    assert "Adopt for Colombia" in page.content.decode()
    responses = [client.post(f"/en/curriculum/{source.pk}/adopt/") for _ in range(3)]
    adoption = Adoption.objects.get()
    edit_url = f"/admin/pages/{adoption.adopted_page_id}/edit/"
    assert [r.status_code for r in responses] == [302, 302, 302]
    assert {r["Location"] for r in responses} == {edit_url}
    assert CurriculumPage.objects.count() == 2
    body = client.get(source.url).content.decode()
    assert "Adopt for Colombia" not in body
    assert "Open Colombia&#x27;s adaptation" in body or "Open Colombia's adaptation" in body
    assert f'href="{edit_url}"' in body


def test_the_admin_list_offers_the_adaptation_instead_of_a_second_copy(states, source, client):
    _mx, co = states
    sign_in_with_mfa(client, editor(co))
    client.post(f"/admin/curricula/adopt/{source.pk}/", {"state": co.pk})
    client.post(f"/admin/curricula/adopt/{source.pk}/", {"state": co.pk})
    adoption = Adoption.objects.get()
    listing = client.get("/admin/curricula/adopt/").content.decode()
    assert f"/admin/pages/{adoption.adopted_page_id}/edit/" in listing
    assert f'action="/admin/curricula/adopt/{source.pk}/"' not in listing


@pytest.mark.django_db(transaction=True)
def test_concurrent_adoptions_make_one_copy(states, source):
    _mx, co = states
    adopter = editor(co)
    barrier = threading.Barrier(3)
    results, errors = [], []

    def click():
        try:
            barrier.wait(timeout=10)
            results.append(adoption_create(user=adopter, source=source).pk)
        except Exception as error:  # noqa: BLE001 - the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(set(results)) == 1 and len(results) == 3
    assert Adoption.objects.count() == 1
    assert CurriculumPage.objects.filter(state=co).count() == 1
