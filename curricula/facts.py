"""Read-only figures of curricula for monitoring (written by monitoring's owner; see
docs/decisions/0061-fact-table.md). Aggregated in the database; no personal data leaves here.

Each function returns rows ``{"measure", "state_id", "quarter", "discipline", "level",
"agency_kind", "gender", "value"}`` where ``quarter`` is the first day of a UTC quarter."""

import datetime

from django.db.models import Count, Min
from django.db.models.functions import TruncQuarter

from lms.periods import quarter_of

from .models import Adoption, CurriculumPage


def curriculum_publication_facts() -> list[dict]:
    """Curricula published, per owning state, counted once across their translations, in the quarter
    the first translation was first published."""
    per_curriculum = (
        CurriculumPage.objects.filter(live=True, first_published_at__isnull=False)
        .values("translation_key", "state_id", "discipline", "level")
        .annotate(first=Min("first_published_at"))
        .order_by()
    )
    totals: dict[tuple, int] = {}
    seen: set = set()
    for row in per_curriculum:
        if row["translation_key"] in seen:
            continue
        seen.add(row["translation_key"])
        key = (row["state_id"], quarter_of(row["first"]), row["discipline"], row["level"])
        totals[key] = totals.get(key, 0) + 1
    return [
        {
            "measure": "curricula_published",
            "state_id": state_id,
            "quarter": quarter,
            "discipline": discipline,
            "level": level,
            "agency_kind": "",
            "gender": "",
            "value": value,
        }
        for (state_id, quarter, discipline, level), value in totals.items()
    ]


def adoption_facts() -> list[dict]:
    """Adoptions in the quarter they were made: for the adopting state ("adopted from other
    states") and for the source state ("adopted by other states")."""
    rows = (
        Adoption.objects.annotate(q=TruncQuarter("created_at", tzinfo=datetime.UTC))
        .values(
            "adopter_state_id",
            "source_page__state_id",
            "source_page__discipline",
            "source_page__level",
            "q",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    facts = []
    for row in rows:
        common = {
            "quarter": quarter_of(row["q"]),
            "discipline": row["source_page__discipline"],
            "level": row["source_page__level"],
            "agency_kind": "",
            "gender": "",
            "value": row["n"],
        }
        facts.append({"measure": "adoptions_in", "state_id": row["adopter_state_id"], **common})
        facts.append({"measure": "adoptions_out", "state_id": row["source_page__state_id"], **common})
    return facts


def module_coverage() -> dict[int, dict[str, float]]:
    """Per state, the modules of its live curricula and how many carry the gender perspective or
    human-rights content, in number and in hours (for the plan's crosscutting indicators). A
    curriculum and its translations are counted once (the first live page of a translation key)."""
    seen: set = set()
    coverage: dict[int, dict[str, float]] = {}
    pages = (
        CurriculumPage.objects.live()
        .filter(state__isnull=False)
        .order_by("translation_key", "locale_id", "pk")
        .only("pk", "state_id", "translation_key", "modules")
    )
    for page in pages:
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        row = coverage.setdefault(
            page.state_id,
            {"modules": 0, "hours": 0.0, "gender_modules": 0, "gender_hours": 0.0, "hr_modules": 0, "hr_hours": 0.0},
        )
        # The raw block data: converting each module's value would fetch its topics, a query a module.
        for block in page.modules.raw_data:
            if block.get("type") != "module":
                continue
            value = block.get("value") or {}
            hours = float(value.get("hours") or 0)
            row["modules"] += 1
            row["hours"] += hours
            if value.get("gender_perspective"):
                row["gender_modules"] += 1
                row["gender_hours"] += hours
            if value.get("human_rights"):
                row["hr_modules"] += 1
                row["hr_hours"] += hours
    return coverage
