"""Reads of h5p."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from .models import H5PContent, H5PUserData


def content_by_id(content_id: int) -> H5PContent | None:
    return H5PContent.objects.filter(pk=content_id).first()


def content_for_player(*, content_id: int) -> H5PContent | None:
    """A content with its libraries (for resolving file paths), or None."""
    return H5PContent.objects.filter(pk=content_id).prefetch_related("libraries").first()


def file_storage_name(*, content: H5PContent, path: str) -> str | None:
    """The storage name of a file the player asks for, or None when the package has no such file.

    ``content/<file>`` is the content's own; ``libraries/<Machine.Name-major.minor>/<file>`` resolves
    to the exact library version this content was imported with."""
    if path.startswith("content/"):
        inner = path[len("content/") :]
        return f"{content.storage_prefix}/{inner}" if inner in content.files else None
    if path.startswith("libraries/"):
        folder, _, inner = path[len("libraries/") :].partition("/")
        for library in content.libraries.all():
            if library.folder == folder:
                return f"{library.storage_prefix}/{inner}" if inner in library.files else None
    return None


def user_state(*, user_id: int, lesson_id: int, content: H5PContent) -> str | None:
    return (
        H5PUserData.objects.filter(
            user_id=user_id, lesson_id=lesson_id, content=content, data_type="state", sub_content_id=0
        )
        .values_list("data", flat=True)
        .first()
    )


def activity_iri(*, lesson_id: int, content_id: int) -> str:
    """The xAPI activity id of one H5P content placed in one lesson (on the site's own address,
    whichever origin serves the player)."""
    return settings.SITE_BASE_URL.rstrip("/") + reverse("h5p:activity", args=[lesson_id, content_id])


def content_in_lesson(*, lesson_id: int, content: H5PContent) -> bool:
    """Is this content placed in the body of this live lesson?"""
    from courses import api as courses_api

    blocks = courses_api.live_lesson_blocks(lesson_id)
    if blocks is None:
        return False
    placed = any(
        block.get("type") == "h5p"
        and isinstance(block.get("value"), dict)
        and str(block["value"].get("content")) == str(content.pk)
        for block in blocks
    )
    return placed
