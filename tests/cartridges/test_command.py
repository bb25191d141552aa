"""manage.py cc_export COURSE_ID FILE.imscc."""

import zipfile

import pytest
from django.core.management import CommandError, call_command

from tests.courses.factories import CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def test_writes_the_cartridge(site_frame, tmp_path):
    course = CoursePageFactory()
    LessonPageFactory(parent=course)
    target = tmp_path / "course.imscc"
    call_command("cc_export", str(course.pk), str(target))
    with zipfile.ZipFile(target) as archive:
        assert "imsmanifest.xml" in archive.namelist()


def test_unknown_course_is_a_clear_error(db, tmp_path):
    target = tmp_path / "none.imscc"
    with pytest.raises(CommandError, match="No live course has the id 999999"):
        call_command("cc_export", "999999", str(target))
    assert not target.exists()


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "abc"])
def test_a_value_that_is_not_an_id_is_a_clear_error(db, tmp_path, value):
    with pytest.raises(CommandError, match="is not an id"):
        call_command("cc_export", value, str(tmp_path / "x.imscc"))


def test_unknown_curriculum_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No live curriculum has the id 999999"):
        call_command("cc_export", "999999", str(tmp_path / "x.imscc"), "--curriculum")
