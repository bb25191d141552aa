"""Private files: certificates, monitoring reports and instructors' certification files.

They live in the ``private`` storage (``PRIVATE_ROOT``), which is outside ``MEDIA_ROOT`` and has no
public URL: the only way to read one is a view that has asked the access module first and then
answers with :func:`private_file_response`. In production that response can hand the transfer to
nginx with ``X-Accel-Redirect`` (``PRIVATE_FILES_ACCEL_PREFIX`` names an ``internal`` location
rooted at ``PRIVATE_ROOT``), so the application never streams large files itself.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage without a public address."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view that checks access.")


def private_storage():
    """The storage of private files (a callable, so that tests and deployments can swap it)."""
    return storages["private"]


def private_file_response(field_file, *, filename: str, content_type: str, as_attachment: bool = True) -> HttpResponse:
    """The response that sends a private file the caller has already checked the reader may see."""
    if not field_file:
        raise Http404
    prefix = getattr(settings, "PRIVATE_FILES_ACCEL_PREFIX", "")
    if prefix:
        if not field_file.storage.exists(field_file.name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
        disposition = "attachment" if as_attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{quote(filename)}"'
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None  # the record outlived its file (storage restored from an older backup)
        response = FileResponse(handle, content_type=content_type, as_attachment=as_attachment, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
