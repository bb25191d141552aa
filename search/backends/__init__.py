"""Backend selection: ``settings.SEARCH_BACKEND`` ("postgres", "sqlite", "elasticsearch"), or by the
database vendor when it is empty."""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from .base import Backend

_backend: Backend | None = None
_override: Backend | None = None


def backend_for(name: str) -> Backend:
    if name == "postgres":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if name == "sqlite":
        from .sqlite import SqliteBackend

        return SqliteBackend()
    if name == "elasticsearch":
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend(url=settings.ELASTICSEARCH_URL, prefix=settings.ELASTICSEARCH_INDEX_PREFIX)
    raise ValueError(f"Unknown search backend {name!r}")


def configured_name() -> str:
    name = (getattr(settings, "SEARCH_BACKEND", "") or "").strip().lower()
    if name:
        return name
    return "postgres" if connection.vendor == "postgresql" else "sqlite"


def get_backend() -> Backend:
    global _backend
    if _override is not None:
        return _override
    if _backend is None or _backend.name != configured_name():
        _backend = backend_for(configured_name())
    return _backend


def set_backend(backend: Backend | None) -> None:
    """For tests: use this backend until reset with None."""
    global _override
    _override = backend
