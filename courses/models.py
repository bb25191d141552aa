"""Distance courses: course and lesson pages (content), quizzes (snippets), and the learner's state.

Content is Wagtail pages: a ``CoursePage`` under its state's ``MemberStatePage`` and its lessons as
child ``LessonPage`` s (docs/decisions/0020-lessons.md). Everything a learner does (enrolments,
lesson progress, activity results, quiz attempts, certificates) lives in plain models keyed on the
user and the content, never on a page, so publishing a new revision never touches learner state.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.snippets.blocks import SnippetChooserBlock

from accounts.api import AudiencePageMixin
from curricula.api import Delivery, Discipline, Level, Scope
from h5p.api import H5PActivityBlock
from home.api import InterfaceLanguageUrlMixin
from lms.files import private_storage
from lms.search_fields import BoundedSearchField
from scorm.api import ScormActivityBlock

from .page_forms import LessonPageForm, VideoForm

# --- Pages -----------------------------------------------------------------------------------------

_LOCALE_CODES: dict[int, str] = {}


def locale_code(locale_id: int | None) -> str:
    """A locale's language code; locales are few and their codes never change, so they are kept."""
    if not locale_id:
        return settings.LANGUAGE_CODE
    if locale_id not in _LOCALE_CODES:
        from wagtail.models import Locale

        _LOCALE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALE_CODES.get(locale_id, settings.LANGUAGE_CODE)


class CourseIndexPage(Page):
    """The catalogue of courses, across every state and language."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = selectors.course_catalogue(user=request.user, locale=self.locale)
        return context


class Pacing(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced")
    COHORT = "cohort", _("Cohort (fixed dates)")


class EnrolmentPolicy(models.TextChoices):
    OPEN = "open", _("Open: enrol at once")
    APPROVAL = "approval", _("On approval by the agency's training manager")


class CurriculumChooserPanel(PageChooserPanel):
    """Chooses a ``curricula.CurriculumPage``; any page while that model does not exist yet."""

    def get_form_options(self):
        from django.apps import apps

        try:
            apps.get_model("curricula", "CurriculumPage")
        except LookupError:
            self.page_type = None
        return super().get_form_options()


class CoursePage(InterfaceLanguageUrlMixin, AudiencePageMixin, Page):
    """A distance course given by a member state (and one of its agencies)."""

    state = models.ForeignKey(
        "accounts.MemberState",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provider state"),
        help_text=_("Set from the state page the course is placed under."),
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider agency"),
    )
    curriculum = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("curriculum"),
        help_text=_("The curriculum this course belongs to, if any."),
    )
    summary = models.TextField(_("summary"), max_length=600, help_text=_("What the course covers, in two sentences."))
    body = RichTextField(_("description"), blank=True)
    outcomes = models.TextField(
        _("learning outcomes"), blank=True, help_text=_("One outcome a line: what a participant can do afterwards.")
    )
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.ONLINE)
    topics = ParentalManyToManyField("curricula.Topic", blank=True, related_name="+", verbose_name=_("topics"))
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(999)],
        help_text=_("Hours of study; printed on the certificate."),
    )
    intended_for = models.CharField(
        _("intended for"), max_length=300, blank=True, help_text=_("Who should take it, e.g. “patrol officers”.")
    )
    pacing = models.CharField(_("pacing"), max_length=20, choices=Pacing.choices, default=Pacing.SELF_PACED)
    enrolment_policy = models.CharField(
        _("enrolment"), max_length=20, choices=EnrolmentPolicy.choices, default=EnrolmentPolicy.OPEN
    )
    external_id = models.CharField(
        _("external identifier"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Set by catalogue imports; leave empty for courses written here."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("outcomes"),
        FieldPanel("intended_for"),
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                CurriculumChooserPanel("curriculum", page_type="curricula.CurriculumPage"),
                FieldRowPanel([FieldPanel("discipline"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("scope"), FieldPanel("delivery")]),
                FieldPanel("topics"),
                FieldRowPanel([FieldPanel("estimated_hours"), FieldPanel("pacing")]),
                FieldPanel("enrolment_policy"),
                FieldPanel("audience"),
            ],
            heading=_("Course facts"),
        ),
    ]
    search_fields = Page.search_fields + [BoundedSearchField("summary"), BoundedSearchField("body")]
    parent_page_types = ["home.MemberStatePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        self._state_from_parent()
        if self.agency_id and self.state_id and self.agency.state_id != self.state_id:
            raise ValidationError({"agency": _("This agency belongs to another member state.")})

    def _state_from_parent(self) -> None:
        """The provider state is the state of the member state page the course is placed under."""
        from home.api import state_id_above

        state_id = state_id_above(self)
        if state_id:
            self.state_id = state_id

    def save(self, *args, **kwargs):
        self._state_from_parent()
        return super().save(*args, **kwargs)

    @property
    def language(self) -> str:
        """The language the course is written in (its locale's code), without a query per page."""
        return locale_code(self.locale_id)

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_page_context(course=self, user=request.user))
        return context


