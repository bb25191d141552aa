"""Learning records: xAPI statements, the clients allowed to send and read them, and forwarding.

A statement is stored once by its id (a unique constraint), with the columns the Statements
resource filters on, and one ``StatementRelation`` row per agent or activity it mentions so that
``agent``, ``activity``, ``related_agents`` and ``related_activities`` are index look-ups.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LRSClient(models.Model):
    """An external tool or platform with its own credentials (HTTP Basic: key and secret)."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    key = models.CharField(_("key"), max_length=40, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    can_read = models.BooleanField(_("may read statements"), default=True)
    can_write = models.BooleanField(_("may write statements"), default=True)
    can_read_all = models.BooleanField(
        _("may read and void every statement"),
        default=False,
        help_text=_(
            "Without this, the client reads and voids only the statements it sent itself; with it, also "
            "those of other clients and of the platform's learners."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("LRS client")
        verbose_name_plural = _("LRS clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def authority(self) -> dict:
        """The Agent that vouches for the statements this client sends."""
        return {
            "objectType": "Agent",
            "name": self.name,
            "account": {"homePage": f"{settings.SITE_BASE_URL.rstrip('/')}/xapi/clients", "name": self.key},
        }


class Statement(models.Model):
    """One xAPI statement, exactly as stored (``data``), with the columns queries need."""

    statement_id = models.UUIDField(_("statement id"), unique=True)
    content_hash = models.CharField(max_length=64)
    data = models.JSONField(_("statement"))
    stored = models.DateTimeField(_("stored"), db_index=True)
    timestamp = models.DateTimeField(_("timestamp"))
    verb_id = models.TextField(_("verb"))
    actor_ifi = models.TextField(_("actor"))
    object_type = models.CharField(_("object type"), max_length=20)
    object_statement_id = models.UUIDField(null=True, blank=True, db_index=True)
    registration = models.UUIDField(_("registration"), null=True, blank=True, db_index=True)
    voided = models.BooleanField(_("voided"), default=False)
    is_voiding = models.BooleanField(default=False)
    client = models.ForeignKey(
        LRSClient, verbose_name=_("client"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="xapi_statements",
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [
            models.Index(fields=["-stored", "-id"], name="xapi_stmt_stored_idx"),
            models.Index(fields=["verb_id"], name="xapi_stmt_verb_idx"),
            models.Index(fields=["user", "-stored"], name="xapi_stmt_user_idx"),
            models.Index(fields=["client", "-stored", "-id"], name="xapi_stmt_client_idx"),
        ]

    def __str__(self) -> str:
        return str(self.statement_id)


class RelationKind(models.TextChoices):
    AGENT = "agent", _("agent")
    ACTIVITY = "activity", _("activity")


class StatementRelation(models.Model):
    """An agent (by its identifier) or an activity (by its IRI) a statement mentions.

    ``direct`` marks the ones the plain filters match: the actor or object agent for ``agent``, the
    object activity for ``activity``; the others (context, authority, sub-statement, group
    members) only match with ``related_agents`` / ``related_activities``."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=10, choices=RelationKind.choices)
    value = models.TextField()
    direct = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["kind", "value"], name="xapi_rel_kind_value_idx")]


class ForwardTarget(models.Model):
    """An external LRS that receives a copy of every statement (configured by the secretariat)."""

    name = models.CharField(_("name"), max_length=120)
    endpoint = models.URLField(_("endpoint"), help_text=_("The LRS's xAPI root, e.g. https://lrs.example.org/xapi/"))
    username = models.CharField(_("username"), max_length=200, blank=True)
    password = models.CharField(_("password"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("external LRS")
        verbose_name_plural = _("external LRSs")

    def __str__(self) -> str:
        return self.name


class AttachmentSender(models.Model):
    """A client that sent the data of an attachment (by hash) in a multipart request: the
    statements it declares with a ``fileUrl`` are then served with that data."""

    sha2 = models.CharField(max_length=128)
    client = models.ForeignKey(LRSClient, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sha2", "client"], name="xapi_attachment_sender_unique")]


class Attachment(models.Model):
    """The raw data of a statement attachment sent in a multipart/mixed request, stored once by
    its SHA-2 hash (statements refer to it by ``sha2``)."""

    sha2 = models.CharField(max_length=128, unique=True)
    content_type = models.CharField(max_length=255)
    length = models.PositiveBigIntegerField()
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.sha2


class DocumentKind(models.TextChoices):
    STATE = "state", _("state")
    ACTIVITY_PROFILE = "activity_profile", _("activity profile")
    AGENT_PROFILE = "agent_profile", _("agent profile")


class Document(models.Model):
    """A document of the State, Activity Profile or Agent Profile resource (Communication 2.2).

    Keyed on the client that wrote it (clients are isolated), the kind, the activity and/or agent,
    the registration (state only) and the ``stateId``/``profileId``. ``key_hash`` (SHA-256 of the
    whole key) carries the unique constraint and ``scope_hash`` (of the key without the
    registration and id) the index of lists and deletions, so that ids of any length are stored."""

    client = models.ForeignKey(LRSClient, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    activity_id = models.TextField(blank=True)
    agent_ifi = models.TextField(blank=True)
    registration = models.UUIDField(null=True, blank=True)
    document_id = models.TextField()
    key_hash = models.CharField(max_length=64)
    scope_hash = models.CharField(max_length=64)
    content = models.BinaryField()
    content_type = models.CharField(max_length=255)
    etag = models.CharField(max_length=40)
    updated = models.DateTimeField()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [models.UniqueConstraint(fields=["client", "key_hash"], name="xapi_document_key_unique")]
        indexes = [models.Index(fields=["client", "scope_hash", "updated"], name="xapi_document_scope_idx")]

    def __str__(self) -> str:
        return self.document_id


class ForwardItem(models.Model):
    """A stored statement waiting to be sent to one external LRS: the outbox of forwarding.

    ``target`` is a ForwardTarget's primary key or ``"settings"`` (``XAPI_FORWARD_ENDPOINT``).
    Rows are written in the transaction that stores the statements, in the order they were given,
    and deleted once the external LRS has them, so the oldest row of a target is always the next
    to send: a learner's statements arrive in order, however many times sending is retried."""

    target = models.CharField(max_length=20)
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["target", "id"], name="xapi_forward_target_idx")]
