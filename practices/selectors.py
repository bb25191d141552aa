"""Reads of the good-practice library: the listing within the reader's tier, one practice with what
readers made of it, the queues of coordinators and secretariat, and the figures monitoring counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from courses.api import visible_courses
from curricula.api import Discipline, Topic, visible_curricula
from lms import measures as plan_measures
from lms.languages import language_name

from . import access
from .models import Adoption, Comment, LinkKind, Practice, PracticeLink, Rating, Status


@dataclass
class PracticeFilters:
    discipline: str = ""
    measure: str = ""
    topic: str = ""
    state: str = ""
    language: str = ""
    gender_perspective: bool = False
    human_rights: bool = False

    @classmethod
    def from_query(cls, query) -> PracticeFilters:
        """Unknown values are ignored: a filter link from an old page still lists."""

        def value(name: str) -> str:
            return (query.get(name) or "").strip()[:40]

        discipline = value("discipline")
        language = value("language")
        state = value("state").upper()
        return cls(
            discipline=discipline if discipline in Discipline.values else "",
            measure=value("measure"),
            topic=value("topic"),
            state=state if len(state) == 2 and state.isalpha() else "",
            language=language if language in settings.LANGUAGE_CODES else "",
            gender_perspective=value("gender") == "1",
            human_rights=value("rights") == "1",
        )


def _with_figures(qs):
    ratings = Rating.objects.filter(practice=OuterRef("pk")).values("practice")
    adoptions = Adoption.objects.filter(practice=OuterRef("pk")).values("practice")
    return qs.annotate(
        rating_average=Subquery(ratings.annotate(a=Avg("stars")).values("a")[:1]),
        rating_count=Coalesce(
            Subquery(ratings.annotate(c=Count("pk")).values("c")[:1], output_field=IntegerField()), Value(0)
        ),
        adoption_count=Coalesce(
            Subquery(adoptions.annotate(c=Count("pk")).values("c")[:1], output_field=IntegerField()), Value(0)
        ),
    )


def published_practices(*, user, filters: PracticeFilters | None = None, limit: int = 200) -> list[Practice]:
    """Published practices this reader may see, newest first, with their tags and figures. A fixed
    number of queries, whatever the number of practices."""
    filters = filters or PracticeFilters()
    qs = Practice.objects.filter(access.published_q(user)).select_related("state", "agency")
    if filters.discipline:
        qs = qs.filter(discipline=filters.discipline)
    if filters.measure:
        qs = qs.filter(measures__code=filters.measure)
    if filters.topic:
        qs = qs.filter(topics__slug=filters.topic)
    if filters.state:
        qs = qs.filter(state__code=filters.state)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.gender_perspective:
        qs = qs.filter(gender_perspective=True)
    if filters.human_rights:
        qs = qs.filter(human_rights=True)
    qs = _with_figures(qs.distinct()).prefetch_related("topics", "measures")
    practices = list(qs.order_by("-published_at", "-pk")[:limit])
    _label_measures(practices)
    return practices


def _label_measures(practices) -> None:
    codes = {m.code for p in practices for m in p.measures.all()}
    names = plan_measures.labels(codes)
    for practice in practices:
        practice.measure_labels = [(m.code, names.get(m.code, "")) for m in practice.measures.all()]


def filter_choices() -> dict:
    from accounts.api import member_states

    states = member_states(ids=Practice.objects.filter(status=Status.PUBLISHED).values("state_id"))
    return {
        "disciplines": Discipline.choices,
        "measures": plan_measures.choices(),
        "topics": list(Topic.objects.all()),
        "states": sorted(states, key=lambda s: s.name),
        "languages": [(code, language_name(code)) for code in settings.LANGUAGE_CODES],
    }


@dataclass
class PracticeDetail:
    practice: Practice
    measures: list[tuple[str, str]]
    topics: list
    links: list[PracticeLink]
    comments: list[Comment]
    adoptions: list[Adoption]
    adoption_count: int
    rating_average: float | None
    rating_count: int
    my_rating: int | None
    my_agency_adopted: bool


def practice_detail(*, user, practice: Practice) -> PracticeDetail:
    """Everything the practice page shows this reader. Links to curricula and courses are only
    those the reader may see."""
    page_ids = list(practice.links.values_list("page_id", flat=True))
    seen = set(visible_curricula(user).filter(pk__in=page_ids).values_list("pk", flat=True)) | set(
        visible_courses(user).filter(pk__in=page_ids).values_list("pk", flat=True)
    )
    links = [
        link for link in practice.links.select_related("page").order_by("kind", "page__title") if link.page_id in seen
    ]
    figures = Rating.objects.filter(practice=practice).aggregate(average=Avg("stars"), count=Count("pk"))
    adoptions = list(practice.adoptions.select_related("agency", "state"))
    my_rating = None
    my_agency_adopted = False
    if user.is_authenticated:
        my_rating = Rating.objects.filter(practice=practice, user=user).values_list("stars", flat=True).first()
        from .services import adopting_agency

        agency = adopting_agency(user)
        my_agency_adopted = agency is not None and any(a.agency_id == agency.pk for a in adoptions)
    codes = list(practice.measures.values_list("code", flat=True))
    names = plan_measures.labels(codes)
    return PracticeDetail(
        practice=practice,
        measures=[(code, names.get(code, "")) for code in codes],
        topics=list(practice.topics.all()),
        links=links,
        comments=list(practice.comments.select_related("author", "author__profile")),
        adoptions=adoptions if access.can_see_adopters(user, practice) else [],
        adoption_count=len(adoptions),
        rating_average=figures["average"],
        rating_count=figures["count"],
        my_rating=my_rating,
        my_agency_adopted=my_agency_adopted,
    )


def my_practices(*, user) -> list[Practice]:
    """The practices this user submitted, at every step."""
    if not user.is_authenticated:
        return []
    return list(
        _with_figures(Practice.objects.filter(submitted_by=user).select_related("state")).order_by("-created_at")
    )


def awaiting(*, user) -> list[Practice]:
    """What awaits this user's review or publication (never their own submissions)."""
    if not user.is_authenticated:
        return []
    return list(
        Practice.objects.filter(access.queue_q(user))
        .select_related("state", "agency", "submitted_by")
        .order_by("created_at")
    )


