"""Factories for the exchange: verified instructors, requests, offers and agreements at any stage."""

import datetime

import factory
from django.utils import timezone

from accounts.models import Agency
from curricula.models import Topic
from instructors.models import (
    Agreement,
    AgreementEvent,
    AvailabilityWindow,
    ExchangeRequest,
    InstructorLanguage,
    InstructorProfile,
    Offer,
    Stage,
)
from tests.accounts.factories import AgencyFactory, UserFactory, official


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"exchange-topic-{n}")
    name_en = factory.Sequence(lambda n: f"Exchange topic {n}")
    discipline = "police"


def instructor(
    agency: Agency,
    *,
    verified: bool = True,
    topics=(),
    languages=None,
    windows=(),
    formats=("in_person", "online"),
    travel=("south_america", "central_america", "caribbean", "north_america"),
    disciplines=("police",),
    years: int = 5,
    **user_kwargs,
) -> InstructorProfile:
    user = official(agency=agency, **user_kwargs)
    profile = InstructorProfile.objects.create(
        user=user,
        agency=agency,
        state=agency.state,
        disciplines=list(disciplines),
        formats=list(formats),
        travel_subregions=list(travel),
        years_experience=years,
        verified_at=timezone.now() if verified else None,
    )
    profile.topics.set(topics)
    for code, level in (languages or {"es": "native"}).items():
        InstructorLanguage.objects.create(profile=profile, language=code, level=level)
    for start, end in windows:
        AvailabilityWindow.objects.create(profile=profile, starts_on=start, ends_on=end)
    return profile


class ExchangeRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRequest
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    state = factory.LazyAttribute(lambda o: o.agency.state)
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Request {n}")
    description = "We need training."
    discipline = "police"
    language = "es"
    format = "in_person"
    starts_on = datetime.date(2027, 3, 1)
    ends_on = datetime.date(2027, 3, 5)
    participants = 20
    participant_profile = "Investigators"
    funding = "host_funded"

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    state = factory.LazyAttribute(lambda o: o.agency.state)
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Offer {n}")
    description = "We can deliver."
    language = "es"
    discipline = "police"
    format = "in_person"
    duration_days = 5
    hours = 30
    available_from = datetime.date(2027, 1, 1)
    available_until = datetime.date(2027, 6, 30)
    target_audience = "Investigators"
    max_participants = 25
    cost_sharing = "host_pays"

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


ORDER = [
    Stage.PROPOSED,
    Stage.HOME_AGENCY_APPROVED,
    Stage.HOME_STATE_APPROVED,
    Stage.HOST_STATE_APPROVED,
    Stage.SCHEDULED,
    Stage.DELIVERED,
    Stage.REPORTED,
    Stage.CLOSED,
]


def agreement(*, profile: InstructorProfile, host_agency: Agency, proposed_by, stage: str = Stage.PROPOSED, **fields):
    """An agreement put directly at ``stage`` (tests of a step start from the stage before it)."""
    values = {
        "instructor": profile,
        "home_agency": profile.agency,
        "home_state": profile.state,
        "host_agency": host_agency,
        "host_state": host_agency.state,
        "proposed_by": proposed_by,
        "title": "Crime scene investigation",
        "terms": "Five days of training.",
        "language": "es",
        "discipline": "police",
        "format": "in_person",
        "planned_start": datetime.date(2027, 3, 1),
        "planned_end": datetime.date(2027, 3, 5),
        "participants_expected": 20,
        "hours": 30,
        "cost_sharing": "host_pays",
        "stage": stage,
    }
    if stage in ORDER and ORDER.index(stage) >= ORDER.index(Stage.SCHEDULED):
        values.update(
            start_date=datetime.date(2027, 3, 1),
            end_date=datetime.date(2027, 3, 5),
            daily_start=datetime.time(9, 0),
            daily_end=datetime.time(17, 0),
            time_zone="America/Bogota",
            location="Academia de Policía, Bogotá",
        )
    values.update(fields)
    result = Agreement.objects.create(**values)
    AgreementEvent.objects.create(agreement=result, action="propose", to_stage=Stage.PROPOSED, actor=proposed_by)
    return result
