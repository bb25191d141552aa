"""Avoiding duplication: the existing curricula, courses and work-plan activities most like a new
one, so that a state adopts instead of rewriting.

Curricula and courses come from search (``search.api.search``, which applies the reader's access in
every backend). Search matches every word of a query; a title of several words therefore often finds
nothing as a whole, so the title's longest words are searched one by one as well and the hits merged
by score. Activities are few (tens per work plan), so they are compared here by shared words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.urls import reverse

from search.api import search

from .access import can_see_work_plan
from .models import Activity

MAX_HITS = 5
KINDS = ["curriculum", "course"]
# Words too common in training titles to say anything about similarity (four languages).
STOPWORDS = {
    "the",
    "and",
    "for",
    "with",
    "from",
    "into",
    "of",
    "on",
    "in",
    "to",
    "a",
    "an",
    "de",
    "del",
    "la",
    "las",
    "los",
    "el",
    "y",
    "e",
    "en",
    "para",
    "con",
    "por",
    "un",
    "una",
    "do",
    "da",
    "das",
    "dos",
    "em",
    "com",
    "no",
    "na",
    "ao",
    "et",
    "des",
    "du",
    "le",
    "les",
    "pour",
    "sur",
    "dans",
    "au",
    "aux",
    "training",
    "formation",
    "capacitación",
    "formação",
    "curso",
    "course",
    "courses",
    "cursos",
}


def _words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return {w for w in re.findall(r"[a-z0-9]{3,}", plain) if w not in STOPWORDS}


@dataclass
class SimilarItem:
    kind: str  # "curriculum", "course" or "activity"
    title: str
    url: str
    state: str
    language: str
    score: float


def similar_items(text: str, *, user, exclude_activity: int | None = None) -> list[SimilarItem]:
    text = (text or "").strip()[:300]
    words = _words(text)
    if not words:
        return []
    found: dict[tuple[str, int], SimilarItem] = {}
    queries = [text] + sorted(words, key=len, reverse=True)[:3]
    for n, query in enumerate(queries):
        try:
            results = search(query, user=user, filters={"type": KINDS}, per_page=MAX_HITS)
        except ValueError:
            continue
        for hit in results.hits:
            key = (hit.kind, hit.object_id)
            score = hit.score * (2 if n == 0 else 1)
            if key not in found or found[key].score < score:
                found[key] = SimilarItem(hit.kind, hit.title, hit.url, hit.state_code, hit.language, score)
        if n == 0 and len(results.hits) >= MAX_HITS:
            break
    documents = sorted(found.values(), key=lambda item: -item.score)[:MAX_HITS]
    activities = []
    for activity in Activity.objects.filter(removed=False).select_related("work_plan").exclude(pk=exclude_activity):
        if not can_see_work_plan(user, activity.work_plan):
            continue
        shared = words & _words(" ".join([activity.title_en, activity.title_es, activity.title_pt, activity.title_fr]))
        if shared:
            activities.append(
                SimilarItem(
                    "activity",
                    f"{activity.work_plan.period_label} · {activity.number}. {activity.title}",
                    reverse("plan:work_plan", kwargs={"pk": activity.work_plan_id}) + f"#activity-{activity.pk}",
                    "",
                    "",
                    len(shared) / len(words),
                )
            )
    activities.sort(key=lambda item: -item.score)
    return documents + activities[:MAX_HITS]
