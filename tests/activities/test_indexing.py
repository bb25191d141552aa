"""Training activities are in the one search, found only within the reader's tier; a cancelled
activity leaves it."""

import pytest

from activities import indexing, services
from search import api
from search.backends import set_backend
from search.backends.postgres import PostgresBackend

from .conftest import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = PostgresBackend()
    set_backend(backend)
    yield backend
    set_backend(None)


def test_open_activities_become_documents_in_their_language(world):
    activity = make_activity(world, audience="public", languages=["pt", "es"])
    cancelled = make_activity(world, title="Cancelado")
    cancelled.status = "cancelled"
    cancelled.save()
    docs = list(indexing.providers()[0].documents([activity.pk, cancelled.pk]))
    assert [(d.kind, d.object_id, d.language, d.audience, d.state_code, d.scope) for d in docs] == [
        ("activity", activity.pk, "pt", "public", "CR", "national")
    ]
    assert docs[0].url == f"/pt/activities/{activity.pk}/"
    assert docs[0].hours == 12.0


def _found(user, word="custodia") -> bool:
    return any(hit.kind == "activity" for hit in api.search(word, user=user).hits)


def test_search_finds_an_activity_within_the_readers_tier(world, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_activity(world, audience="state")
    assert _found(world.cr_officials[0])  # an official of the host state
    assert not _found(world.gt_official)  # an official of another state
    assert not _found(None)


def test_a_cancelled_activity_leaves_the_search(world, backend, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        activity = make_activity(world, audience="public")
    assert _found(None)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_cancel(actor=world.cr_coordinator, activity=activity)
    assert not _found(None)
