"""Fixtures of the search suite: a backend of each available kind over the small corpus."""

import sqlite3

import pytest

from search.backends import set_backend
from tests.accounts.factories import state

from .corpus import corpus

STATE_CODES = ("MX", "BR", "HT", "CO", "JM", "US", "AR", "CA")


@pytest.fixture
def states(db):
    return {code: state(code) for code in STATE_CODES}


def make_backend(name: str, tmp_path):
    if name == "postgres":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.sqlite import SqliteBackend

    return SqliteBackend(connection=sqlite3.connect(tmp_path / "search.sqlite3"))


@pytest.fixture(params=["postgres", "sqlite"])
def backend(request, db, tmp_path):
    """The backend under test, installed as search's backend for the test's duration."""
    chosen = make_backend(request.param, tmp_path)
    set_backend(chosen)
    yield chosen
    set_backend(None)


@pytest.fixture
def indexed(backend, states):
    documents = corpus(states)
    backend.index(documents)
    return documents
