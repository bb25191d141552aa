"""LTI 1.3: the platforms that launch Capacitas, the tool's own keys, and what launches leave behind
(who a platform's user is here, which links open which course or lesson, the roster read)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel


class Platform(ClusterableModel):
    """A learning platform (Moodle, Canvas, Open edX…) registered with Capacitas: by hand in the
    admin or by dynamic registration. One issuer may register several client ids."""

    name = models.CharField(_("name"), max_length=200)
    issuer = models.URLField(_("issuer"), max_length=255)
    client_id = models.CharField(_("client id"), max_length=255)
    auth_login_url = models.URLField(_("authorization (login) URL"), max_length=500)
    auth_token_url = models.URLField(_("access token URL"), max_length=500)
    auth_audience = models.CharField(
        _("token audience"), max_length=500, blank=True, help_text=_("Empty: the access token URL.")
    )
    key_set_url = models.URLField(_("platform JWKS URL"), max_length=500)
    active = models.BooleanField(_("active"), default=True)
    registered_dynamically = models.BooleanField(_("registered dynamically"), default=False, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("issuer"), FieldPanel("client_id"), FieldPanel("active")], heading=_("Registration")
        ),
        MultiFieldPanel(
            [
                FieldPanel("auth_login_url"),
                FieldPanel("auth_token_url"),
                FieldPanel("auth_audience"),
                FieldPanel("key_set_url"),
            ],
            heading=_("Platform addresses"),
        ),
        InlinePanel("deployments", heading=_("Deployments"), label=_("deployment"), min_num=1),
    ]

    class Meta:
        verbose_name = _("LTI platform")
        verbose_name_plural = _("LTI platforms")
        constraints = [models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_one_platform_per_client")]

    def __str__(self) -> str:
        return f"{self.name} ({self.issuer})"


class Deployment(models.Model):
    platform = ParentalKey(Platform, on_delete=models.CASCADE, related_name="deployments")
    deployment_id = models.CharField(_("deployment id"), max_length=255)

    class Meta:
        verbose_name = _("deployment")
        constraints = [
            models.UniqueConstraint(fields=["platform", "deployment_id"], name="lti_one_deployment_per_platform")
        ]

    def __str__(self) -> str:
        return self.deployment_id


class ToolKey(models.Model):
    """One of the tool's RSA keys. The current key (``retired_at`` empty) signs; a retired key's
    public half stays in the JWKS until ``LTI_KEY_GRACE_DAYS`` after its retirement, so that what
    platforms cached keeps verifying. The private key is stored encrypted (``LTI_KEY_SECRET``)."""

    kid = models.CharField(max_length=100, unique=True)
    public_pem = models.TextField()
    private_encrypted = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["retired_at"], condition=models.Q(retired_at__isnull=True), name="lti_one_current_key"
            )
        ]

    def __str__(self) -> str:
        return self.kid


class Account(models.Model):
    """A platform's user (``sub`` at ``platform``) and the Capacitas account made for them."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="accounts")
    sub = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_accounts")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "sub"], name="lti_one_account_per_sub")]


class Target(models.TextChoices):
    COURSE = "course", _("Course")
    LESSON = "lesson", _("Lesson")


class ResourceLink(models.Model):
    """A link in a platform's course that opens one Capacitas course or lesson, with the grade
    and roster services the platform offered on it."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="links")
    deployment_id = models.CharField(max_length=255)
    resource_link_id = models.CharField(max_length=255)
    context_id = models.CharField(max_length=255, blank=True)
    target = models.CharField(max_length=8, choices=Target.choices)
    page_id = models.PositiveIntegerField()
    title = models.CharField(max_length=255, blank=True)
    ags = models.JSONField(default=dict, blank=True)
    nrps = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "deployment_id", "resource_link_id"], name="lti_one_link_per_resource"
            )
        ]


class LearnerLink(models.Model):
    """A learner launched through a link: their progress there goes back to the platform."""

    link = models.ForeignKey(ResourceLink, on_delete=models.CASCADE, related_name="learners")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="links")
    last_sent = models.JSONField(default=dict, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "account"], name="lti_one_learner_per_link")]


class UsedNonce(models.Model):
    """Nonces of ID tokens already accepted: a token is good for one launch."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=255)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "nonce"], name="lti_nonce_once")]


class Ticket(models.Model):
    """A single-use, short-lived ticket from the landing page in the platform's frame to Capacitas
    in a window of its own (where the site's cookies are first-party). Only its hash is kept."""

    digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)


class RosterMember(models.Model):
    """One member of a platform's course as its Names and Role Provisioning Service last said."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="+")
    context_id = models.CharField(max_length=255)
    sub = models.CharField(max_length=255)
    name = models.CharField(max_length=255, blank=True)
    email = models.CharField(max_length=254, blank=True)
    roles = models.JSONField(default=list)
    status = models.CharField(max_length=20, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "context_id", "sub"], name="lti_one_roster_row")]
