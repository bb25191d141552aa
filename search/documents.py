"""What content apps hand to search: one SearchDocument per indexable object and language.

A content app makes its objects findable by writing ``<app>/indexing.py`` with a function
``providers() -> list[Provider]``. Search discovers those modules, connects the signals that keep
the index true (page publish/unpublish/delete for page models, save/delete for others) and calls
``Provider.documents`` to (re)build documents. Content apps never call search themselves."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class SearchDocument:
    kind: str  # "course", "curriculum", "instructor", "offer", "request"
    object_id: int  # the primary key of the object (the page id for pages)
    title: str
    url: str
    language: str  # "en", "es", "pt" or "fr": the language the text is written in
    audience: str  # accounts.access.Audience value
    state_id: int | None  # the owning member state (decides the "state" tier)
    state_code: str = ""
    subregion: str = ""
    summary: str = ""
    body: str = ""  # plain text, no markup
    discipline: str = ""  # curricula.api.Discipline value
    level: str = ""  # curricula.api.Level value
    scope: str = ""  # curricula.api.Scope value
    delivery: str = ""  # curricula.api.Delivery value
    hours: float | None = None
    topics: list[str] = field(default_factory=list)  # topic names in the document's language
    group_key: str = ""  # the same for translations of one thing (a page's translation_key)
    published_at: datetime.datetime | None = None
    facts: dict = field(default_factory=dict)  # key facts shown with a result (JSON-serialisable)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"


@dataclass(frozen=True)
class Provider:
    kind: str
    label: object  # a lazy translated label, e.g. _("Course")
    model: type  # the Django model whose changes re-index (a Page subclass for pages)
    documents: Callable[[Iterable[int] | None], Iterable[SearchDocument]]  # None: every object
    is_page: bool = False
