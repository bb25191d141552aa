"""Attachments are what their bytes say they are: PDF, PNG, JPEG or plain UTF-8 text, and no
larger than FORUM_ATTACHMENT_MAX_BYTES. The name and the browser's content type are not trusted."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .errors import ForumError

MAX_FILES = 5


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes
    sha256: str


def _sniff(head: bytes, data: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
        return None
    if text.lstrip().lower().startswith(("<!doctype", "<html", "<svg", "<?xml", "<script")):
        return None  # markup a browser would run is not "plain text"
    return "text/plain"


EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "text/plain": ".txt"}


def check_upload(upload) -> CheckedFile:
    limit = settings.FORUM_ATTACHMENT_MAX_BYTES
    name = get_valid_filename((upload.name or "file").rsplit("/", 1)[-1])[:150] or "file"
    if upload.size is not None and upload.size > limit:
        raise ForumError(
            _("%(name)s is larger than %(limit)s.") % {"name": name, "limit": filesizeformat(limit)}, status=400
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ForumError(
            _("%(name)s is larger than %(limit)s.") % {"name": name, "limit": filesizeformat(limit)}, status=400
        )
    if not data:
        raise ForumError(_("%(name)s is empty.") % {"name": name}, status=400)
    content_type = _sniff(data[:16], data)
    if content_type is None:
        raise ForumError(
            _("%(name)s is not a PDF, PNG, JPEG or plain-text file (its content was checked, not its name).")
            % {"name": name},
            status=400,
        )
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return CheckedFile(
        name=stem + EXTENSIONS[content_type],
        content_type=content_type,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def check_uploads(files) -> list[CheckedFile]:
    files = list(files or [])
    if len(files) > MAX_FILES:
        raise ForumError(_("Attach at most %(count)s files to a post.") % {"count": MAX_FILES}, status=400)
    return [check_upload(f) for f in files]
