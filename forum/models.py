"""The virtual forum: spaces by audience, threads by topic, posts with their history, reactions,
attachments and reports; subscriptions, digests and read markers; the states' national approaches
for a work-plan period. See docs/decisions/0100-forum.md.

Posts carry their place in the thread (``number``, 1, 2, 3 …), so that a page of a long thread is a
range of numbers on an index and costs the same whatever the thread's length."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.files import private_storage
from lms.languages import translated

LANGUAGES = ("en", "es", "pt", "fr")
LANGUAGE_CHOICES = [("en", _("English")), ("es", _("Spanish")), ("pt", _("Portuguese")), ("fr", _("French"))]


class SpaceKind(models.TextChoices):
    COORDINATORS = "coordinators", _("National coordinators and the secretariat")
    OFFICIALS = "officials", _("Verified officials of every member state")
    STATE = "state", _("Officials of one member state")
    PUBLIC = "public", _("Everyone")


class Space(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("audience"), max_length=15, choices=SpaceKind.choices)
    state = models.ForeignKey(
        "accounts.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("state"),
    )
    title_en = models.CharField(_("title (English)"), max_length=150)
    title_es = models.CharField(_("title (Spanish)"), max_length=150, blank=True)
    title_pt = models.CharField(_("title (Portuguese)"), max_length=150, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=150, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_pt = models.TextField(_("description (Portuguese)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    questions = models.BooleanField(_("questions and answers"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("forum space")
        verbose_name_plural = _("forum spaces")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="state", state__isnull=False)
                    | (~models.Q(kind="state") & models.Q(state__isnull=True))
                ),
                name="forum_space_state_iff_state_kind",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="threads", verbose_name=_("space"))
    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=80, blank=True)
    measure = models.ForeignKey(
        "plan.Measure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("measure")
    )
    discipline = models.CharField(_("discipline"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    locked = models.BooleanField(_("locked"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    post_count = models.PositiveIntegerField(default=0)
    last_post_id = models.PositiveBigIntegerField(null=True, blank=True)
    last_post_at = models.DateTimeField(default=timezone.now)
    answer_post_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-last_post_at"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [models.Index(fields=["space", "hidden", "-last_post_at"], name="forum_thread_listing")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("forum:thread", kwargs={"pk": self.pk})


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("text"))  # sanitised HTML (forum.richtext)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    quote = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["thread", "number"]
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="forum_post_number_unique")]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.number}"


class PostRevision(models.Model):
    """The text a post had before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]


class ReactionKind(models.TextChoices):
    AGREE = "agree", _("Agree")
    THANKS = "thanks", _("Thanks")
    USEFUL = "useful", _("Useful")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="forum_reaction_unique")]


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="forum_mention_unique")]


def attachment_path(instance, filename: str) -> str:
    return f"forum/{timezone.now():%Y/%m}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=300)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]


class PostReport(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], condition=models.Q(resolved_at__isnull=True), name="forum_report_open_once"
            )
        ]


class ModerationAction(models.Model):
    """The log of what moderators did, kept for the secretariat."""

    class Action(models.TextChoices):
        HIDE_POST = "hide_post", _("Post hidden")
        SHOW_POST = "show_post", _("Post shown again")
        HIDE_THREAD = "hide_thread", _("Thread hidden")
        SHOW_THREAD = "show_thread", _("Thread shown again")
        LOCK = "lock", _("Thread locked")
        UNLOCK = "unlock", _("Thread unlocked")
        MOVE = "move", _("Thread moved")

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=15, choices=Action.choices)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    from_space = models.ForeignKey(Space, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    to_space = models.ForeignKey(Space, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]


class Subscription(models.Model):
    """A reader follows a thread (every reply) or a space (every new thread)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions")
    email = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_subscription_thread"),
            models.UniqueConstraint(fields=["user", "space"], name="forum_subscription_space"),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=False, space__isnull=True)
                | models.Q(thread__isnull=True, space__isnull=False),
                name="forum_subscription_one_target",
            ),
        ]


class DigestFrequency(models.TextChoices):
    NONE = "none", _("No digest")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class DigestPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.NONE)
    last_sent_at = models.DateTimeField(null=True, blank=True)


class ReadMarker(models.Model):
    """The last post of a thread this reader has seen (by id: ids grow as posts are written)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    last_read_post_id = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_read_marker_unique")]


# --- National approaches ---------------------------------------------------------------------------


class NationalApproach(models.Model):
    """A state's approach for a work-plan period, published by its national coordinator, with its
    discussion thread in the coordinators' space."""

    state = models.ForeignKey("accounts.MemberState", on_delete=models.PROTECT, related_name="+")
    work_plan = models.ForeignKey("plan.WorkPlan", on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(default=timezone.now)
    thread = models.OneToOneField(Thread, on_delete=models.PROTECT, related_name="approach")
    measures = models.ManyToManyField("plan.Measure", blank=True, related_name="+")

    class Meta:
        ordering = ["state__name_en"]
        constraints = [models.UniqueConstraint(fields=["state", "work_plan"], name="forum_approach_once")]


class ApproachText(models.Model):
    approach = models.ForeignKey(NationalApproach, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    priorities = models.TextField(_("priorities"))
    institutions = models.TextField(_("institutions involved"))
    training_needs = models.TextField(_("training needs"))
    offers = models.TextField(_("what the state can offer"))

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["approach", "language"], name="forum_approach_text_once")]
