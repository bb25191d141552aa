"""The good-practice library: a state's practice, its tags, and what readers make of it.

A practice is written in one language (the interface language is not the content language). It
is submitted by a verified official of a state, reviewed by that state's national coordinator and
published by the secretariat; then readers of its audience tier rate it, comment on it and record
that their agency adopted it. Measures of the Plan of Action are kept by code (``lms.measures``):
the plan reads this app, so this app cannot point at the plan's tables."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.api import Agency, Audience, MemberState
from curricula.api import Discipline, Topic

RATING_MIN, RATING_MAX = 1, 5


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting the coordinator")
    RETURNED = "returned", _("Returned to the submitter")
    REVIEWED = "reviewed", _("Reviewed, awaiting publication")
    PUBLISHED = "published", _("Published")


class Practice(models.Model):
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+", verbose_name=_("member state"))
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400)
    context = models.TextField(_("context"))
    problem = models.TextField(_("problem"))
    actions = models.TextField(_("what was done"))
    results = models.TextField(_("results and evidence"))
    resources = models.TextField(_("resources and costs"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    gender_perspective = models.BooleanField(_("gender perspective"), default=False)
    human_rights = models.BooleanField(_("human rights"), default=False)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A stable name for demo content, so that loading the demo again changes nothing.
    demo_key = models.CharField(max_length=80, blank=True, db_index=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        indexes = [models.Index(fields=["status", "audience"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:practice", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class PracticeMeasure(models.Model):
    """A measure of the Plan of Action that the practice serves, by the measure's code."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(_("measure"), max_length=20)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["practice", "code"], name="practice_measure_once")]


class LinkKind(models.TextChoices):
    CURRICULUM = "curriculum", _("Curriculum")
    COURSE = "course", _("Course")


class PracticeLink(models.Model):
    """A curriculum or course the practice draws on; shown only to readers who may see it."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=12, choices=LinkKind.choices)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "page"], name="practice_link_once")]


class Rating(models.Model):
    """One rating per reader, which they may change."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stars = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "user"], name="practice_rating_once"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=RATING_MIN, stars__lte=RATING_MAX), name="practice_rating_range"
            ),
        ]


class Comment(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Adoption(models.Model):
    """ "Our agency adopted this": one record per agency and practice, counted in monitoring."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("how your agency uses it"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["practice", "agency"], name="practice_adoption_once")]
