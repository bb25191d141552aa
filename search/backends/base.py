"""What every backend shares: the query, the results, the facets and the conformance contract.

A backend stores ``SearchDocument`` s and answers ``SearchQuery`` s. Access is part of the query (a
``accounts.access.Scope``) and every backend applies it inside its own query, so hits, totals, facet
counts and suggestions never count what the reader may not see."""

from __future__ import annotations

import abc
import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from accounts.access import Audience, Scope

from ..analysis import ParsedQuery, parse_query
from ..documents import SearchDocument

# Facet name (URL parameter) -> stored field.
FACETS: dict[str, str] = {
    "type": "kind",
    "discipline": "discipline",
    "level": "level",
    "language": "language",
    "state": "state_code",
    "subregion": "subregion",
    "scope": "scope",
    "delivery": "delivery",
    "duration": "duration_band",
}
SORTS = ("relevance", "newest", "duration")
PER_PAGE_MAX = 50

DURATION_BANDS = [
    ("short", 0, 8, _("Up to 8 hours")),
    ("medium", 8, 40, _("8 to 40 hours")),
    ("long", 40, 120, _("40 to 120 hours")),
    ("extended", 120, None, _("More than 120 hours")),
]


def duration_band(hours: float | None) -> str:
    if hours is None:
        return ""
    for code, low, high, _label in DURATION_BANDS:
        if hours >= low and (high is None or hours < high):
            return code
    return ""


def group_of(document: SearchDocument) -> str:
    return document.group_key or document.key


def checksum(document: SearchDocument) -> str:
    """A fingerprint of everything indexed, for ``search_check``."""
    data = {
        name: getattr(document, name)
        for name in [
            "kind",
            "object_id",
            "title",
            "url",
            "language",
            "audience",
            "state_id",
            "state_code",
            "subregion",
            "summary",
            "body",
            "discipline",
            "level",
            "scope",
            "delivery",
            "hours",
            "topics",
            "group_key",
            "facts",
        ]
    }
    data["published_at"] = document.published_at.isoformat() if document.published_at else None
    return hashlib.sha1(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class SearchQuery:
    text: str = ""
    scope: Scope = field(default_factory=lambda: Scope(all_states=False, law_enforcement=False, state_ids=frozenset()))
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    language: str = "en"  # the reader's language: weighted, and shown for grouped translations
    facets: bool = True  # False: hits and total only

    def __post_init__(self) -> None:
        self.parsed: ParsedQuery = parse_query(self.text)
        self.filters = {name: list(dict.fromkeys(values)) for name, values in self.filters.items() if values}

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def without(self, facet: str) -> dict[str, list[str]]:
        return {name: values for name, values in self.filters.items() if name != facet}


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    language: str
    state_code: str
    subregion: str
    audience: str
    score: float
    snippet: str = ""  # HTML, escaped, matches in <mark>
    facts: dict = field(default_factory=dict)
    discipline: str = ""
    level: str = ""
    scope: str = ""
    delivery: str = ""
    hours: float | None = None
    published_at: datetime.datetime | None = None
    other_languages: list[str] = field(default_factory=list)  # visible translations of the same thing

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"


@dataclass
class Results:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int = 1
    per_page: int = 20
    suggestion: str = ""  # "did you mean" for the query text
    corrected: bool = False  # the hits are those of ``suggestion`` (the query itself found nothing)
    broader: dict = field(default_factory=dict)  # {"filters": {...}, "total": n} when dropping filters helps

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass
class Suggestion:
    text: str
    kind: str  # "title" or "term"
    url: str = ""
    language: str = ""


class Backend(abc.ABC):
    """The interface. ``documents`` may hold several languages and kinds."""

    name = "base"

    @abc.abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int: ...

    @abc.abstractmethod
    def remove(self, keys: Iterable[str]) -> int: ...

    @abc.abstractmethod
    def clear(self) -> None: ...

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> Results: ...

    @abc.abstractmethod
    def suggest(self, prefix: str, *, scope: Scope, language: str, limit: int = 8) -> list[Suggestion]: ...

    @abc.abstractmethod
    def checksums(self, kind: str | None = None) -> dict[str, str]:
        """key -> checksum of what is indexed."""
        ...


PUBLIC = Audience.PUBLIC.value
LAW_ENFORCEMENT = Audience.LAW_ENFORCEMENT.value
STATE = Audience.STATE.value
