"""Models of monitoring: the derived fact table, its refresh log, and periodic reports.

``Fact`` holds no personal data: one row is a count (or a number of hours) for one state, one UTC
quarter and one combination of discipline, level, agency kind and gender. It is derived from the
records of curricula, courses and instructors by ``monitoring.services.facts_rebuild`` (a Celery
task) and never typed in; see docs/decisions/0061-fact-table.md."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.files import private_storage


class Measure(models.TextChoices):
    """What the source apps count. Indicators add measures together (see monitoring.indicators)."""

    COMPLETIONS = "completions", _("Distance-course completions")
    COMPLETION_HOURS = "completion_hours", _("Hours of distance training completed")
    EXCHANGE_PARTICIPANTS = "exchange_participants", _("Exchange participants")
    EXCHANGE_HOURS = "exchange_hours", _("Hours of exchange training received")
    COURSES_PUBLISHED = "courses_published", _("Courses published")
    CURRICULA_PUBLISHED = "curricula_published", _("Curricula published")
    ADOPTIONS_IN = "adoptions_in", _("Curricula adopted from other states")
    ADOPTIONS_OUT = "adoptions_out", _("Curricula adopted by other states")
    EXCHANGES_SENT = "exchanges_sent", _("Exchanges sent")
    EXCHANGES_HOSTED = "exchanges_hosted", _("Exchanges hosted")
    INSTRUCTORS = "instructors", _("Instructors")


class Fact(models.Model):
    measure = models.CharField(max_length=30, choices=Measure.choices)
    state = models.ForeignKey("accounts.MemberState", on_delete=models.CASCADE, related_name="+")
    quarter = models.DateField(help_text="First day of the UTC quarter.")
    discipline = models.CharField(max_length=20, blank=True)
    level = models.CharField(max_length=20, blank=True)
    agency_kind = models.CharField(max_length=20, blank=True)
    gender = models.CharField(max_length=12, blank=True)
    value = models.FloatField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["measure", "quarter", "state"], name="monitoring_fact_mqs"),
            models.Index(fields=["state", "measure", "quarter"], name="monitoring_fact_smq"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.state_id} {self.quarter}: {self.value}"


class FactRefresh(models.Model):
    """One rebuild of the fact table: when, how long, how many rows, from which sources."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)
    sources = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"


class Report(models.Model):
    """A periodic report (PDF) for a semester, for one state or the hemisphere, in one language."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    period = models.CharField(_("period"), max_length=10)
    state = models.ForeignKey(
        "accounts.MemberState",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member state"),
        help_text=_("Empty for the hemispheric report."),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # A state's own coordinator gets its figures as they are; any other report protects small counts.
    protected = models.BooleanField(default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="monitoring/reports/%Y/", storage=private_storage, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")

    def __str__(self) -> str:
        return f"{self.period} {self.state or 'hemisphere'} ({self.language})"
