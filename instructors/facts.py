"""Read-only figures of the instructor exchange for monitoring (written by monitoring's owner; see
docs/decisions/0061-fact-table.md). Aggregated in the database; no personal data leaves here.

Each function returns rows ``{"measure", "state_id", "quarter", "discipline", "level",
"agency_kind", "gender", "value"}`` where ``quarter`` is the first day of a UTC quarter.

An exchange counts once it has been delivered (stages delivered, reported, closed), in the quarter of
its last day (the scheduled last day, else the planned end)."""

import datetime

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, TruncQuarter

from lms.periods import quarter_of

from .models import Agreement, InstructorProfile, ParticipantCount, Stage

DELIVERED = (Stage.DELIVERED, Stage.REPORTED, Stage.CLOSED)


def _row(measure, state_id, quarter, discipline, level, agency_kind, gender, value) -> dict:
    return {
        "measure": measure,
        "state_id": state_id,
        "quarter": quarter_of(quarter),
        "discipline": discipline or "",
        "level": level or "",
        "agency_kind": agency_kind or "",
        "gender": gender or "",
        "value": value,
    }


def exchange_participant_facts() -> list[dict]:
    """Participants reported by the host, for the host state, by gender; and their hours of training
    (participants times the hours the instructor reported delivering, else the agreed hours)."""
    rows = (
        ParticipantCount.objects.filter(agreement__stage__in=DELIVERED, count__gt=0)
        .annotate(
            q=TruncQuarter(Coalesce("agreement__end_date", "agreement__planned_end")),
            lvl=Coalesce("agreement__request__level", "agreement__offer__level"),
        )
        .values(
            "agreement__host_state_id", "q", "agreement__discipline", "lvl", "agreement__host_agency__kind", "gender"
        )
        .annotate(
            n=Sum("count"),
            hours=Sum(F("count") * Coalesce("agreement__instructor_report__hours_delivered", "agreement__hours")),
        )
        .order_by()
    )
    facts = []
    for r in rows:
        key = (
            r["agreement__host_state_id"],
            r["q"],
            r["agreement__discipline"],
            r["lvl"],
            r["agreement__host_agency__kind"],
            r["gender"],
        )
        facts.append(_row("exchange_participants", *key, r["n"]))
        facts.append(_row("exchange_hours", *key, r["hours"] or 0))
    return facts


def exchange_facts() -> list[dict]:
    """Delivered exchanges: sent by the instructor's home state, hosted by the host state; by the
    instructor's gender and the agency kind on that side."""
    base = (
        Agreement.objects.filter(stage__in=DELIVERED)
        .annotate(
            q=TruncQuarter(Coalesce("end_date", "planned_end")),
            lvl=Coalesce("request__level", "offer__level"),
            g=F("instructor__user__profile__gender"),
        )
        .order_by()
    )
    facts = []
    sent = base.values("home_state_id", "q", "discipline", "lvl", "home_agency__kind", "g").annotate(n=Count("id"))
    for r in sent:
        facts.append(
            _row(
                "exchanges_sent",
                r["home_state_id"],
                r["q"],
                r["discipline"],
                r["lvl"],
                r["home_agency__kind"],
                r["g"],
                r["n"],
            )
        )
    hosted = base.values("host_state_id", "q", "discipline", "lvl", "host_agency__kind", "g").annotate(n=Count("id"))
    for r in hosted:
        facts.append(
            _row(
                "exchanges_hosted",
                r["host_state_id"],
                r["q"],
                r["discipline"],
                r["lvl"],
                r["host_agency__kind"],
                r["g"],
                r["n"],
            )
        )
    return facts


def instructor_facts() -> list[dict]:
    """Verified instructor profiles, in the quarter they were verified (monitoring shows the running
    total), under their first-listed discipline so that a breakdown adds up to the total."""
    rows = (
        InstructorProfile.objects.filter(verified_at__isnull=False)
        .annotate(q=TruncQuarter("verified_at", tzinfo=datetime.UTC), g=F("user__profile__gender"))
        .values_list("state_id", "q", "disciplines", "agency__kind", "g")
        .order_by()
    )
    totals: dict[tuple, int] = {}
    for state_id, q, disciplines, agency_kind, gender in rows.iterator(chunk_size=2000):
        main = disciplines[0] if isinstance(disciplines, list) and disciplines else ""
        key = (state_id, quarter_of(q), main, agency_kind, gender)
        totals[key] = totals.get(key, 0) + 1
    return [
        _row("instructors", state_id, q, discipline, "", agency_kind, gender, value)
        for (state_id, q, discipline, agency_kind, gender), value in totals.items()
    ]
