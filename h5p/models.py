"""Models of h5p: shared libraries, content packages (a snippet), and learners' saved state.

Files live in the default storage under ``h5p/``: a library's files once per machine name and
full version (``h5p/libraries/<Machine.Name>-<major>.<minor>.<patch>/``), a content's
``content.json`` and media once per package hash (``h5p/content/<sha256>/``). They are never served
from the media URL; ``h5p.views`` serves them behind session-bound grants, at content-addressed
addresses (see docs/decisions/0031 and 0034).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from accounts.access import Audience

LIBRARIES_PREFIX = "h5p/libraries"
CONTENT_PREFIX = "h5p/content"


class H5PLibrary(models.Model):
    """One H5P library at one version, shared by every package that bundles it."""

    machine_name = models.CharField(_("machine name"), max_length=127)
    major_version = models.PositiveIntegerField(_("major version"))
    minor_version = models.PositiveIntegerField(_("minor version"))
    patch_version = models.PositiveIntegerField(_("patch version"))
    title = models.CharField(_("title"), max_length=255)
    runnable = models.BooleanField(_("runnable"), default=False)
    metadata = models.JSONField(_("library.json"), default=dict)
    files = models.JSONField(_("files"), default=list, help_text=_("Paths inside the library folder."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["machine_name", "major_version", "minor_version", "patch_version"]
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version", "patch_version"],
                name="h5p_library_unique_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.machine_name} {self.version}"

    @property
    def version(self) -> str:
        return f"{self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def folder(self) -> str:
        """The folder name H5P players look for (``Machine.Name-major.minor``)."""
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"

    @property
    def storage_prefix(self) -> str:
        return f"{LIBRARIES_PREFIX}/{self.machine_name}-{self.version}"


class H5PContent(index.Indexed, models.Model):
    """One uploaded H5P package (its h5p.json, content.json and media), owned by a member state.

    Its files are stored once by hash, whichever states hold the package. Registered as a Wagtail
    snippet: the lesson's H5P block chooses one. Editors of the owning state list and change it;
    other states' editors may only place it in a lesson, where its audience lets them read it, and it
    is played only to readers its audience allows (see h5p.access and docs/decisions/0034)."""

    title = models.CharField(_("title"), max_length=255)
    content_hash = models.CharField(_("SHA-256 of the package"), max_length=64, editable=False)
    state = models.ForeignKey(
        "accounts.MemberState",
        verbose_name=_("owning state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The state whose editors keep this content. Empty: kept by the secretariat."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_(
            "Who may see this activity, in any lesson: anyone, verified officials of any member state, "
            "or only the owning state's. Other states' editors may use it only where they may see it."
        ),
    )
    main_library = models.ForeignKey(
        H5PLibrary, verbose_name=_("main library"), on_delete=models.PROTECT, related_name="main_for"
    )
    libraries = models.ManyToManyField(H5PLibrary, verbose_name=_("libraries"), related_name="contents")
    h5p_json = models.JSONField(_("h5p.json"), default=dict)
    files = models.JSONField(_("files"), default=list, help_text=_("Paths inside the content folder."))
    package_size = models.PositiveBigIntegerField(_("package size (bytes)"), default=0)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        # The admin searches within what h5p.access lets the editor keep or use.
        index.FilterField("state"),
        index.FilterField("audience"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("H5P content")
        verbose_name_plural = _("H5P contents")
        constraints = [
            # A state holds a package once; two states holding the same package share its files.
            models.UniqueConstraint(
                fields=["state", "content_hash"], condition=Q(state__isnull=False), name="h5p_content_unique_per_state"
            ),
            models.UniqueConstraint(
                fields=["content_hash"], condition=Q(state__isnull=True), name="h5p_content_unique_unowned"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def storage_prefix(self) -> str:
        return f"{CONTENT_PREFIX}/{self.content_hash}"

    @property
    def audience_state_id(self) -> int | None:
        return self.state_id


class H5PUserData(models.Model):
    """A learner's saved state of one activity in one lesson (h5p-standalone's content user data)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="h5p_user_data")
    lesson_id = models.PositiveIntegerField(_("lesson"))
    content = models.ForeignKey(H5PContent, on_delete=models.CASCADE, related_name="user_data")
    data_type = models.CharField(_("data type"), max_length=127, default="state")
    sub_content_id = models.PositiveIntegerField(_("sub-content id"), default=0)
    data = models.TextField(_("data"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("H5P saved state")
        verbose_name_plural = _("H5P saved states")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson_id", "content", "data_type", "sub_content_id"],
                name="h5p_user_data_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} / {self.lesson_id} / {self.content_id} / {self.data_type}"
