"""The instructor exchange: profiles, offers, requests and agreements with two-state approval.

Lists of taxonomy values (disciplines, formats, subregions) are JSON lists validated against the
shared choices, so that the same code runs on SQLite (``make run``) and PostgreSQL."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneField

from accounts.api import Agency, Audience, Gender, MemberState, Subregion
from curricula.api import Delivery, Discipline, Level, Topic
from lms.files import private_storage

LANGUAGE_CHOICES = settings.LANGUAGES


def _validate_list(value, choices, label) -> None:
    if not isinstance(value, list) or any(item not in choices for item in value):
        raise ValidationError(_("Choose %(label)s from the list.") % {"label": label})


def validate_disciplines(value) -> None:
    _validate_list(value, Discipline.values, _("disciplines"))


def validate_formats(value) -> None:
    _validate_list(value, Delivery.values, _("formats"))


def validate_subregions(value) -> None:
    _validate_list(value, Subregion.values, _("subregions"))


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone name such as America/Bogota.") % {"value": value})


class LanguageLevel(models.TextChoices):
    """Levels of the Common European Framework of Reference, plus native or bilingual."""

    A1 = "A1", _("A1 – beginner")
    A2 = "A2", _("A2 – elementary")
    B1 = "B1", _("B1 – intermediate")
    B2 = "B2", _("B2 – upper intermediate")
    C1 = "C1", _("C1 – advanced")
    C2 = "C2", _("C2 – proficient")
    NATIVE = "native", _("Native or bilingual")


class InstructorProfile(models.Model):
    """An instructor's expertise profile, verified by the home agency's manager or the state's coordinator."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instructor_profile", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="instructors", verbose_name=_("home agency")
    )
    state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="instructors", verbose_name=_("home state")
    )
    disciplines = models.JSONField(_("disciplines"), default=list, validators=[validate_disciplines])
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("specialities"))
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience as an instructor"), default=0, validators=[MaxValueValidator(60)]
    )
    formats = models.JSONField(_("formats"), default=list, validators=[validate_formats])
    travel_subregions = models.JSONField(
        _("subregions I will travel to"), default=list, blank=True, validators=[validate_subregions]
    )
    pages_taught = models.ManyToManyField(
        "wagtailcore.Page", blank=True, related_name="+", verbose_name=_("curricula and courses taught")
    )
    bio = models.TextField(_("short biography"), max_length=2000, blank=True)
    accepting = models.BooleanField(_("open to exchanges"), default=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    audience = Audience.LAW_ENFORCEMENT  # profiles are for verified officials only

    class Meta:
        ordering = ["state__name_en", "user__last_name", "pk"]
        verbose_name = _("instructor profile")
        verbose_name_plural = _("instructor profiles")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("instructors:profile", args=[self.pk])

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def discipline_labels(self) -> list[str]:
        return [str(Discipline(value).label) for value in self.disciplines if value in Discipline.values]

    @property
    def format_labels(self) -> list[str]:
        return [str(Delivery(value).label) for value in self.formats if value in Delivery.values]

    @property
    def subregion_labels(self) -> list[str]:
        return [str(Subregion(value).label) for value in self.travel_subregions if value in Subregion.values]

    def clean(self) -> None:
        if self.agency_id and self.state_id and self.agency.state_id != self.state_id:
            raise ValidationError({"agency": _("This agency belongs to another member state.")})


class InstructorLanguage(models.Model):
    profile = models.ForeignKey(InstructorProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    level = models.CharField(_("level"), max_length=6, choices=LanguageLevel.choices)

    class Meta:
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["profile", "language"], name="instructor_language_once")]

    def __str__(self) -> str:
        return f"{self.get_language_display()} {self.level}"


class AvailabilityWindow(models.Model):
    profile = models.ForeignKey(InstructorProfile, on_delete=models.CASCADE, related_name="windows")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="window_ends_after")
        ]

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date must not be before the start date.")})


def certification_path(instance, filename: str) -> str:
    # Files live outside any public listing and are served only by the view that checks access.
    return f"instructors/certifications/{instance.profile_id}/{filename}"


