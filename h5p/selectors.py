"""Reads of h5p."""

from __future__ import annotations

import posixpath
import re

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.templatetags.static import static
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


def files_base(*, token: str, content: H5PContent) -> str:
    """Where the player finds its files: the grant, then the package's hash (content-addressed)."""
    return f"/h5p/files/{token}/{content.content_hash}"


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


# @font-face sources (the browser takes the first format it supports, so that one is enough), and
# other url() references in a library's style sheets (images).
_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*:([^;}]*)", re.IGNORECASE)
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)\s*(?:format\(\s*['"]?([\w-]+)['"]?\s*\))?""", re.IGNORECASE)
_FONT_FORMATS = {"woff2": "woff2", "woff": "woff", "truetype": "ttf", "opentype": "otf"}
_IMAGE_TYPES = {"png", "jpg", "jpeg", "gif", "svg", "webp"}
PLAYER_FILES_CACHE_SECONDS = 24 * 60 * 60


def player_files(*, content: H5PContent) -> list[str]:
    """What the player of this content loads at start, for the lesson page to fetch and hand to it
    (see static/h5p/activity.js): paths under the content's file base (``h5p.json``, ``content/…``,
    ``libraries/<folder>/…``) and the player's own static files (absolute paths).

    The preloaded libraries, from h5p.json down, with their library.json, scripts and style sheets,
    and what those style sheets use: the first font a browser can take of each @font-face, and
    images. A content's files never change (its address holds its hash), so the list is cached."""
    key = f"h5p:player-files:{content.pk}:{content.content_hash}"
    files = cache.get(key)
    if files is None:
        files = _player_files(content)
        cache.set(key, files, PLAYER_FILES_CACHE_SECONDS)
    return files


def _player_files(content: H5PContent) -> list[str]:
    by_folder = {library.folder: library for library in content.libraries.all()}
    files = ["h5p.json", "content/content.json"]
    seen: set[str] = set()
    queue = list(content.h5p_json.get("preloadedDependencies") or [])
    while queue:
        dependency = queue.pop(0)
        try:
            folder = f"{dependency['machineName']}-{int(dependency['majorVersion'])}.{int(dependency['minorVersion'])}"
        except (KeyError, TypeError, ValueError):
            continue
        library = by_folder.get(folder)
        if library is None or folder in seen:
            continue
        seen.add(folder)
        meta = library.metadata
        files.append(f"libraries/{folder}/library.json")
        for entry in (meta.get("preloadedJs") or []) + (meta.get("preloadedCss") or []):
            path = entry.get("path") if isinstance(entry, dict) else None
            if path in library.files:
                files.append(f"libraries/{folder}/{path}")
                if path.lower().endswith(".css"):
                    files.extend(f"libraries/{folder}/{asset}" for asset in _style_assets(library, path))
        queue.extend(meta.get("preloadedDependencies") or [])
    files.extend([static("h5p-standalone/frame.bundle.js"), static("h5p-standalone/styles/h5p.css")])
    return list(dict.fromkeys(files))


def _style_assets(library, css_path: str) -> list[str]:
    try:
        with default_storage.open(f"{library.storage_prefix}/{css_path}", "rb") as handle:
            text = handle.read(2 * 1024 * 1024).decode("utf-8", "replace")
    except OSError:
        return []
    folder = posixpath.dirname(css_path)

    def inside(reference: str) -> str | None:
        if reference.startswith(("data:", "blob:", "http:", "https:", "/", "#")):
            return None
        path = posixpath.normpath(posixpath.join(folder, re.split(r"[?#]", reference)[0]))
        return path if path in library.files else None

    assets = []
    for face in _FONT_FACE.finditer(text):
        sources = _SRC.findall(face.group(1))
        for match in _URL.finditer(sources[-1] if sources else ""):  # the last src declaration holds
            reference, hint = match.group(2).strip(), (match.group(3) or "").lower()
            kind = _FONT_FORMATS.get(hint) or reference.split("?")[0].rsplit(".", 1)[-1].lower()
            if kind in _FONT_FORMATS.values():
                if path := inside(reference):
                    assets.append(path)
                break
    text = _FONT_FACE.sub("", text)
    for match in _URL.finditer(text):
        reference = match.group(2).strip()
        extension = re.split(r"[?#]", reference)[0].rsplit(".", 1)[-1].lower()
        if extension in _IMAGE_TYPES and (path := inside(reference)):
            assets.append(path)
    return assets
