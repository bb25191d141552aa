"""The Plan of Action as data (objectives and measures), the biannual work plans with the states'
positions, the states' semester reports, and indicators with their baselines and targets.

Texts the secretariat types are kept in the four languages as ``<field>_en`` … ``<field>_fr``
columns, as member states and the curricula taxonomy do (English required, the others fall back to
it); see docs/decisions/0080-plan-follow-up.md."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.files import private_storage
from lms.languages import translated

LANGUAGES = ("en", "es", "pt", "fr")


# --- The plan ----------------------------------------------------------------------------------


class Section(models.TextChoices):
    """The chapters of the Plan of Action that measures belong to."""

    INSTITUTIONAL = "institutional", _("Institutional strengthening")
    TRAINING = "training", _("Training and capacity building")
    COOPERATION = "cooperation", _("International cooperation and information exchange")
    PREVENTION = "prevention", _("Prevention")
    FOLLOW_UP = "follow_up", _("Follow-up and evaluation")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Objective(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True, validators=[RegexValidator(r"^[0-9A-Za-z.]+$")])
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_es = models.CharField(_("title (Spanish)"), max_length=300, blank=True)
    title_pt = models.CharField(_("title (Portuguese)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_pt = models.TextField(_("description (Portuguese)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")


class Measure(models.Model):
    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="measures", verbose_name=_("objective")
    )
    code = models.CharField(_("code"), max_length=12, unique=True, validators=[RegexValidator(r"^[0-9A-Za-z.]+$")])
    text_en = models.TextField(_("text (English)"))
    text_es = models.TextField(_("text (Spanish)"), blank=True)
    text_pt = models.TextField(_("text (Portuguese)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    gender_perspective = models.BooleanField(_("gender perspective"), default=False)
    human_rights = models.BooleanField(_("human rights"), default=False)
    financing = models.BooleanField(_("financing"), default=False)
    training = models.BooleanField(_("training"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["objective__order", "order", "code"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} {self.short_text}"

    @property
    def text(self) -> str:
        return translated(self, "text")

    @property
    def short_text(self) -> str:
        text = self.text
        return text if len(text) <= 90 else text[:89].rstrip() + "…"

    @property
    def crosscutting(self) -> list[str]:
        """Labels of the crosscutting aspects the measure carries."""
        return [str(label) for name, label in CROSSCUTTING if getattr(self, name)]


CROSSCUTTING = (
    ("gender_perspective", _("gender perspective")),
    ("human_rights", _("human rights")),
    ("financing", _("financing")),
    ("training", _("training")),
)


# --- Biannual work plans -------------------------------------------------------------------------


class WorkPlan(models.Model):
    """A two-year work plan proposed by the secretariat to the member states."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("Sent to the member states for consideration")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    start_year = models.PositiveSmallIntegerField(
        _("first year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    title_pt = models.CharField(_("title (Portuguese)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DRAFT)
    # The version the member states are considering (or approved); 0 before it is first sent.
    version = models.PositiveSmallIntegerField(_("version"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def end_year(self) -> int:
        return self.start_year + 1

    @property
    def period_label(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Activity(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField(_("number"))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_es = models.CharField(_("title (Spanish)"), max_length=300, blank=True)
    title_pt = models.CharField(_("title (Portuguese)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    measures = models.ManyToManyField(Measure, related_name="activities", verbose_name=_("measures"))
    responsible_states = models.ManyToManyField(
        "accounts.MemberState", blank=True, related_name="+", verbose_name=_("responsible states")
    )
    responsible_agencies = models.ManyToManyField(
        "accounts.Agency", blank=True, related_name="+", verbose_name=_("responsible agencies")
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    expected_results = models.TextField(_("expected results"))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.PLANNED)
    removed = models.BooleanField(default=False)  # removed in a revision; kept for the versions' history

    class Meta:
        ordering = ["work_plan", "number"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [models.UniqueConstraint(fields=["work_plan", "number"], name="plan_activity_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return translated(self, "title")


class WorkPlanVersion(models.Model):
    """What was sent to the member states: a snapshot of every activity, kept for ever."""

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    snapshot = models.JSONField()
    note = models.TextField(_("what changed"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["work_plan", "number"]
        constraints = [models.UniqueConstraint(fields=["work_plan", "number"], name="plan_version_number")]


class Position(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_COMMENTS = "approve_with_comments", _("Approve with comments")
    OBJECT = "object", _("Object")


class StatePosition(models.Model):
    """A member state's position on one version of a work plan, recorded by its national coordinator."""

    version = models.ForeignKey(WorkPlanVersion, on_delete=models.CASCADE, related_name="positions")
    state = models.ForeignKey("accounts.MemberState", on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("position"), max_length=25, choices=Position.choices)
    comment = models.TextField(_("general comment"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["version", "state__name_en"]
        constraints = [models.UniqueConstraint(fields=["version", "state"], name="plan_position_per_state")]


class ActivityComment(models.Model):
    position = models.ForeignKey(StatePosition, on_delete=models.CASCADE, related_name="comments")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("comment"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["position", "activity"], name="plan_comment_per_activity")]


class WorkPlanEvent(models.Model):
    """Every step of a work plan: who, when, what."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Drafted")
        ACTIVITY_ADDED = "activity_added", _("Activity added")
        ACTIVITY_CHANGED = "activity_changed", _("Activity changed")
        ACTIVITY_REMOVED = "activity_removed", _("Activity removed")
        SENT = "sent", _("Sent for consideration")
        POSITION = "position", _("Position recorded")
        REVISED = "revised", _("Reopened for revision")
        APPROVED = "approved", _("Approval recorded")
        PUBLISHED = "published", _("Published")
        STATUS = "status", _("Activity status changed")

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    state = models.ForeignKey("accounts.MemberState", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveSmallIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]


# --- State reports --------------------------------------------------------------------------------


class StateReport(models.Model):
    """A member state's report on the measures for one semester."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")

    state = models.ForeignKey("accounts.MemberState", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("semester"), max_length=7)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # What Capacitas knew when the report was started (monitoring's figures for the state and semester).
    figures = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)

    class Meta:
        ordering = ["-period", "state__name_en"]
        constraints = [models.UniqueConstraint(fields=["state", "period"], name="plan_report_per_state_period")]
        verbose_name = _("state report")
        verbose_name_plural = _("state reports")


class ReportEntry(models.Model):
    report = models.ForeignKey(StateReport, on_delete=models.CASCADE, related_name="entries")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    narrative = models.TextField(_("what was done"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    needs = models.TextField(_("needs"), blank=True)

    class Meta:
        ordering = ["measure__objective__order", "measure__order", "measure__code"]
        constraints = [models.UniqueConstraint(fields=["report", "measure"], name="plan_entry_per_measure")]


class ReportEvent(models.Model):
    class Kind(models.TextChoices):
        STARTED = "started", _("Started")
        SAVED = "saved", _("Saved")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")

    report = models.ForeignKey(StateReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]


# --- Indicators against the plan -------------------------------------------------------------------


def _monitoring_indicators() -> list[tuple[str, str]]:
    from monitoring.api import INDICATORS

    return [(indicator.key, indicator.label) for indicator in INDICATORS]


class PlanIndicator(models.Model):
    """An indicator of a measure; ``source`` names the monitoring indicator whose figures give its
    progress per state and period."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(_("code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    source = models.CharField(_("monitoring indicator"), max_length=40, choices=_monitoring_indicators)

    class Meta:
        ordering = ["measure__objective__order", "measure__order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return translated(self, "name")


class Target(models.Model):
    """Baseline and target of an indicator for one state over one work-plan period (two years)."""

    indicator = models.ForeignKey(PlanIndicator, on_delete=models.CASCADE, related_name="targets")
    state = models.ForeignKey("accounts.MemberState", on_delete=models.PROTECT, related_name="+")
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    baseline = models.FloatField(_("baseline"), validators=[MinValueValidator(0)])
    target = models.FloatField(_("target"), validators=[MinValueValidator(0)])
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "state", "start_year"], name="plan_target_per_period")
        ]


class FollowUpReport(models.Model):
    """The hemispheric follow-up report for the Committee on Hemispheric Security: a PDF and an XLSX
    in one language, built by a Celery task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    period = models.CharField(_("semester"), max_length=7)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    pdf = models.FileField(upload_to="plan/reports/%Y/", storage=private_storage, blank=True)
    xlsx = models.FileField(upload_to="plan/reports/%Y/", storage=private_storage, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")
