"""What the tests of uploaded packages (H5P, SCORM, cartridges) share: a media folder per test and
zip archives built in memory, with Unix file types set where a test needs a link or a device."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def media_root(request, settings, tmp_path) -> Path | None:
    """A media folder per test (TestCase classes set theirs for the whole class instead)."""
    if request.instance is not None:
        return None
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def zip_bytes(files: dict, *, symlinks: dict | None = None, modes: dict | None = None) -> bytes:
    """A zip of ``files`` (name -> bytes); ``symlinks`` (name -> target) and ``modes`` (name ->
    st_mode) add entries with those Unix file types in their external attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, raw in files.items():
            archive.writestr(name, raw)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
        for name, mode in (modes or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = mode << 16
            archive.writestr(info, b"")
    return buffer.getvalue()
