"""Models of scorm: packages (a snippet, stored once by hash) and learners' run-time data.

A package's files live in the default storage under ``scorm/packages/<sha256>/``; they are never
served from the media URL but through ``scorm.views`` behind session-bound grants, in a sandboxed
frame (docs/decisions/0090). Learner state is keyed on the user, the lesson and the package, apart
from the content: an attempt, and in it one row of CMI data per SCO (the item of the organisation).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

PACKAGES_PREFIX = "scorm/packages"


class ScormVersion(models.TextChoices):
    SCORM_12 = "1.2", "SCORM 1.2"
    SCORM_2004_3 = "2004-3", "SCORM 2004 3rd Edition"
    SCORM_2004_4 = "2004-4", "SCORM 2004 4th Edition"


class ScormPackage(index.Indexed, models.Model):
    """One uploaded SCORM package: its manifest (read once at import) and its files."""

    title = models.CharField(_("title"), max_length=255)
    content_hash = models.CharField(_("SHA-256 of the package"), max_length=64, unique=True, editable=False)
    version = models.CharField(_("SCORM version"), max_length=8, choices=ScormVersion.choices, editable=False)
    manifest = models.JSONField(_("organisation"), default=dict, editable=False)
    files = models.JSONField(_("files"), default=list, editable=False)
    package_size = models.PositiveBigIntegerField(_("package size (bytes)"), default=0, editable=False)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    state = models.ForeignKey(
        "accounts.MemberState",
        verbose_name=_("owning state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")

    def __str__(self) -> str:
        return self.title

    @property
    def storage_prefix(self) -> str:
        return f"{PACKAGES_PREFIX}/{self.content_hash}"

    @property
    def is_2004(self) -> bool:
        return self.version != ScormVersion.SCORM_12


class ScormAttempt(models.Model):
    """One attempt of a learner at a package placed in a lesson; the latest one is resumed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorm_attempts")
    lesson_id = models.PositiveIntegerField(_("lesson"))
    package = models.ForeignKey(ScormPackage, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("attempt"), default=1)
    completed = models.BooleanField(_("completed"), default=False)
    success = models.BooleanField(_("passed"), null=True, blank=True)
    score_scaled = models.FloatField(_("scaled score"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("SCORM attempt")
        verbose_name_plural = _("SCORM attempts")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_id", "package", "number"], name="scorm_attempt_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} / {self.lesson_id} / {self.package_id} #{self.number}"


class ScormScoData(models.Model):
    """The CMI data of one SCO in one attempt, as the SCO last committed it.

    The columns are what the player hands back on resume and what progress reads; ``cmi`` keeps the
    rest of the committed data model (interactions, objectives, comments) as JSON."""

    attempt = models.ForeignKey(ScormAttempt, on_delete=models.CASCADE, related_name="scos")
    item = models.CharField(_("item identifier"), max_length=255)
    location = models.CharField(_("location"), max_length=1000, blank=True)
    suspend_data = models.TextField(_("suspend data"), blank=True)
    completion_status = models.CharField(_("completion status"), max_length=20, blank=True)
    success_status = models.CharField(_("success status"), max_length=20, blank=True)
    exit = models.CharField(_("exit"), max_length=20, blank=True)
    score_raw = models.FloatField(null=True, blank=True)
    score_min = models.FloatField(null=True, blank=True)
    score_max = models.FloatField(null=True, blank=True)
    score_scaled = models.FloatField(null=True, blank=True)
    progress_measure = models.FloatField(null=True, blank=True)
    session_seconds = models.FloatField(_("last session time (seconds)"), default=0)
    total_seconds = models.FloatField(_("total time (seconds)"), default=0)
    cmi = models.JSONField(_("CMI data"), default=dict)
    commits = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("SCO data")
        verbose_name_plural = _("SCO data")
        constraints = [models.UniqueConstraint(fields=["attempt", "item"], name="scorm_sco_data_unique")]

    def __str__(self) -> str:
        return f"{self.attempt_id} / {self.item}"
