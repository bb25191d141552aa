"""The SCORM demo writes its package now (validated like an upload) and places it in its lesson once."""

import io
import json

from courses.models import LessonPage
from scorm import demo
from scorm.models import ScormPackage
from scorm.validation import package_validate

SPECS = json.loads((demo.DATA / "placements.json").read_text(encoding="utf-8"))


def test_the_built_package_is_a_valid_scorm_2004_package_with_a_sco_per_page():
    for spec in SPECS:
        data = demo.package_bytes(spec)
        assert data == demo.package_bytes(spec)  # same bytes, so stored once by hash
        package = package_validate(data)
        assert package.version == "2004-4"
        assert [item["href"] for item in package.manifest["items"]] == [f"{p['id']}.html" for p in spec["pages"]]
        assert all(item["sco"] for item in package.manifest["items"])
        assert package.manifest["sequencing"] == {"choice": True, "flow": True}
        assert "sco.js" in package.files


def test_the_demo_places_its_package_in_the_lesson_once(site_frame):
    from tests.courses.factories import CoursePageFactory, LessonPageFactory

    spec = SPECS[0]
    course = CoursePageFactory(title="De-escalation", slug=spec["course"])
    lesson = LessonPageFactory(parent=course, title="Time", slug=spec["lesson"])
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    package = ScormPackage.objects.get()
    blocks = [b for b in LessonPage.objects.get(pk=lesson.pk).body.raw_data if b["type"] == "scorm"]
    assert [b["value"]["package"] for b in blocks] == [package.pk]
