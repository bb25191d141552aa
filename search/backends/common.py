"""Helpers that the SQL backends share: rows for documents, the word-list deltas, and turning the
members of result groups into hits (the reader's language shown where a translation exists)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from ..analysis import ParsedQuery, highlight, vocabulary
from ..documents import SearchDocument
from .base import FACETS, Hit, SearchQuery, checksum, duration_band, group_of

ROW_FIELDS = [
    "key",
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
    "topics",
    "discipline",
    "level",
    "scope",
    "delivery",
    "hours",
    "duration_band",
    "group_key",
    "published_at",
    "facts",
    "words",
    "checksum",
]


def document_row(document: SearchDocument) -> dict:
    topics = " ".join(document.topics or [])
    words = vocabulary(document.title, document.summary, topics, document.body)
    return {
        "key": document.key,
        "kind": document.kind,
        "object_id": document.object_id,
        "title": document.title,
        "url": document.url,
        "language": document.language,
        "audience": document.audience,
        "state_id": document.state_id,
        "state_code": document.state_code or "",
        "subregion": document.subregion or "",
        "summary": document.summary or "",
        "body": document.body or "",
        "topics": topics,
        "discipline": document.discipline or "",
        "level": document.level or "",
        "scope": document.scope or "",
        "delivery": document.delivery or "",
        "hours": document.hours,
        "duration_band": duration_band(document.hours),
        "group_key": group_of(document),
        "published_at": document.published_at,
        "facts": json.dumps(document.facts or {}, default=str),
        "words": " ".join(sorted(words)),
        "checksum": checksum(document),
    }


def term_tier(audience: str, state_id: int | None) -> tuple[str, int]:
    """Words of public and law-enforcement documents are shared by every state; state-tier words
    belong to their state."""
    if audience == "state":
        return audience, int(state_id or 0)
    return audience, 0


def term_deltas(old_rows: Iterable[dict], new_rows: Iterable[dict]) -> Counter:
    deltas: Counter = Counter()
    for sign, rows in ((-1, old_rows), (1, new_rows)):
        for row in rows:
            audience, state_id = term_tier(row["audience"], row["state_id"])
            for word in (row["words"] or "").split():
                deltas[(word, row["language"], audience, state_id)] += sign
    return Counter({key: value for key, value in deltas.items() if value})


def passes(row: dict, filters: dict[str, list[str]]) -> bool:
    return all(str(row.get(FACETS[name]) or "") in values for name, values in filters.items())


def snippet(row: dict, parsed: ParsedQuery) -> str:
    summary, body = row.get("summary") or "", row.get("body") or ""
    if parsed.is_empty:
        return highlight(summary or body, parsed, row["language"])
    text = summary
    marked = highlight(summary, parsed, row["language"])
    if "<mark>" not in marked and body:
        body_marked = highlight(body, parsed, row["language"])
        if "<mark>" in body_marked:
            return body_marked
    return marked if text else highlight(body, parsed, row["language"])


def hit_from_row(row: dict, *, score: float, parsed: ParsedQuery, other_languages: list[str]) -> Hit:
    facts = row.get("facts") or {}
    if isinstance(facts, str):
        facts = json.loads(facts)
    return Hit(
        kind=row["kind"],
        object_id=int(row["object_id"]),
        title=row["title"],
        url=row["url"],
        language=row["language"],
        state_code=row.get("state_code") or "",
        subregion=row.get("subregion") or "",
        audience=row["audience"],
        score=round(float(score or 0.0), 6),
        snippet=snippet(row, parsed),
        facts=facts,
        discipline=row.get("discipline") or "",
        level=row.get("level") or "",
        scope=row.get("scope") or "",
        delivery=row.get("delivery") or "",
        hours=row.get("hours"),
        published_at=row.get("published_at"),
        other_languages=other_languages,
    )


def assemble_hits(groups: list[dict], members: list[dict], query: SearchQuery) -> list[Hit]:
    """groups: ordered dicts with ``group_key``, ``best`` (id of the best matching member) and
    ``score``; members: visible rows of those groups (with ``id``). The reader's language is shown
    where a visible member in it passes the filters; otherwise the best match."""
    by_group: dict[str, list[dict]] = {}
    by_id: dict[int, dict] = {}
    for member in members:
        by_group.setdefault(member["group_key"], []).append(member)
        by_id[int(member["id"])] = member
    hits = []
    for group in groups:
        best = by_id.get(int(group["best"]))
        if best is None:
            continue
        shown = best
        if best["language"] != query.language:
            for member in by_group.get(group["group_key"], []):
                if member["language"] == query.language and passes(member, query.filters):
                    shown = member
                    break
        others = sorted({m["language"] for m in by_group.get(group["group_key"], [])} - {shown["language"]})
        hits.append(hit_from_row(shown, score=group["score"], parsed=query.parsed, other_languages=others))
    return hits


def facet_lists(counts: dict[str, Counter]) -> dict[str, list[tuple[str, int]]]:
    result = {}
    for name in FACETS:
        counter = counts.get(name, Counter())
        result[name] = sorted(((value, n) for value, n in counter.items() if value and n), key=lambda x: (-x[1], x[0]))
    return result
