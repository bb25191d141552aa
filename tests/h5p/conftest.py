"""Fixtures for h5p: the shared sample packages, crafted archives, a media folder per test."""

from __future__ import annotations

import json

import pytest

from tests.conftest import H5P_SAMPLES
from tests.packages import media_root, zip_bytes  # noqa: F401 (media_root: a fixture used by all)

VALID = sorted((H5P_SAMPLES / "valid").glob("*.h5p"))
INVALID = sorted((H5P_SAMPLES / "invalid").glob("*.h5p"))


def sample(name: str) -> bytes:
    return (H5P_SAMPLES / name).read_bytes()


LIBRARY_JSON = {
    "title": "Crafted",
    "machineName": "H5P.Crafted",
    "majorVersion": 1,
    "minorVersion": 2,
    "patchVersion": 3,
    "runnable": 1,
    "preloadedJs": [{"path": "crafted.js"}],
    "preloadedCss": [{"path": "crafted.css"}],
}
H5P_JSON = {
    "title": "Crafted package",
    "language": "en",
    "mainLibrary": "H5P.Crafted",
    "embedTypes": ["iframe"],
    "preloadedDependencies": [{"machineName": "H5P.Crafted", "majorVersion": 1, "minorVersion": 2}],
}


def crafted(
    extra: dict | None = None,
    *,
    drop: tuple = (),
    symlinks: dict | None = None,
    modes: dict | None = None,
    h5p_json: dict | None = None,
    library_json: dict | None = None,
) -> bytes:
    """A minimal valid package, plus ``extra`` files (name -> bytes), minus ``drop``; ``symlinks``
    (name -> target) and ``modes`` (name -> st_mode) set Unix file types in the external attributes."""
    files = {
        "h5p.json": json.dumps(h5p_json or H5P_JSON).encode(),
        "content/content.json": b'{"text": "hello"}',
        "H5P.Crafted-1.2/library.json": json.dumps(library_json or LIBRARY_JSON).encode(),
        "H5P.Crafted-1.2/crafted.js": b"H5P.Crafted = function () {};",
        "H5P.Crafted-1.2/crafted.css": b".crafted { color: #000; }",
    }
    for name in drop:
        files.pop(name, None)
    files.update(extra or {})
    return zip_bytes(files, symlinks=symlinks, modes=modes)


def frame_after_flush():
    """Home pages, also after a transactional test flushed the database (Wagtail's root page, made by
    its migrations, is then gone and is made again here)."""
    from wagtail.models import Locale, Page

    from home.api import home_pages_ensure

    locale, _ = Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return home_pages_ensure()


@pytest.fixture
def h5p_frame(db):
    return frame_after_flush()
