"""Keeping the index true: publish, unpublish and delete reach the index through on_commit and the
Celery task; reindex and check."""

import pytest
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search import api
from search.backends import set_backend
from search.backends.postgres import PostgresBackend
from search.documents import Provider, SearchDocument
from search.registry import register, unregister


def standard_documents(ids):
    from home.models import StandardPage

    pages = StandardPage.objects.live().select_related("locale")
    if ids is not None:
        pages = pages.filter(pk__in=list(ids))
    for page in pages:
        yield SearchDocument(
            kind="testpage",
            object_id=page.pk,
            title=page.title,
            url=page.url or "",
            language=page.locale.language_code,
            audience=page.audience,
            state_id=page.audience_state_id,
            body=strip_tags(page.body),
            group_key=str(page.translation_key),
            published_at=page.last_published_at,
        )


@pytest.fixture
def test_provider(db):
    from home.models import StandardPage

    provider = Provider(
        kind="testpage", label=_("Page"), model=StandardPage, documents=standard_documents, is_page=True
    )
    register(provider)
    backend = PostgresBackend()
    set_backend(backend)
    yield provider
    set_backend(None)
    unregister("testpage")


@pytest.fixture
def page(site_frame, test_provider, django_capture_on_commit_callbacks):
    from home.models import StandardPage

    home = site_frame["en"]
    page = StandardPage(title="Guidance on evidence lockers", slug="lockers", audience="public", body="<p>Lockers</p>")
    with django_capture_on_commit_callbacks(execute=True):
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def test_publishing_indexes(page):
    assert [hit.object_id for hit in api.search("lockers").hits] == [page.pk]


def test_a_new_revision_reindexes(page, django_capture_on_commit_callbacks):
    page.title = "Guidance on evidence rooms"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert api.search("rooms").total == 1
    assert api.search("lockers").total == 1  # still in the body


def test_unpublishing_removes(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert api.search("lockers").total == 0
    assert not [s for s in api.suggest("lock") if "lockers" in s.text.lower()]


def test_deleting_removes(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert api.search("lockers").total == 0


def test_nothing_is_indexed_before_commit(site_frame, test_provider, django_capture_on_commit_callbacks):
    from home.models import StandardPage

    page = StandardPage(title="Unseen draft lockers", slug="unseen", audience="public")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site_frame["en"].add_child(instance=page)
        page.save_revision().publish()
    assert api.search("unseen").total == 0
    assert len(callbacks) >= 1


def test_reindex_and_check(page, test_provider):
    PostgresBackend().clear()
    drift = api.check(["testpage"])
    assert drift.missing == [f"testpage:{page.pk}"]
    assert api.reindex(["testpage"]) == 1
    assert api.check(["testpage"]).ok
    PostgresBackend().index(
        [
            SearchDocument(
                kind="testpage",
                object_id=999999,
                title="Ghost",
                url="/",
                language="en",
                audience="public",
                state_id=None,
            )
        ]
    )
    assert api.check(["testpage"]).orphans == ["testpage:999999"]
    api.reindex(["testpage"])
    assert api.check(["testpage"]).ok


def test_task_retries_are_configured():
    from search.tasks import refresh_index

    assert refresh_index.max_retries == 5
    assert refresh_index.autoretry_for == (Exception,)


def test_task_for_an_unknown_kind_does_nothing(db):
    from search.tasks import refresh_index

    assert refresh_index.delay("nothing-here", [1]).get() == {"kind": "nothing-here", "indexed": 0, "removed": 0}


def test_discovered_providers_have_signals():
    from search.registry import providers
    from search.signal_handlers import _connected

    for provider in providers().values():
        assert (provider.kind, provider.model) in _connected


def test_reindex_and_check_commands(page, test_provider, capsys):
    from django.core.management import CommandError, call_command

    PostgresBackend().clear()
    with pytest.raises(CommandError):
        call_command("search_check", "testpage")
    assert "missing: 1" in capsys.readouterr().out
    call_command("search_reindex", "testpage", "--batch-size", "10")
    assert "1 documents indexed" in capsys.readouterr().out
    call_command("search_check", "testpage")
    assert "The index matches the database." in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("search_reindex", "no-such-kind")


def test_every_discovered_provider_yields_documents_search_accepts(db):
    """The content apps' providers (curricula, instructors, courses once it has one) run against an
    empty database and hand over well-formed documents."""
    from search.registry import providers

    assert providers(), "no content app provides documents"
    for provider in providers().values():
        documents = list(provider.documents(None))
        assert all(isinstance(document, SearchDocument) for document in documents)
        assert list(provider.documents([])) == []
