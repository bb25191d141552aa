"""Read-only figures of distance courses for monitoring (written by monitoring's owner; see
docs/decisions/0061-fact-table.md). Aggregated in the database; no personal data leaves here.

Each function returns rows ``{"measure", "state_id", "quarter", "discipline", "level",
"agency_kind", "gender", "value"}`` where ``quarter`` is the first day of a UTC quarter."""

import datetime

from django.db.models import Count, Min, Sum
from django.db.models.functions import Coalesce, TruncQuarter

from lms.periods import quarter_of

from .models import CoursePage, Enrolment, EnrolmentStatus


def completion_facts() -> list[dict]:
    """Completed enrolments, for the learner's state (the state that verified them, else the state on
    their profile), by the course's discipline and level, the learner's agency kind and gender, in
    the UTC quarter of completion; with the course's estimated hours summed alongside. Learners
    with no state on their profile cannot be attributed to a state and are not counted."""
    rows = (
        Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED, completed_at__isnull=False)
        .annotate(
            st=Coalesce("user__profile__verified_state_id", "user__profile__member_state_id"),
            q=TruncQuarter("completed_at", tzinfo=datetime.UTC),
        )
        .filter(st__isnull=False)
        .values(
            "st", "q", "course__discipline", "course__level", "user__profile__agency__kind", "user__profile__gender"
        )
        .annotate(n=Count("id"), hours=Sum("course__estimated_hours"))
        .order_by()
    )
    facts = []
    for r in rows:
        common = {
            "state_id": r["st"],
            "quarter": quarter_of(r["q"]),
            "discipline": r["course__discipline"] or "",
            "level": r["course__level"] or "",
            "agency_kind": r["user__profile__agency__kind"] or "",
            "gender": r["user__profile__gender"] or "",
        }
        facts.append({"measure": "completions", "value": r["n"], **common})
        facts.append({"measure": "completion_hours", "value": float(r["hours"] or 0), **common})
    return facts


def course_publication_facts() -> list[dict]:
    """Courses published, per provider state, counted once across their translations, in the quarter
    the first translation was first published; by discipline, level and provider agency kind."""
    per_course = (
        CoursePage.objects.filter(live=True, first_published_at__isnull=False)
        .values("translation_key", "state_id", "discipline", "level", "agency__kind")
        .annotate(first=Min("first_published_at"))
        .order_by()
    )
    totals: dict[tuple, int] = {}
    seen: set = set()
    for row in per_course:
        if row["translation_key"] in seen:
            continue
        seen.add(row["translation_key"])
        key = (row["state_id"], quarter_of(row["first"]), row["discipline"], row["level"], row["agency__kind"] or "")
        totals[key] = totals.get(key, 0) + 1
    return [
        {
            "measure": "courses_published",
            "state_id": state_id,
            "quarter": quarter,
            "discipline": discipline,
            "level": level,
            "agency_kind": agency_kind,
            "gender": "",
            "value": value,
        }
        for (state_id, quarter, discipline, level, agency_kind), value in totals.items()
    ]
