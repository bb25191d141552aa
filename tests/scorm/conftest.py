"""Fixtures for scorm: the shared sample packages, crafted archives, a media folder per test."""

from __future__ import annotations

from tests.conftest import SCORM_SAMPLES
from tests.packages import media_root, zip_bytes  # noqa: F401 (media_root: a fixture used by all)

VALID = sorted((SCORM_SAMPLES / "valid").glob("*.zip"))
INVALID = sorted((SCORM_SAMPLES / "invalid").glob("*.zip"))


def sample(name: str) -> bytes:
    return (SCORM_SAMPLES / name).read_bytes()


MANIFEST_12 = """<?xml version="1.0"?>
<manifest identifier="crafted" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Crafted</title>
    <item identifier="one" identifierref="r1"><title>One</title></item>
  </organization></organizations>
  <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"""


def crafted(
    manifest: str = MANIFEST_12,
    extra: dict | None = None,
    *,
    drop: tuple = (),
    symlinks: dict | None = None,
    modes: dict | None = None,
) -> bytes:
    """A minimal valid SCORM 1.2 package (or ``manifest``), plus ``extra`` files, minus ``drop``;
    ``symlinks`` (name -> target) and ``modes`` (name -> st_mode) set Unix file types."""
    files = {"imsmanifest.xml": manifest.encode(), "index.html": b"<html><head></head><body>SCO</body></html>"}
    for name in drop:
        files.pop(name, None)
    files.update(extra or {})
    return zip_bytes(files, symlinks=symlinks, modes=modes)


def lesson_with(package, *, audience: str = "state", pass_mark=None):
    """A published lesson holding ``package``, in a course of a new state, and an enrolled learner."""
    from tests.accounts.factories import MemberStateFactory, official
    from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory

    state = MemberStateFactory()
    course = CoursePageFactory(state=state, audience=audience)
    lesson = LessonPageFactory(parent=course, scorm_package=package, pass_mark=pass_mark)
    learner = official(state)
    EnrolmentFactory(user=learner, course=course)
    return lesson, learner
