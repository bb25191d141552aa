"""Fixtures of the search suite: a backend of each available kind over the small corpus."""

import os
import sqlite3
import uuid

import pytest

from search.backends import set_backend
from tests.accounts.factories import state

from .corpus import corpus

STATE_CODES = ("MX", "BR", "HT", "CO", "JM", "US", "AR", "CA")


@pytest.fixture
def states(db):
    return {code: state(code) for code in STATE_CODES}


def make_backend(name: str, tmp_path):
    if name == "elasticsearch":
        from search.backends.elastic import ElasticsearchBackend

        backend = ElasticsearchBackend(url=os.environ["ELASTICSEARCH_URL"], prefix=f"test-{uuid.uuid4().hex[:8]}")
        backend.clear()
        return backend
    if name == "postgres":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.sqlite import SqliteBackend

    return SqliteBackend(connection=sqlite3.connect(tmp_path / "search.sqlite3"))


# The live Elasticsearch suite: the same conformance tests, wherever a server is configured.
BACKENDS = ["postgres", "sqlite"] + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])


@pytest.fixture(params=BACKENDS)
def backend(request, db, tmp_path):
    """The backend under test, installed as search's backend for the test's duration."""
    chosen = make_backend(request.param, tmp_path)
    set_backend(chosen)
    yield chosen
    set_backend(None)
    if request.param == "elasticsearch":
        chosen.index_definition().delete(using=chosen.client)


@pytest.fixture
def indexed(backend, states):
    documents = corpus(states)
    backend.index(documents)
    return documents
