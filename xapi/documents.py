"""Writes and reads of the document resources: State, Activity Profile and Agent Profile
(Communication 2.2, 2.3, 2.6, 2.7), with the concurrency rules of Communication 3.1.

A document is bytes with a content type. POST merges a JSON object into a stored JSON object one
level deep (Communication 2.2.s7); every write of an existing document holds a row lock, so two
writers are serialised and an ``If-Match`` is checked against the ETag the other writer left.
See docs/decisions/0044-document-resources.md.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.untrusted import UntrustedInput, loads

from .models import Document, DocumentKind, LRSClient

JSON_TYPE = "application/json"


class DocumentRefused(Exception):
    """A document request the LRS refuses, with its HTTP status (400, 409 or 412) and message."""

    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class DocumentKey:
    kind: str
    activity_id: str = ""
    agent_ifi: str = ""
    registration: uuid.UUID | None = None
    document_id: str = ""

    def _hash(self, *parts) -> str:
        encoded = json.dumps([self.kind, self.activity_id, self.agent_ifi, *parts], ensure_ascii=False)
        return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def key_hash(self) -> str:
        return self._hash(str(self.registration or ""), self.document_id)

    @property
    def scope_hash(self) -> str:
        return self._hash()


def etag_of(content: bytes) -> str:
    """The ETag of a document: the SHA-1 of its content in hexadecimal (Communication 3.1)."""
    return hashlib.sha1(content).hexdigest()  # noqa: S324 - the digest xAPI prescribes, not a secret


def _is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == JSON_TYPE


def _tags(header: str) -> set[str]:
    """The entity tags of an If-Match / If-None-Match header, without quotes or weakness marks."""
    tags = set()
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tags.add(tag.strip('"').lower())
    return tags - {""}


def _check_preconditions(existing: Document | None, *, if_match: str | None, if_none_match: str | None) -> None:
    """RFC 2616 14.24 and 14.26 as Communication 3.1 applies them: a failed precondition is 412."""
    failed = DocumentRefused(412, _("The document has changed since you read it (the precondition failed)."))
    if if_match is not None:
        tags = _tags(if_match)
        if existing is None or not ("*" in tags or existing.etag in tags):
            raise failed
    if if_none_match is not None and existing is not None:
        tags = _tags(if_none_match)
        if "*" in tags or existing.etag in tags:
            raise failed


def _json_object(content: bytes, what: str) -> dict:
    try:
        value = loads(content)
    except UntrustedInput as error:
        raise DocumentRefused(400, _("%(what)s: %(reason)s") % {"what": what, "reason": error}) from None
    if not isinstance(value, dict):
        raise DocumentRefused(400, _("%(what)s is not a JSON object.") % {"what": what})
    return value


def document_get(*, client: LRSClient, key: DocumentKey) -> Document | None:
    return Document.objects.filter(client=client, key_hash=key.key_hash).first()


def document_ids(
    *, client: LRSClient, key: DocumentKey, since: datetime.datetime | None = None, registration=False
) -> list[str]:
    """The ids of the documents in the scope of ``key`` (its activity and/or agent; the
    registration too when ``registration``), updated after ``since``, oldest first."""
    found = Document.objects.filter(client=client, scope_hash=key.scope_hash)
    if registration:
        found = found.filter(registration=key.registration)
    if since is not None:
        found = found.filter(updated__gt=since)
    return list(found.order_by("updated", "id").values_list("document_id", flat=True))


def _lock(client: LRSClient, key: DocumentKey) -> Document | None:
    return Document.objects.select_for_update().filter(client=client, key_hash=key.key_hash).first()


def document_write(
    *,
    client: LRSClient,
    key: DocumentKey,
    content: bytes,
    content_type: str,
    merge: bool,
    if_match: str | None = None,
    if_none_match: str | None = None,
    precondition_required: bool = False,
) -> Document:
    """Store a document (PUT) or merge it into the stored one (POST, ``merge``).

    ``precondition_required`` (the profile resources): a PUT without If-Match or If-None-Match is
    refused, with 409 when the document exists and 400 when it does not (Communication 3.1)."""
    content_type = content_type.strip() or "application/octet-stream"
    if merge and _is_json(content_type):
        incoming = _json_object(content, _("The document"))
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                existing = _lock(client, key)
                _check_preconditions(existing, if_match=if_match, if_none_match=if_none_match)
                if precondition_required and not merge and if_match is None and if_none_match is None:
                    if existing is not None:
                        raise DocumentRefused(
                            409,
                            _(
                                "This document already exists: send If-Match with its ETag to replace it, "
                                "or If-None-Match: * to create it only if it does not exist."
                            ),
                        )
                    raise DocumentRefused(
                        400, _("Send If-Match or If-None-Match with a PUT to this resource (Communication 3.1).")
                    )
                if merge and existing is not None:
                    if not (_is_json(content_type) and _is_json(existing.content_type)):
                        raise DocumentRefused(
                            400, _("Only a JSON object can be merged into a stored JSON object (POST).")
                        )
                    stored = _json_object(bytes(existing.content), _("The stored document"))
                    content = json.dumps({**stored, **incoming}, ensure_ascii=False).encode()
                    content_type = JSON_TYPE
                now = timezone.now()
                if existing is None:
                    return Document.objects.create(
                        client=client,
                        kind=key.kind,
                        activity_id=key.activity_id,
                        agent_ifi=key.agent_ifi,
                        registration=key.registration,
                        document_id=key.document_id,
                        key_hash=key.key_hash,
                        scope_hash=key.scope_hash,
                        content=content,
                        content_type=content_type,
                        etag=etag_of(content),
                        updated=now,
                    )
                existing.content = content
                existing.content_type = content_type
                existing.etag = etag_of(content)
                existing.updated = max(now, existing.updated + datetime.timedelta(microseconds=1))
                existing.save(update_fields=["content", "content_type", "etag", "updated"])
                return existing
        except IntegrityError:
            # Another writer created the same document between our look-up and our INSERT: once
            # more, now that the row exists and can be locked and compared.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def document_delete(
    *, client: LRSClient, key: DocumentKey, if_match: str | None = None, if_none_match: str | None = None
) -> None:
    """Delete one document (204 whether it existed or not), with the same preconditions as PUT."""
    existing = _lock(client, key)
    _check_preconditions(existing, if_match=if_match, if_none_match=if_none_match)
    if existing is not None:
        existing.delete()


def documents_delete(*, client: LRSClient, key: DocumentKey, registration: bool) -> int:
    """Delete every state document of an activity and agent (and registration, when given)."""
    found = Document.objects.filter(client=client, kind=DocumentKind.STATE, scope_hash=key.scope_hash)
    if registration:
        found = found.filter(registration=key.registration)
    deleted, _by_model = found.delete()
    return deleted