class Certification(models.Model):
    profile = models.ForeignKey(InstructorProfile, on_delete=models.CASCADE, related_name="certifications")
    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=certification_path, storage=private_storage, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_on", "pk"]

    def __str__(self) -> str:
        return self.title


class CostSharing(models.TextChoices):
    HOST_PAYS = "host_pays", _("The host pays travel and stay")
    SPLIT_TRAVEL_STAY = "split", _("Home pays travel, host pays stay")
    HOME_PAYS = "home_pays", _("The home agency pays everything")
    EXTERNAL = "external", _("External funding (donor or programme)")
    NO_COST = "no_cost", _("No cost (virtual delivery)")
    TO_AGREE = "to_agree", _("To be agreed")


class Funding(models.TextChoices):
    HOST_FUNDED = "host_funded", _("Funded by the host agency")
    SHARED = "shared", _("Costs shared with the home agency")
    SEEKING = "seeking", _("Seeking funding")
    EXTERNAL = "external", _("External funding secured")


class ListingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


class Offer(models.Model):
    """What an instructor (or their agency) can deliver abroad."""

    instructor = models.ForeignKey(
        InstructorProfile,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("instructor"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="exchange_offers", verbose_name=_("agency")
    )
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("member state"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what can be delivered"), max_length=5000)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.INTERMEDIATE)
    format = models.CharField(_("format"), max_length=20, choices=Delivery.choices)
    duration_days = models.PositiveSmallIntegerField(
        _("duration in days"), validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    hours = models.PositiveSmallIntegerField(
        _("teaching hours"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(_("available until"))
    target_audience = models.CharField(_("for whom"), max_length=300)
    max_participants = models.PositiveSmallIntegerField(
        _("maximum participants"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    subregions = models.JSONField(
        _("subregions it can be delivered in"), default=list, blank=True, validators=[validate_subregions]
    )
    cost_sharing = models.CharField(_("cost sharing"), max_length=20, choices=CostSharing.choices)
    cost_terms = models.TextField(_("cost-sharing terms"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.OPEN)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.LAW_ENFORCEMENT
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exchange offer")
        verbose_name_plural = _("exchange offers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(available_until__gte=models.F("available_from")), name="offer_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("instructors:offer", args=[self.pk])

    def clean(self) -> None:
        if self.available_from and self.available_until and self.available_until < self.available_from:
            raise ValidationError({"available_until": _("The end date must not be before the start date.")})
        if self.agency_id and self.state_id and self.agency.state_id != self.state_id:
            raise ValidationError({"agency": _("This agency belongs to another member state.")})
        if self.instructor_id and self.agency_id and self.instructor.agency_id != self.agency_id:
            raise ValidationError({"instructor": _("The instructor belongs to another agency.")})


class ExchangeRequest(models.Model):
    """A host agency's need for an instructor."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="exchange_requests", verbose_name=_("host agency")
    )
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("host state"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what is needed"), max_length=5000)
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.INTERMEDIATE)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    format = models.CharField(_("format"), max_length=20, choices=Delivery.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    participants = models.PositiveSmallIntegerField(
        _("number of participants"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    participant_profile = models.CharField(_("who the participants are"), max_length=300)
    funding = models.CharField(_("funding"), max_length=20, choices=Funding.choices)
    funding_notes = models.TextField(_("funding details"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.OPEN)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.LAW_ENFORCEMENT
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exchange request")
        verbose_name_plural = _("exchange requests")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="request_dates_ordered")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("instructors:request", args=[self.pk])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date must not be before the start date.")})
        if self.agency_id and self.state_id and self.agency.state_id != self.state_id:
            raise ValidationError({"agency": _("This agency belongs to another member state.")})


class Stage(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    HOME_AGENCY_APPROVED = "home_agency_approved", _("Approved by the home agency")
    HOME_STATE_APPROVED = "home_state_approved", _("Approved by the home state's coordinator")
    HOST_STATE_APPROVED = "host_state_approved", _("Approved by the host state's coordinator")
    SCHEDULED = "scheduled", _("Scheduled")
    DELIVERED = "delivered", _("Delivered")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled")


FINAL_STAGES = (Stage.CLOSED, Stage.DECLINED, Stage.WITHDRAWN, Stage.CANCELLED)

# The stages an agreement passes through when nothing stops it, in order (the exits are the rest).
LIFE_CYCLE = (
    Stage.PROPOSED,
    Stage.HOME_AGENCY_APPROVED,
    Stage.HOME_STATE_APPROVED,
    Stage.HOST_STATE_APPROVED,
    Stage.SCHEDULED,
    Stage.DELIVERED,
    Stage.REPORTED,
    Stage.CLOSED,
)


class Agreement(models.Model):
    """An exchange of one instructor from a home agency to a host agency, and its life cycle."""

    request = models.ForeignKey(
        ExchangeRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements"
    )
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements")
    instructor = models.ForeignKey(
        InstructorProfile, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("instructor")
    )
    home_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("home agency"))
    home_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("home state")
    )
    host_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("host agency"))
    host_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("host state")
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    title = models.CharField(_("title"), max_length=200)
    terms = models.TextField(_("terms"), max_length=5000)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    format = models.CharField(_("format"), max_length=20, choices=Delivery.choices)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    participants_expected = models.PositiveSmallIntegerField(
        _("participants expected"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    hours = models.PositiveSmallIntegerField(
        _("teaching hours"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    cost_sharing = models.CharField(_("cost sharing"), max_length=20, choices=CostSharing.choices)
    cost_terms = models.TextField(_("cost-sharing terms"), max_length=2000, blank=True)
    stage = models.CharField(_("stage"), max_length=24, choices=Stage.choices, default=Stage.PROPOSED, db_index=True)
    # The schedule, set when the host schedules it: local dates and times in the host's time zone.
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    daily_start = models.TimeField(_("daily start time"), null=True, blank=True)
    daily_end = models.TimeField(_("daily end time"), null=True, blank=True)
    # The host's IANA zone; read back as a ``zoneinfo.ZoneInfo`` (``str()`` gives its name).
    time_zone = TimeZoneField(_("time zone"), blank=True)
    location = models.CharField(_("place"), max_length=300, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("exchange agreement")
        verbose_name_plural = _("exchange agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")), name="agreement_plan_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="agreement_schedule_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("instructors:agreement", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.stage in FINAL_STAGES


class AgreementEvent(models.Model):
    """The log of an agreement: every step, who took it, when and why."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    from_stage = models.CharField(max_length=24, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=24, choices=Stage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class AgreementMessage(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class HostReport(models.Model):
    """The host agency's report after delivery: evaluation, comments and a rating of the instructor.
    Participants are counted in ``ParticipantCount`` rows (by gender and role)."""

    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, related_name="host_report")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    evaluation = models.PositiveSmallIntegerField(_("overall evaluation (1–5)"), validators=RATING_VALIDATORS)
    instructor_rating = models.PositiveSmallIntegerField(
        _("rating of the instructor (1–5)"), validators=RATING_VALIDATORS
    )
    comments = models.TextField(_("comments"), max_length=5000, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)


class InstructorReport(models.Model):
    """The instructor's report: what was delivered, the cascading plan and a rating of the host."""

    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, related_name="instructor_report")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delivered = models.TextField(_("what was delivered"), max_length=5000)
    hours_delivered = models.PositiveSmallIntegerField(
        _("hours delivered"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    cascading_plan = models.TextField(_("plan for passing it on (cascading)"), max_length=5000)
    host_rating = models.PositiveSmallIntegerField(_("rating of the host (1–5)"), validators=RATING_VALIDATORS)
    submitted_at = models.DateTimeField(default=timezone.now)


class ParticipantRole(models.TextChoices):
    OFFICER = "officer", _("Officer or agent")
    SUPERVISOR = "supervisor", _("Supervisor or commander")
    INSTRUCTOR = "instructor", _("Instructor (for cascading)")
    SPECIALIST = "specialist", _("Specialist or technician")
    CIVILIAN = "civilian", _("Civilian staff")


class ParticipantCount(models.Model):
    """How many participants of one gender and role an agreement trained (one row per pair).
    Monitoring sums ``count`` grouped by gender and role."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="participant_counts")
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    count = models.PositiveSmallIntegerField(_("participants"), validators=[MaxValueValidator(500)])

    class Meta:
        ordering = ["gender", "role"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "gender", "role"], name="participants_once_per_gender_role")
        ]
