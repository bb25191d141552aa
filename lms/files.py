"""Private files: certificates, monitoring reports and instructors' certification files.

They live in the ``private`` storage (``PRIVATE_ROOT``), which is outside ``MEDIA_ROOT`` and has no
public URL: the only way to read one is a view that has asked the access module first and then
answers with :func:`private_file_response`. In production that response can hand the transfer to
nginx with ``X-Accel-Redirect`` (``PRIVATE_FILES_ACCEL_PREFIX`` names an ``internal`` location
rooted at ``PRIVATE_ROOT``), so the application never streams large files itself.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse


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


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def ranged_file_response(request, field_file, *, content_type: str, filename: str, cache_seconds: int = 0):
    """A private file sent inline with HTTP Range support (one range; iOS plays video only so).

    The caller has already checked that the reader may see it. With ``PRIVATE_FILES_ACCEL_PREFIX``
    nginx answers ranges itself; otherwise ``bytes=a-b``, ``bytes=a-`` and ``bytes=-n`` get a 206
    with ``Content-Range``, an unsatisfiable range a 416, anything else the whole file."""
    if getattr(settings, "PRIVATE_FILES_ACCEL_PREFIX", ""):
        response = private_file_response(field_file, filename=filename, content_type=content_type, as_attachment=False)
    else:
        if not field_file:
            raise Http404
        try:
            size = field_file.storage.size(field_file.name)
            handle = field_file.storage.open(field_file.name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        start, end = 0, size - 1
        match = _RANGE.match(request.headers.get("Range", "").strip())
        status = 200
        if match and (match.group(1) or match.group(2)):
            first, last = match.group(1), match.group(2)
            if first:
                start, end = int(first), min(int(last), size - 1) if last else size - 1
            else:
                start, end = max(0, size - int(last)), size - 1
            if start >= size or start > end:
                handle.close()
                response = HttpResponse(status=416)
                response["Content-Range"] = f"bytes */{size}"
                response["Accept-Ranges"] = "bytes"
                return response
            status = 206
        handle.seek(start)
        response = StreamingHttpResponse(_chunks(handle, end - start + 1), status=status, content_type=content_type)
        response["Content-Length"] = str(end - start + 1)
        if status == 206:
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Disposition"] = f'inline; filename="{quote(filename)}"'
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"private, max-age={cache_seconds}" if cache_seconds else "private, no-store"
    return response


def _chunks(handle, length: int, size: int = 64 * 1024):
    try:
        while length > 0:
            data = handle.read(min(size, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()