class VideoBlock(blocks.StructBlock):
    """An uploaded video (served through the lesson's access check, with captions, transcripts and
    a poster) or, where the settings allow its host, a privacy-enhanced YouTube or Vimeo player."""

    title = blocks.CharBlock(label=_("title"))
    video = SnippetChooserBlock("courses.Video", label=_("uploaded video"), required=False)
    embed_url = blocks.URLBlock(
        label=_("or YouTube or Vimeo address"),
        required=False,
        help_text=_("Shown with the privacy-enhanced player, only from the hosts this site allows."),
    )
    required = blocks.BooleanBlock(
        label=_("watching counts toward the lesson"),
        required=False,
        default=False,
        help_text=_("Uploaded videos only: the lesson is done once this share of the video has been watched."),
    )
    watch_percent = blocks.IntegerBlock(label=_("share to watch (%)"), default=90, min_value=10, max_value=100)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def clean(self, value):
        from django.forms.utils import ErrorList
        from wagtail.blocks import StructBlockValidationError

        from .video import privacy_embed_url

        value = super().clean(value)
        errors = {}
        if bool(value.get("video")) == bool(value.get("embed_url")):
            errors["video"] = ErrorList([_("Choose an uploaded video or give a YouTube or Vimeo address.")])
        elif value.get("embed_url"):
            try:
                privacy_embed_url(value["embed_url"])
            except ValidationError as error:
                errors["embed_url"] = ErrorList(error.messages)
            if value.get("required"):
                errors["required"] = ErrorList([_("Only watching an uploaded video can be counted.")])
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "courses/blocks/document.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(label=_("text alternative"), help_text=_("What the image shows, for screen readers."))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("courses.Quiz", label=_("quiz"))
    required = blocks.BooleanBlock(
        label=_("required"),
        required=False,
        default=True,
        help_text=_("Must be passed (at the quiz's pass mark) for the lesson and the course to be done."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Quiz")
        template = "courses/blocks/quiz.html"


LESSON_BLOCKS = [
    ("text", blocks.RichTextBlock(label=_("Text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])),
    ("video", VideoBlock()),
    ("document", DocumentBlock()),
    ("image", ImageBlock()),
    ("quiz", QuizBlock()),
    ("h5p", H5PActivityBlock()),
    ("scorm", ScormActivityBlock()),
]


class LessonPage(InterfaceLanguageUrlMixin, Page):
    """One lesson of a course: text, media, quizzes and H5P activities in order."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(LESSON_BLOCKS, verbose_name=_("content"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=20)
    required = models.BooleanField(_("required"), default=True, help_text=_("Must be done to complete the course."))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("required")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [BoundedSearchField("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    base_form_class = LessonPageForm

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def required_activities(self) -> dict[str, list]:
        """The required quizzes, H5P contents and SCORM packages of this lesson, read from the raw stream (no queries)."""
        return lesson_requirements(self.body.raw_data)

    def serve(self, request, *args, **kwargs):
        from django.core.exceptions import PermissionDenied

        from . import access

        if not access.lesson_can_view(request.user, self.pk):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(_("Enrol in the course to open its lessons."))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.lesson_page_context(lesson=self, user=request.user))
        return context


def lesson_requirements(raw_stream) -> dict[str, list]:
    """{"quizzes": [(quiz_id, required)], "h5p": [(content_id, pass_mark, required)],
    "scorm": [(package_id, pass_mark, required)], "videos": [(video_id, watch_percent, required)]} from raw data."""
    quizzes, h5p, scorm, videos = [], [], [], []
    for block in raw_stream or []:
        value = block.get("value") or {}
        if block.get("type") == "quiz" and value.get("quiz"):
            quizzes.append((int(value["quiz"]), bool(value.get("required", True))))
        elif block.get("type") == "h5p" and value.get("content"):
            h5p.append((int(value["content"]), value.get("pass_mark"), bool(value.get("required", True))))
        elif block.get("type") == "scorm" and value.get("package"):
            scorm.append((int(value["package"]), value.get("pass_mark"), bool(value.get("required", True))))
        elif block.get("type") == "video" and value.get("video"):
            videos.append((int(value["video"]), int(value.get("watch_percent") or 90), bool(value.get("required"))))
    return {"quizzes": quizzes, "h5p": h5p, "scorm": scorm, "videos": videos}


# --- Videos (snippets) ------------------------------------------------------------------------------


def _new_upload(field_file):
    """The uploaded file behind a file field that has not been saved yet, else None."""
    if field_file and not getattr(field_file, "_committed", True):
        return field_file.file
    return None


class Video(ClusterableModel):
    """An uploaded video in private storage, read only through a lesson that shows it
    (``courses.views.video_file``, with HTTP Range requests). Its type, size and duration are read
    from the file itself when it is uploaded (``courses.video``)."""

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("video file"), upload_to="videos/", storage=private_storage, help_text=_("MP4 or WebM."))
    content_type = models.CharField(max_length=40, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    duration_seconds = models.FloatField(null=True, blank=True, editable=False)
    poster = models.FileField(
        _("poster image"), upload_to="videos/posters/", storage=private_storage, blank=True, help_text=_("PNG or JPEG.")
    )
    poster_type = models.CharField(max_length=20, blank=True, editable=False)
    state = models.ForeignKey(
        "accounts.MemberState",
        verbose_name=_("owning state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Editors of this state keep the video and place it in lessons."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("state"),
        FieldPanel("file"),
        FieldPanel("poster"),
        InlinePanel("captions", label=_("Captions and transcripts")),
    ]
    base_form_class = VideoForm

    class Meta:
        ordering = ["title"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        from .video import inspect_poster, inspect_video

        errors = {}
        upload = _new_upload(self.file)
        if upload is not None:  # a new file: check it
            try:
                facts = inspect_video(upload)
            except ValidationError as error:
                errors["file"] = error.messages
            else:
                self.content_type, self.size, self.duration_seconds = (
                    facts["content_type"],
                    facts["size"],
                    facts["duration"],
                )
        poster = _new_upload(self.poster)
        if poster is not None:
            try:
                self.poster_type = inspect_poster(poster)
            except ValidationError as error:
                errors["poster"] = error.messages
        elif not self.poster:
            self.poster_type = ""
        if errors:
            raise ValidationError(errors)

    @property
    def duration_label(self) -> str:
        """ "m:ss" (or "h:mm:ss"), for the low-bandwidth note; "" when the file did not say."""
        if not self.duration_seconds:
            return ""
        seconds = round(self.duration_seconds)
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class VideoCaptions(Orderable):
    """Captions (WebVTT) and a transcript of a video in one language."""

    video = ParentalKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    file = models.FileField(_("captions (WebVTT)"), upload_to="videos/captions/", storage=private_storage, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("file")]), FieldPanel("transcript")]

    class Meta(Orderable.Meta):
        verbose_name = _("captions")
        verbose_name_plural = _("captions")
        constraints = [models.UniqueConstraint(fields=["video", "language"], name="one_captions_per_language")]

    def clean(self):
        super().clean()
        from .video import inspect_captions

        upload = _new_upload(self.file)
        if upload is not None:
            try:
                inspect_captions(upload)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from None
        if not self.file and not self.transcript.strip():
            raise ValidationError(_("Give captions, a transcript or both."))


class VideoProgress(models.Model):
    """How much of a video of a lesson the learner has watched (the player reports it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="+")
    watched_seconds = models.FloatField(default=0)
    satisfied = models.BooleanField(default=False)
    session_id = models.CharField(max_length=36, blank=True, help_text=_("The player session last reported."))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson", "video"], name="one_progress_per_video")]


# --- Quizzes (snippets) -----------------------------------------------------------------------------


class Quiz(ClusterableModel):
    """A quiz: its questions, pass mark and rules. Placed in lessons with the quiz block."""

    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    shuffle = models.BooleanField(_("shuffle questions and choices"), default=False)
    max_attempts = models.PositiveSmallIntegerField(
        _("attempt limit"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    show_feedback = models.BooleanField(_("show feedback after each attempt"), default=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("instructions"),
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts"), FieldPanel("time_limit_minutes")]),
        FieldRowPanel([FieldPanel("shuffle"), FieldPanel("show_feedback")]),
        InlinePanel("questions", label=_("Questions"), min_num=1),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT = "short", _("Short answer")
    NUMERIC = "numeric", _("Numeric")


class Question(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    prompt = models.TextField(_("question"))
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("Single and multiple choice: one choice a line; start each correct one with *."),
    )
    answer = models.CharField(
        _("answer"),
        max_length=500,
        blank=True,
        help_text=_(
            "True/false: “true” or “false”. Short answer: the accepted answers separated by |. Numeric: the number."
        ),
    )
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=12, decimal_places=4, default=0, help_text=_("Numeric: accepted ± difference.")
    )
    points = models.PositiveSmallIntegerField(_("points"), default=1, validators=[MinValueValidator(1)])
    feedback = models.TextField(_("feedback"), blank=True, help_text=_("Explanation shown after the attempt."))

    panels = [
        FieldPanel("kind"),
        FieldPanel("prompt"),
        FieldPanel("choices"),
        FieldRowPanel([FieldPanel("answer"), FieldPanel("tolerance"), FieldPanel("points")]),
        FieldPanel("feedback"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.prompt[:80]

    @property
    def choice_list(self) -> list[tuple[int, str, bool]]:
        """(index, text, correct) for each choice line."""
        out = []
        for line in self.choices.splitlines():
            text = line.strip()
            if not text:
                continue
            correct = text.startswith("*")
            out.append((len(out), text.lstrip("*").strip(), correct))
        return out

    def clean(self):
        super().clean()
        from .grading import question_definition_errors

        errors = question_definition_errors(self)
        if errors:
            raise ValidationError(errors)


# --- Runs and enrolment ----------------------------------------------------------------------------


class CourseRun(models.Model):
    """A cohort of a course (dates, window, capacity) or the always-open run of a self-paced course."""

    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="runs", verbose_name=_("course"))
    title = models.CharField(_("title"), max_length=150)
    enrol_opens = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrol_closes = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    starts = models.DateField(_("starts"), null=True, blank=True)
    ends = models.DateField(_("ends"), null=True, blank=True, help_text=_("The deadline for completing the course."))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    self_paced = models.BooleanField(_("self-paced"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts", "pk"]
        verbose_name = _("course run")
        verbose_name_plural = _("course runs")
        constraints = [
            models.UniqueConstraint(
                fields=["course"], condition=models.Q(self_paced=True), name="one_self_paced_run_per_course"
            ),
            models.CheckConstraint(
                condition=models.Q(ends__isnull=True)
                | models.Q(starts__isnull=True)
                | models.Q(ends__gte=models.F("starts")),
                name="course_run_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("The run cannot end before it starts.")})
        if self.enrol_opens and self.enrol_closes and self.enrol_closes < self.enrol_opens:
            raise ValidationError({"enrol_closes": _("Enrolment cannot close before it opens.")})

    def window_open(self, now=None) -> bool:
        if self.self_paced:
            return True
        now = now or timezone.now()
        if self.enrol_opens and now < self.enrol_opens:
            return False
        return not (self.enrol_closes and now > self.enrol_closes)


class EnrolmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    ACTIVE = "active", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Not approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_STATUSES = (EnrolmentStatus.PENDING, EnrolmentStatus.ACTIVE, EnrolmentStatus.WAITLISTED, EnrolmentStatus.COMPLETED)
SEAT_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)


class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_enrolments")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        LessonPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("last lesson")
    )
    last_activity_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(status__in=["pending", "active", "waitlisted", "completed"]),
                name="one_live_enrolment_per_course",
            )
        ]
        indexes = [models.Index(fields=["run", "status", "created_at"], name="enrolment_run_status")]

    def __str__(self) -> str:
        return f"{self.user} – {self.course_id} ({self.status})"


class LessonProgress(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    marked_done_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson")]


class ActivityKind(models.TextChoices):
    H5P = "h5p", _("H5P activity")
    SCORM = "scorm", _("SCORM package")


class ActivityResult(models.Model):
    """The best result of a learner in one H5P activity or SCORM package of one lesson."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=8, choices=ActivityKind.choices, default=ActivityKind.H5P)
    content_id = models.PositiveIntegerField(_("H5P content or SCORM package"))
    score_scaled = models.FloatField(null=True, blank=True)
    success = models.BooleanField(null=True, blank=True)
    completed = models.BooleanField(default=False)
    satisfied = models.BooleanField(default=False, help_text=_("Meets the block's pass mark or completion rule."))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson", "kind", "content_id"], name="one_result_per_activity")
        ]


class QuizAttempt(models.Model):
    """One attempt at a quiz: the order shown, the answers, the server's grade. Every attempt is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    layout = models.JSONField(default=list, help_text=_("Question ids and choice orders as shown."))
    answers = models.JSONField(default=dict)
    score = models.FloatField(null=True, blank=True, help_text=_("Percentage."))
    passed = models.BooleanField(null=True, blank=True)
    late = models.BooleanField(default=False)
    results = models.JSONField(default=dict, help_text=_("Per question: correct and points."))

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz", "lesson", "number"], name="quiz_attempt_number_unique"),
            models.UniqueConstraint(
                fields=["user", "quiz", "lesson"],
                condition=models.Q(submitted_at__isnull=True),
                name="one_open_quiz_attempt",
            ),
        ]


def verification_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(models.Model):
    """Issued once per learner and course, or once per learner and training activity (an attendance
    certificate, whose activity is named by ``activity_ref`` since activities sit above courses);
    the constraints make the issuing idempotent."""

    class Kind(models.TextChoices):
        COMPLETION = "completion", _("Certificate of completion")
        ATTENDANCE = "attendance", _("Certificate of attendance")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="course_certificates")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMPLETION)
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, null=True, blank=True, related_name="certificates")
    activity_ref = models.CharField(_("activity"), max_length=80, blank=True, default="")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=verification_code)
    holder_name = models.CharField(_("holder"), max_length=200)
    course_title = models.CharField(_("course"), max_length=255)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    issuer_state = models.ForeignKey("accounts.MemberState", on_delete=models.PROTECT, related_name="+")
    issuer_agency = models.CharField(_("issuing agency"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, default="en")
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    pdf = models.FileField(_("PDF"), upload_to="certificates/", storage=private_storage, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], condition=Q(course__isnull=False), name="one_certificate_per_course"
            ),
            models.UniqueConstraint(
                fields=["user", "activity_ref"], condition=~Q(activity_ref=""), name="one_certificate_per_activity"
            ),
            models.CheckConstraint(
                condition=Q(kind="completion", course__isnull=False, activity_ref="")
                | Q(kind="attendance", course__isnull=True) & ~Q(activity_ref=""),
                name="certificate_of_course_or_activity",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
