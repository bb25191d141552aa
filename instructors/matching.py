"""Ranking for the marketplace: instructors and offers for a request, open requests for an offer.

Each candidate gets a score out of 100 made of named parts, and each part says why it scored
what it did. Candidates are loaded with a fixed number of queries (joins, prefetches and
aggregates) and scored in one pass in Python; ties are broken by topic points, then by id, so the
order is the same on every run and every database.

| part | max | rule |
|---|---|---|
| topics | 30 | share of the request's topics the candidate covers |
| discipline | 10 | the request's discipline is one of the candidate's |
| language | 20 | level in the request's language: native/C2 20, C1 17, B2 13, B1 7, A2 3, A1 1 |
| availability | 15 | share of the request's days inside the candidate's availability |
| format | 10 | same format 10; a blended request half-met by online or in person 5 |
| travel | 5 | online needs no travel; otherwise the host's subregion is one the candidate travels to |
| history | 10 | closed exchanges (2 each, up to 6) and their average rating (4.5+: 4, 4+: 3, 3+: 1) |
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext

from accounts.api import Subregion
from curricula.api import Delivery

from .models import ExchangeRequest, InstructorProfile, ListingStatus, Offer, Stage

WEIGHTS = {"topics": 30, "discipline": 10, "language": 20, "availability": 15, "format": 10, "travel": 5, "history": 10}
LEVEL_POINTS = {"native": 20, "C2": 20, "C1": 17, "B2": 13, "B1": 7, "A2": 3, "A1": 1}


@dataclass(frozen=True)
class Reason:
    key: str
    points: int
    maximum: int
    text: str


@dataclass(frozen=True)
class Need:
    """What a request asks for."""

    topic_ids: frozenset[int]
    topic_names: dict[int, str]
    discipline: str
    language: str
    format: str
    starts_on: datetime.date
    ends_on: datetime.date
    subregion: str
    state_id: int


@dataclass(frozen=True)
class Supply:
    """What an instructor or an offer brings."""

    topic_ids: frozenset[int]
    disciplines: frozenset[str]
    languages: dict[str, str]  # language -> level
    windows: tuple[tuple[datetime.date, datetime.date], ...]
    formats: frozenset[str]
    subregions: frozenset[str]  # where they will travel (empty: anywhere)
    closed_count: int = 0
    average_rating: float | None = None
    state_id: int | None = None


@dataclass
class Match:
    kind: str  # "instructor", "offer" or "request"
    obj: object
    score: int
    reasons: list[Reason] = field(default_factory=list)

    def points(self, key: str) -> int:
        return next((reason.points for reason in self.reasons if reason.key == key), 0)


def _covered_days(start: datetime.date, end: datetime.date, windows) -> int:
    days = set()
    for window_start, window_end in windows:
        first, last = max(start, window_start), min(end, window_end)
        if first <= last:
            days.update(first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
    return len(days)


def score(need: Need, supply: Supply, *, explain: bool = True) -> tuple[int, list[Reason]]:
    """The points and, when ``explain``, the sentences (skipped while ranking everyone; the top
    candidates are scored again with their sentences)."""
    _ = gettext if explain else _silent  # noqa: F811 (sentences only when explaining)
    reasons = []

    # Topics
    overlap = need.topic_ids & supply.topic_ids
    if need.topic_ids:
        points = WEIGHTS["topics"] * len(overlap) // len(need.topic_ids)
        names = ", ".join(sorted(need.topic_names.get(pk, "") for pk in overlap))
        text = _("Covers %(n)d of %(total)d topics requested%(names)s.") % {
            "n": len(overlap),
            "total": len(need.topic_ids),
            "names": f" ({names})" if names else "",
        }
    else:
        points, text = 0, _("The request names no topics.")
    reasons.append(Reason("topics", points, WEIGHTS["topics"], text))

    # Discipline
    if need.discipline in supply.disciplines:
        reasons.append(Reason("discipline", WEIGHTS["discipline"], WEIGHTS["discipline"], _("Same discipline.")))
    else:
        reasons.append(Reason("discipline", 0, WEIGHTS["discipline"], _("Another discipline.")))

    # Language
    level = supply.languages.get(need.language)
    if level:
        text = _("Works in the requested language (level %(level)s).") % {"level": level}
        reasons.append(Reason("language", LEVEL_POINTS.get(level, 0), WEIGHTS["language"], text))
    else:
        reasons.append(Reason("language", 0, WEIGHTS["language"], _("Does not work in the requested language.")))

    # Availability
    total_days = (need.ends_on - need.starts_on).days + 1
    covered = _covered_days(need.starts_on, need.ends_on, supply.windows)
    points = WEIGHTS["availability"] * covered // total_days
    text = _("Available on %(covered)d of the %(total)d days requested.") % {"covered": covered, "total": total_days}
    reasons.append(Reason("availability", points, WEIGHTS["availability"], text))

    # Format
    if need.format in supply.formats:
        points, text = WEIGHTS["format"], _("Delivers in the requested format.")
    elif need.format == Delivery.BLENDED and supply.formats & {Delivery.ONLINE, Delivery.IN_PERSON}:
        points, text = WEIGHTS["format"] // 2, _("Covers part of a blended format.")
    else:
        points, text = 0, _("Does not deliver in the requested format.")
    reasons.append(Reason("format", points, WEIGHTS["format"], text))

    # Travel
    if need.format == Delivery.ONLINE:
        points, text = WEIGHTS["travel"], _("Online: no travel needed.")
    elif not supply.subregions or need.subregion in supply.subregions:
        points = WEIGHTS["travel"]
        text = _("Will travel to %(subregion)s.") % {"subregion": Subregion(need.subregion).label}
    else:
        points = 0
        text = _("Does not travel to %(subregion)s.") % {"subregion": Subregion(need.subregion).label}
    reasons.append(Reason("travel", points, WEIGHTS["travel"], text))

    # Past exchanges
    points = min(supply.closed_count, 3) * 2
    rating = supply.average_rating
    if rating is not None:
        points += 4 if rating >= 4.5 else 3 if rating >= 4 else 1 if rating >= 3 else 0
    if supply.closed_count:
        text = _("%(count)d past exchanges, rated %(rating)s of 5 on average.") % {
            "count": supply.closed_count,
            "rating": f"{rating:.1f}" if rating is not None else "–",
        }
    else:
        text = _("No past exchanges yet.")
    reasons.append(Reason("history", points, WEIGHTS["history"], text))

    return sum(reason.points for reason in reasons), reasons


def _silent(text: str) -> str:
    return ""


def _rank(kind: str, need_of, supply_of, candidates, limit: int) -> list[Match]:
    """Score every candidate without sentences, keep the best ``limit``, explain those."""
    scored = []
    for candidate in candidates:
        total, reasons = score(need_of(candidate), supply_of(candidate), explain=False)
        scored.append(Match(kind, candidate, total, reasons))
    top = _sort(scored)[:limit]
    for match in top:
        match.score, match.reasons = score(need_of(match.obj), supply_of(match.obj))
    return top


def _sort(matches: list[Match]) -> list[Match]:
    kind_order = {"instructor": 0, "offer": 1, "request": 2}
    return sorted(matches, key=lambda m: (-m.score, -m.points("topics"), kind_order[m.kind], m.obj.pk))


def need_for(request: ExchangeRequest) -> Need:
    topics = list(request.topics.all())
    return Need(
        topic_ids=frozenset(t.pk for t in topics),
        topic_names={t.pk: t.name for t in topics},
        discipline=request.discipline,
        language=request.language,
        format=request.format,
        starts_on=request.starts_on,
        ends_on=request.ends_on,
        subregion=request.state.subregion,
        state_id=request.state_id,
    )


def _history(queryset, prefix: str):
    closed = Q(**{f"{prefix}stage": Stage.CLOSED})
    return queryset.annotate(
        closed_count=Count(f"{prefix}pk", filter=closed, distinct=True),
        average_rating=Avg(f"{prefix}host_report__instructor_rating", filter=closed),
    )


def _with_facts(profiles) -> list[InstructorProfile]:
    """Attach topic ids, languages and windows as plain values: three flat queries, no model
    instances per row (a ranking reads thousands of them)."""
    from collections import defaultdict

    from .models import AvailabilityWindow, InstructorLanguage

    profiles = list(profiles)
    ids = [profile.pk for profile in profiles]
    topics, languages, windows = defaultdict(set), defaultdict(dict), defaultdict(list)
    through = InstructorProfile.topics.through
    for profile_id, topic_id in through.objects.filter(instructorprofile_id__in=ids).values_list(
        "instructorprofile_id", "topic_id"
    ):
        topics[profile_id].add(topic_id)
    for profile_id, language, level in InstructorLanguage.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "language", "level"
    ):
        languages[profile_id][language] = level
    for profile_id, starts_on, ends_on in AvailabilityWindow.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "starts_on", "ends_on"
    ):
        windows[profile_id].append((starts_on, ends_on))
    for profile in profiles:
        profile.match_topics = frozenset(topics[profile.pk])
        profile.match_languages = languages[profile.pk]
        profile.match_windows = tuple(windows[profile.pk])
    return profiles


def _with_offer_topics(offers) -> list[Offer]:
    from collections import defaultdict

    offers = list(offers)
    topics = defaultdict(set)
    for offer_id, topic_id in Offer.topics.through.objects.filter(offer_id__in=[o.pk for o in offers]).values_list(
        "offer_id", "topic_id"
    ):
        topics[offer_id].add(topic_id)
    for offer in offers:
        offer.match_topics = frozenset(topics[offer.pk])
    return offers


def _instructor_supply(profile: InstructorProfile) -> Supply:
    return Supply(
        topic_ids=profile.match_topics,
        disciplines=frozenset(profile.disciplines),
        languages=profile.match_languages,
        windows=profile.match_windows,
        formats=frozenset(profile.formats),
        subregions=frozenset(profile.travel_subregions),
        closed_count=profile.closed_count,
        average_rating=profile.average_rating,
        state_id=profile.state_id,
    )


def _offer_supply(offer: Offer) -> Supply:
    return Supply(
        topic_ids=offer.match_topics if hasattr(offer, "match_topics") else frozenset(t.pk for t in offer.topics.all()),
        disciplines=frozenset({offer.discipline}),
        languages={offer.language: "native"},
        windows=((offer.available_from, offer.available_until),),
        formats=frozenset({offer.format}),
        subregions=frozenset(offer.subregions),
        closed_count=offer.closed_count,
        average_rating=offer.average_rating,
        state_id=offer.state_id,
    )


def instructors_for_request(request: ExchangeRequest, *, limit: int = 20) -> list[Match]:
    need = need_for(request)
    # Only what scoring reads; the shown candidates are loaded whole afterwards, in one query.
    profiles = _history(
        InstructorProfile.objects.filter(verified_at__isnull=False, accepting=True)
        .exclude(state_id=request.state_id)
        .only("pk", "state_id", "disciplines", "formats", "travel_subregions"),
        "agreements__",
    )
    top = _rank("instructor", lambda _profile: need, _instructor_supply, _with_facts(profiles), limit)
    whole = InstructorProfile.objects.select_related("user", "agency", "state").in_bulk([m.obj.pk for m in top])
    for match in top:
        whole[match.obj.pk].closed_count = match.obj.closed_count
        whole[match.obj.pk].average_rating = match.obj.average_rating
        match.obj = whole[match.obj.pk]
    return top


def offers_for_request(request: ExchangeRequest, *, limit: int = 20) -> list[Match]:
    need = need_for(request)
    offers = _history(
        Offer.objects.filter(status=ListingStatus.OPEN)
        .exclude(state_id=request.state_id)
        .select_related("agency", "state", "instructor__user"),
        "agreements__",
    )
    return _rank("offer", lambda _offer: need, _offer_supply, _with_offer_topics(offers), limit)


def requests_for_offer(offer: Offer, *, limit: int = 20) -> list[Match]:
    """Open requests of other states, scored as if each asked this offer."""
    offer = _history(Offer.objects.filter(pk=offer.pk).prefetch_related("topics"), "agreements__").get()
    supply = _offer_supply(offer)
    requests = (
        ExchangeRequest.objects.filter(status=ListingStatus.OPEN)
        .exclude(state_id=offer.state_id)
        .select_related("agency", "state")
        .prefetch_related("topics")
    )
    needs = {request.pk: need_for(request) for request in requests}
    return _rank("request", lambda request: needs[request.pk], lambda _request: supply, list(requests), limit)
