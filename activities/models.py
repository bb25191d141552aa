"""Training activities (workshops, seminars, webinars, in-person courses) held nationally,
subregionally or regionally; nominations of officials to them, their sessions, attendance per
session and the participants' evaluations. Plain Django models: nothing here is a Wagtail page.

An activity is held by a host ``state`` (its national coordinators organise it unless an agency
does; for the secretariat's and partners' activities it is the state where, or for which, it is
held), which is also the issuer of its attendance certificates. Measures of the plan are stored by
code (``lms.measures``), curricula as page ids (validated through ``curricula.api``)."""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneField

from accounts.api import Agency, Audience, MemberState
from curricula.api import Discipline, Scope


class Format(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    WEBINAR = "webinar", _("Webinar")
    COURSE = "course", _("In-person course")


class OrganiserKind(models.TextChoices):
    STATE = "state", _("A member state")
    AGENCY = "agency", _("An agency")
    SECRETARIAT = "secretariat", _("The General Secretariat")
    PARTNER = "partner", _("A partner organisation")


class Status(models.TextChoices):
    OPEN = "open", _("Open for nominations")
    CLOSED = "closed", _("Nominations closed")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    scope = models.CharField(_("scope"), max_length=12, choices=Scope.choices)
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    organiser_kind = models.CharField(_("organiser"), max_length=12, choices=OrganiserKind.choices)
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("host state"))
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organising agency")
    )
    partner_name = models.CharField(
        _("partner organisation"),
        max_length=200,
        blank=True,
        help_text=_("An international body or a donor country, when a partner organises the activity."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.LAW_ENFORCEMENT
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = TimeZoneField(_("time zone"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1), MaxValueValidator(10000)])
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("999"))],
    )
    languages = models.JSONField(_("languages"), default=list)
    measure_codes = models.JSONField(_("measures of the plan"), default=list, blank=True)
    curricula = models.JSONField(_("curricula"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training activity")
        verbose_name_plural = _("training activities")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="activity_dates_ordered"),
            models.CheckConstraint(
                condition=~Q(organiser_kind="agency") | Q(agency__isnull=False), name="activity_agency_organiser"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def certificate_ref(self) -> str:
        """The key of this activity on its attendance certificates (courses keep it)."""
        return f"activity:{self.uid}"


class Session(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_dates_ordered")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def hours(self) -> Decimal:
        return (Decimal((self.ends_at - self.starts_at).total_seconds()) / 3600).quantize(Decimal("0.1"))


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_STATUSES = (NominationStatus.NOMINATED, NominationStatus.ACCEPTED, NominationStatus.WAITLISTED)


class Nomination(models.Model):
    """An official put forward by their agency's manager or their state's coordinator. ``state`` and
    ``agency`` are the official's when nominated (who may nominate and withdraw is decided on them)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="nominations")
    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=NominationStatus.choices, default=NominationStatus.NOMINATED
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the organiser accepted it: the waiting list is served in this order.
    accepted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "official"],
                condition=Q(status__in=["nominated", "accepted", "waitlisted"]),
                name="one_live_nomination_per_official",
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.official_id}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "nomination"], name="one_attendance_per_session")]


RATING = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(models.Model):
    """The evaluation survey a participant answers once after the activity."""

    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE, related_name="evaluation")
    overall = models.PositiveSmallIntegerField(_("overall"), validators=RATING)
    relevance = models.PositiveSmallIntegerField(_("relevance to my work"), validators=RATING)
    organisation = models.PositiveSmallIntegerField(_("organisation"), validators=RATING)
    comments = models.TextField(_("comments"), max_length=3000, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")


def calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A reader's secret calendar address: whoever holds it reads what the reader may see."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=calendar_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