def state_practices(*, user) -> list[Practice]:
    """The published practices of the states this user coordinates, with their adoptions counted:
    what the submitting state sees of its practices' use."""
    states = sorted(access.coordinated_state_ids(user))
    if not states:
        return []
    qs = Practice.objects.filter(status=Status.PUBLISHED, state_id__in=states).select_related("state")
    return list(_with_figures(qs).order_by("-published_at", "-pk"))


def link_choices(*, user) -> dict[str, list[tuple[int, str]]]:
    """The curricula and courses this user may link a practice to."""
    from courses.api import course_catalogue
    from curricula.api import curricula_listing

    return {
        LinkKind.CURRICULUM: [(item.page.pk, item.page.title) for item in curricula_listing(user=user)],
        LinkKind.COURSE: [(course.pk, course.title) for course in course_catalogue(user=user)],
    }


# --- For monitoring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AdoptionCounts:
    """For one member state: its published practices, the adoptions of them by agencies (of any
    state, its own included) and by agencies of other states, and the adoptions its own agencies made."""

    state_id: int
    published: int = 0
    adoptions_received: int = 0
    adoptions_from_other_states: int = 0
    adoptions_made: int = 0


def adoption_counts(*, state_ids=None) -> dict[int, AdoptionCounts]:
    """Counts per member state (those given, or every state with a figure). Three queries. Only
    published practices count: an adoption stays recorded if a practice is withdrawn, but is not
    counted while it is."""
    published = Practice.objects.filter(status=Status.PUBLISHED)
    adoptions = Adoption.objects.filter(practice__status=Status.PUBLISHED)
    received, made = adoptions, adoptions
    if state_ids is not None:
        state_ids = sorted({int(pk) for pk in state_ids})
        published = published.filter(state_id__in=state_ids)
        received = adoptions.filter(practice__state_id__in=state_ids)
        made = adoptions.filter(state_id__in=state_ids)
    rows: dict[int, dict] = {pk: {} for pk in state_ids or []}
    for state_id, count in published.values_list("state_id").annotate(n=Count("pk")).order_by():
        rows.setdefault(state_id, {})["published"] = count
    for state_id, total, others in (
        received.values_list("practice__state_id")
        .annotate(n=Count("pk"), o=Count("pk", filter=~Q(state_id=F("practice__state_id"))))
        .order_by()
    ):
        rows.setdefault(state_id, {}).update(adoptions_received=total, adoptions_from_other_states=others)
    for state_id, count in made.values_list("state_id").annotate(n=Count("pk")).order_by():
        rows.setdefault(state_id, {})["adoptions_made"] = count
    return {state_id: AdoptionCounts(state_id=state_id, **values) for state_id, values in rows.items()}
