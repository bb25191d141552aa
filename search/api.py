"""The public entry point of search: searching, suggestions and keeping the index true.

Other apps make their objects findable only through ``<app>/indexing.py`` (``providers()``); views
and other apps call ``search``, ``suggest`` and, for administration, the indexing functions here."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language

from accounts.access import visible_scope

from .backends import get_backend
from .backends.base import DURATION_BANDS, FACETS, PER_PAGE_MAX, SORTS, Hit, Results, SearchQuery, Suggestion
from .documents import Provider, SearchDocument
from .registry import provider, providers

__all__ = [
    "DURATION_BANDS",
    "FACETS",
    "SORTS",
    "Hit",
    "Provider",
    "Results",
    "SearchDocument",
    "Suggestion",
    "check",
    "index_documents",
    "refresh",
    "reindex",
    "remove_documents",
    "search",
    "suggest",
]

logger = logging.getLogger(__name__)


def _language(language: str | None) -> str:
    code = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def search(
    query: str = "",
    *,
    user=None,
    filters: dict[str, list[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    language: str | None = None,
) -> Results:
    """Search what ``user`` may see. ``filters`` maps facet names (``FACETS``) to accepted values;
    values of one facet combine with OR, facets with AND. Raises ``ValueError`` for a bad facet,
    sort or page (the views turn it into a 400)."""
    filters = {name: [str(v) for v in values] for name, values in (filters or {}).items() if values}
    unknown = set(filters) - set(FACETS)
    if unknown:
        raise ValueError(f"unknown filter: {', '.join(sorted(unknown))}")
    if sort not in SORTS:
        raise ValueError(f"unknown sort: {sort}")
    if page < 1 or not 1 <= per_page <= PER_PAGE_MAX:
        raise ValueError("page out of range")
    search_query = SearchQuery(
        text=query or "",
        scope=visible_scope(user),
        filters=filters,
        sort=sort,
        page=page,
        per_page=per_page,
        language=_language(language),
    )
    return get_backend().search(search_query)


def suggest(prefix: str, *, user=None, language: str | None = None, limit: int = 8) -> list[Suggestion]:
    """Completions of a prefix (two letters or more): words and titles the reader may see."""
    return get_backend().suggest(prefix or "", scope=visible_scope(user), language=_language(language), limit=limit)


# --- Keeping the index true ------------------------------------------------------------------------


def index_documents(documents: Iterable[SearchDocument]) -> int:
    return get_backend().index(documents)


def remove_documents(keys: Iterable[str]) -> int:
    return get_backend().remove(keys)


def refresh(kind: str, ids: Iterable[int]) -> tuple[int, int]:
    """Re-index these objects of one provider; objects it no longer returns (unpublished, deleted,
    made private) leave the index. Idempotent. Returns (indexed, removed)."""
    ids = sorted({int(i) for i in ids})
    if not ids:
        return 0, 0
    documents = list(provider(kind).documents(ids))
    indexed = get_backend().index(documents) if documents else 0
    present = {document.object_id for document in documents}
    removed = get_backend().remove([f"{kind}:{i}" for i in ids if i not in present])
    return indexed, removed


def reindex(
    kinds: Iterable[str] | None = None,
    *,
    batch_size: int = 500,
    progress: Callable[[str, int], None] | None = None,
    clear: bool = False,
) -> int:
    """Rebuild the documents of these providers (all by default) in batches, removing what no longer
    exists. ``progress(kind, done)`` is called after each batch."""
    backend = get_backend()
    selected = [providers()[kind] for kind in (kinds or providers())]
    if clear:
        backend.clear()
    total = 0
    for selected_provider in selected:
        seen: set[str] = set()
        batch: list[SearchDocument] = []
        for document in selected_provider.documents(None):
            batch.append(document)
            seen.add(document.key)
            if len(batch) >= batch_size:
                total += backend.index(batch)
                batch = []
                if progress:
                    progress(selected_provider.kind, len(seen))
        if batch:
            total += backend.index(batch)
        if progress:
            progress(selected_provider.kind, len(seen))
        stale = [key for key in backend.checksums(selected_provider.kind) if key not in seen]
        backend.remove(stale)
    return total


@dataclass
class Drift:
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    stale: list[str] = field(default_factory=list)  # indexed from an older version
    orphans: list[str] = field(default_factory=list)  # in the index, gone from the database

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphans)


def check(kinds: Iterable[str] | None = None) -> Drift:
    """Compare what the providers would index with what is indexed."""
    from .backends.base import checksum

    backend = get_backend()
    drift = Drift()
    for kind in kinds or providers():
        indexed = backend.checksums(kind)
        expected = {document.key: checksum(document) for document in providers()[kind].documents(None)}
        for key, value in expected.items():
            if key not in indexed:
                drift.missing.append(key)
            elif indexed[key] != value:
                drift.stale.append(key)
        drift.orphans += [key for key in indexed if key not in expected]
    return drift
