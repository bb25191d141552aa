"""Parsing search parameters (the page and the JSON API share it): bad input gets a message."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .backends.base import FACETS, PER_PAGE_MAX, SORTS

MAX_QUERY = 200


class BadParameters(ValueError):
    pass


@dataclass
class Params:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    @property
    def filter_count(self) -> int:
        """How many facet values are ticked (for the "Filter" control's badge)."""
        return sum(len(values) for values in self.filters.values())


def _integer(data, name: str, default: int, low: int, high: int) -> int:
    raw = (data.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameters(_("“%(name)s” must be a whole number.") % {"name": name}) from None
    if not low <= value <= high:
        raise BadParameters(
            _("“%(name)s” must be between %(low)s and %(high)s.") % {"name": name, "low": low, "high": high}
        )
    return value


def parse(data, *, known: set[str] | None = None) -> Params:
    """``data`` is a QueryDict. Facet parameters may repeat (``?level=basic&level=advanced``)."""
    q = (data.get("q") or "").strip()
    if len(q) > MAX_QUERY:
        raise BadParameters(_("The search text is too long (at most %(n)s characters).") % {"n": MAX_QUERY})
    sort = (data.get("sort") or "relevance").strip()
    if sort not in SORTS:
        raise BadParameters(_("Unknown sort order “%(sort)s”.") % {"sort": sort})
    filters = {}
    for name in FACETS:
        values = [v.strip() for v in data.getlist(name) if v.strip()]
        if len(values) > 40 or any(len(v) > 40 for v in values):
            raise BadParameters(_("Too many or too long values for “%(name)s”.") % {"name": name})
        if values:
            filters[name] = values
    allowed = set(FACETS) | {"q", "sort", "page", "per_page", "lang", "format"} | (known or set())
    unknown = sorted(set(data.keys()) - allowed)
    if unknown:
        raise BadParameters(_("Unknown parameter “%(name)s”.") % {"name": unknown[0]})
    return Params(
        q=q,
        filters=filters,
        sort=sort,
        page=_integer(data, "page", 1, 1, 1000),
        per_page=_integer(data, "per_page", 20, 1, PER_PAGE_MAX),
    )
