"""Member states, agencies, profiles, law-enforcement verification and scoped role grants."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from lms.languages import TranslatedName


class Subregion(models.TextChoices):
    NORTH_AMERICA = "north_america", _("North America")
    CENTRAL_AMERICA = "central_america", _("Central America")
    CARIBBEAN = "caribbean", _("Caribbean")
    SOUTH_AMERICA = "south_america", _("South America")


class MemberState(TranslatedName, models.Model):
    """One of the 35 OAS member states, named in the four languages."""

    code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two capital letters of ISO 3166-1 alpha-2."))],
    )
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_es = models.CharField(_("name (Spanish)"), max_length=100)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    subregion = models.CharField(_("subregion"), max_length=20, choices=Subregion.choices)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    POLICE = "police", _("Police")
    PRISON = "prison", _("Prison service")
    FORENSIC = "forensic", _("Forensic service")
    PROSECUTION = "prosecution", _("Prosecution")
    OTHER = "other", _("Other")


class Agency(ClusterableModel):
    state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("member state")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)

    class Meta:
        ordering = ["state__name_en", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [models.UniqueConstraint(fields=["state", "name"], name="agency_unique_name_per_state")]

    def __str__(self) -> str:
        return f"{self.name} ({self.state.code})"


class AgencyDomain(models.Model):
    """An e-mail domain that the agency has verified as its own."""

    agency = ParentalKey(Agency, on_delete=models.CASCADE, related_name="domains", verbose_name=_("agency"))
    domain = models.CharField(
        _("e-mail domain"),
        max_length=253,
        unique=True,
        validators=[
            RegexValidator(
                r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
                _("Enter a domain such as policia.gob.mx, in lower case, without @."),
            )
        ],
    )

    class Meta:
        ordering = ["domain"]
        verbose_name = _("agency e-mail domain")
        verbose_name_plural = _("agency e-mail domains")

    def __str__(self) -> str:
        return self.domain


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    ANOTHER = "another", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class VerificationMethod(models.TextChoices):
    EMAIL_DOMAIN = "email_domain", _("Verified e-mail on the agency's domain")
    APPROVAL = "approval", _("Approved by the agency's manager or the state's coordinator")
    IDENTITY_PROVIDER = "identity_provider", _("Signed in through the agency's identity provider")


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("full name"), max_length=150, blank=True)
    member_state = models.ForeignKey(
        MemberState, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("member state")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("agency")
    )
    position = models.CharField(_("position or rank"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    gender = models.CharField(
        _("gender"),
        max_length=12,
        choices=Gender.choices,
        default=Gender.UNDISCLOSED,
        help_text=_("Used only for aggregated, anonymous training statistics disaggregated by gender."),
    )
    # Law-enforcement verification: a verified official of `verified_state`.
    verified_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified official of"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_method = models.CharField(
        _("verification method"), max_length=20, choices=VerificationMethod.choices, blank=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_full_name() or self.user.email or self.user.get_username()

    @property
    def is_verified_official(self) -> bool:
        return self.verified_state_id is not None


class VerificationRequest(models.Model):
    """An official asks the agency's manager or the state's coordinator to confirm them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verification_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="verification_requests")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="pending"), name="one_pending_verification_per_user"
            )
        ]


class Role(models.TextChoices):
    CURRICULUM_EDITOR = "curriculum_editor", _("Curriculum editor")
    AGENCY_MANAGER = "agency_manager", _("Agency training manager")
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    SECRETARIAT = "secretariat", _("Secretariat")


class RoleGrantQuerySet(models.QuerySet):
    def active(self) -> "RoleGrantQuerySet":
        return self.filter(revoked_at__isnull=True)


class RoleGrant(models.Model):
    """A role scoped to a state (editor, coordinator) or an agency (manager); the secretariat has no scope.

    Grants are never deleted: revoking sets `revoked_at`, so the table is the log of who granted what."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, null=True, blank=True, related_name="role_grants")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="role_grants")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "state"],
                condition=models.Q(revoked_at__isnull=True, state__isnull=False),
                name="one_active_state_grant",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=models.Q(revoked_at__isnull=True, agency__isnull=False),
                name="one_active_agency_grant",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True, role="secretariat"),
                name="one_active_secretariat_grant",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role="secretariat", state__isnull=True, agency__isnull=True)
                    | models.Q(
                        role__in=["curriculum_editor", "national_coordinator"], state__isnull=False, agency__isnull=True
                    )
                    | models.Q(role="agency_manager", state__isnull=True, agency__isnull=False)
                ),
                name="role_grant_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.agency or self.state or ""
        return f"{self.get_role_display()} {scope}".strip()


class AuditEvent(models.Model):
    """Who did what to whom: verification decisions, role grants and revocations."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=60)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]


class Notification(models.Model):
    """An in-site notice to one person; the same notice is e-mailed by a Celery task."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    # The language the notice was written in (the recipient's at the time), marked on the page.
    language = models.CharField(max_length=5, default="en")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Lets a caller make a notice idempotent, e.g. "adoption:12:rev:340" notifies once.
    dedupe_key = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], condition=~models.Q(dedupe_key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.subject
