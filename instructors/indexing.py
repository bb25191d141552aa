"""What the exchange hands to search: verified instructor profiles, open offers and open requests.

Audience: every kind is ``law_enforcement``. Profiles name officials; offers and requests name
agencies, dates and operational training needs, so they are shown, like the marketplace itself,
to verified officials of any member state (decision 0042). A profile that is not verified, or an
offer or request that is no longer open, yields no document, so search removes it."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.api import Audience
from search.api import Provider, SearchDocument

from .models import ExchangeRequest, InstructorProfile, ListingStatus, Offer

LEVEL_ORDER = ["native", "C2", "C1", "B2", "B1", "A2", "A1"]


def _filter(qs, ids):
    return qs if ids is None else qs.filter(pk__in=list(ids))


def _topic_names(topics, language: str) -> list[str]:
    return [t.name_in(language) for t in topics]


def _url(obj, language: str) -> str:
    with translation.override(language):
        return obj.get_absolute_url()


def profile_documents(ids: Iterable[int] | None) -> Iterable[SearchDocument]:
    qs = _filter(
        InstructorProfile.objects.filter(verified_at__isnull=False)
        .select_related("user", "agency", "state")
        .prefetch_related("topics", "languages"),
        ids,
    )
    for profile in qs.iterator(chunk_size=200):
        languages = sorted(profile.languages.all(), key=lambda row: LEVEL_ORDER.index(row.level))
        language = languages[0].language if languages else "en"
        topics = list(profile.topics.all())
        disciplines = profile.disciplines
        yield SearchDocument(
            kind="instructor",
            object_id=profile.pk,
            title=profile.name,
            url=_url(profile, language),
            language=language,
            audience=Audience.LAW_ENFORCEMENT,
            state_id=profile.state_id,
            state_code=profile.state.code,
            subregion=profile.state.subregion,
            summary=f"{profile.agency.name} · {profile.state.name_in(language)}",
            body=profile.bio,
            discipline=disciplines[0] if disciplines else "",
            delivery=profile.formats[0] if len(profile.formats) == 1 else "",
            topics=_topic_names(topics, language),
            published_at=profile.verified_at,
            facts={
                "languages": [f"{row.language} {row.level}" for row in languages],
                "years_experience": profile.years_experience,
                "disciplines": disciplines,
                "formats": profile.formats,
            },
        )


def offer_documents(ids: Iterable[int] | None) -> Iterable[SearchDocument]:
    qs = _filter(
        Offer.objects.filter(status=ListingStatus.OPEN)
        .select_related("agency", "state", "instructor__user")
        .prefetch_related("topics"),
        ids,
    )
    for offer in qs.iterator(chunk_size=200):
        yield SearchDocument(
            kind="offer",
            object_id=offer.pk,
            title=offer.title,
            url=_url(offer, offer.language),
            language=offer.language,
            audience=offer.audience,
            state_id=offer.state_id,
            state_code=offer.state.code,
            subregion=offer.state.subregion,
            summary=f"{offer.agency.name} · {offer.target_audience}",
            body=f"{offer.description}\n{offer.cost_terms}".strip(),
            discipline=offer.discipline,
            level=offer.level,
            delivery=offer.format,
            hours=float(offer.hours),
            topics=_topic_names(offer.topics.all(), offer.language),
            published_at=offer.created_at,
            facts={
                "available_from": offer.available_from.isoformat(),
                "available_until": offer.available_until.isoformat(),
                "max_participants": offer.max_participants,
                "instructor": offer.instructor.name if offer.instructor else "",
                "cost_sharing": offer.cost_sharing,
            },
        )


def request_documents(ids: Iterable[int] | None) -> Iterable[SearchDocument]:
    qs = _filter(
        ExchangeRequest.objects.filter(status=ListingStatus.OPEN)
        .select_related("agency", "state")
        .prefetch_related("topics"),
        ids,
    )
    for request in qs.iterator(chunk_size=200):
        yield SearchDocument(
            kind="request",
            object_id=request.pk,
            title=request.title,
            url=_url(request, request.language),
            language=request.language,
            audience=request.audience,
            state_id=request.state_id,
            state_code=request.state.code,
            subregion=request.state.subregion,
            summary=f"{request.agency.name} · {request.participant_profile}",
            body=f"{request.description}\n{request.funding_notes}".strip(),
            discipline=request.discipline,
            level=request.level,
            delivery=request.format,
            topics=_topic_names(request.topics.all(), request.language),
            published_at=request.created_at,
            facts={
                "starts_on": request.starts_on.isoformat(),
                "ends_on": request.ends_on.isoformat(),
                "participants": request.participants,
                "funding": request.funding,
            },
        )


def providers() -> list[Provider]:
    return [
        Provider(kind="instructor", label=_("Instructor"), model=InstructorProfile, documents=profile_documents),
        Provider(kind="offer", label=_("Exchange offer"), model=Offer, documents=offer_documents),
        Provider(kind="request", label=_("Exchange request"), model=ExchangeRequest, documents=request_documents),
    ]
