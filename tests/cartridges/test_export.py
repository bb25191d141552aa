"""The export of a course as a Common Cartridge 1.1: schema-valid manifest, QTI and web links."""

import pytest
from lxml import etree

from cartridges.export import QTI_NS, VERSIONS, course_cartridge
from tests.cartridges.conftest import assert_valid, unzip
from tests.courses.factories import CoursePageFactory, LessonPageFactory, quiz_with_questions

pytestmark = pytest.mark.django_db

CP = VERSIONS["1.1"]["cp"]
HOSTILE = 'Évaluer <script>alert("x")</script> ]]> & «ñ» 中文 \x01'


def _video(url="https://www.youtube-nocookie.com/embed/abc123"):
    return {"type": "video", "value": {"title": "Watch <b>", "embed_url": url, "video": None}}


@pytest.fixture
def course(site_frame):
    course = CoursePageFactory(title="Interviewing witnesses")
    quiz = quiz_with_questions(title="Check yourself")
    LessonPageFactory(parent=course, title="First")
    LessonPageFactory(parent=course, title="Second", quiz=quiz)
    lesson = LessonPageFactory(parent=course, title="Third")
    lesson.body = [*lesson.body.raw_data, _video()]
    lesson.save_revision().publish()
    return course


def test_manifest_quiz_and_links_are_schema_valid(course, cc_schemas):
    files = unzip(course_cartridge(course, base_url="https://capacitas.example").zip_bytes())
    manifest = assert_valid(cc_schemas["manifest"], files["imsmanifest.xml"])
    items = manifest.findall(f".//{{{CP}}}organization/{{{CP}}}item/{{{CP}}}item")
    assert [item.findtext(f"{{{CP}}}title") for item in items] == ["First", "Second", "Third"]
    resources = manifest.findall(f".//{{{CP}}}resource")
    types = [resource.get("type") for resource in resources]
    assert types.count("webcontent") == 3
    assert types.count("imsqti_xmlv1p2/imscc_xmlv1p1/assessment") == 1
    assert types.count("imswl_xmlv1p1") == 1
    for resource in resources:
        for file_element in resource.findall(f"{{{CP}}}file"):
            assert file_element.get("href") in files
    qti_path = next(r.find(f"{{{CP}}}file").get("href") for r in resources if "imsqti" in r.get("type"))
    qti = assert_valid(cc_schemas["qti"], files[qti_path])
    profiles = [
        field.findtext(f"{{{QTI_NS}}}fieldentry")
        for field in qti.iterfind(f".//{{{QTI_NS}}}itemmetadata//{{{QTI_NS}}}qtimetadatafield")
        if field.findtext(f"{{{QTI_NS}}}fieldlabel") == "cc_profile"
    ]
    assert profiles == [
        "cc.multiple_choice.v0p1",
        "cc.multiple_response.v0p1",
        "cc.true_false.v0p1",
        "cc.fib.v0p1",
        "cc.fib.v0p1",
    ]
    wl_path = next(r.find(f"{{{CP}}}file").get("href") for r in resources if r.get("type") == "imswl_xmlv1p1")
    assert_valid(cc_schemas["wl"], files[wl_path])
    lom = etree.tostring(manifest, encoding="unicode")
    assert "Interviewing witnesses" in lom and "<lomimscc:language>en</lomimscc:language>" in lom


def test_hostile_text_is_escaped_and_still_valid(site_frame, cc_schemas):
    course = CoursePageFactory(title=HOSTILE, summary=HOSTILE)
    quiz = quiz_with_questions(title=HOSTILE, instructions=HOSTILE)
    quiz.questions.update(prompt=HOSTILE, feedback=HOSTILE)
    lesson = LessonPageFactory(parent=course, title=HOSTILE, intro=HOSTILE, quiz=quiz)
    lesson.body = [
        {"type": "text", "value": '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:x()">l</a></p>'},
        *lesson.body.raw_data,
        _video("javascript:alert(1)"),
    ]
    lesson.save_revision().publish()
    files = unzip(course_cartridge(course).zip_bytes())
    assert_valid(cc_schemas["manifest"], files["imsmanifest.xml"])
    qti = next(data for name, data in files.items() if name.endswith("assessment.xml"))
    assert_valid(cc_schemas["qti"], qti)
    page = next(data for name, data in files.items() if name.startswith("wiki_content/lesson-")).decode()
    assert "<script" not in page and "onclick" not in page and "javascript:" not in page
    assert "&lt;script&gt;" in page and "中文" in page
    assert not any(name.startswith("WL_") for name in files)


def test_cartridge_1_3_differs_in_namespaces_only(course, cc_schemas):
    """With 1.3's namespaces and version strings put back to 1.1's, the 1.3 cartridge is valid 1.1."""
    files = unzip(course_cartridge(course, version="1.3").zip_bytes())
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert manifest.tag == f"{{{VERSIONS['1.3']['cp']}}}manifest"
    assert manifest.findtext(f".//{{{VERSIONS['1.3']['cp']}}}schemaversion") == "1.3.0"
    for name, data in files.items():
        if not name.endswith(".xml"):
            continue
        text = data.decode()
        for key in ("cp", "lom_manifest", "lom_resource", "wl", "qti_type", "wl_type"):
            text = text.replace(VERSIONS["1.3"][key], VERSIONS["1.1"][key])
        text = text.replace(">1.3.0<", ">1.1.0<")
        schema = "manifest" if name == "imsmanifest.xml" else "qti" if name.endswith("assessment.xml") else "wl"
        assert_valid(cc_schemas[schema], text.encode())


def test_queries_do_not_grow_with_lessons(site_frame, django_assert_max_num_queries):
    course = CoursePageFactory()
    quiz = quiz_with_questions()
    for _index in range(2):
        LessonPageFactory(parent=course, quiz=quiz)
    with django_assert_max_num_queries(12) as small:
        course_cartridge(course)
    for _index in range(8):
        LessonPageFactory(parent=course, quiz=quiz)
    with django_assert_max_num_queries(len(small.captured_queries)):
        course_cartridge(course)


def test_curriculum_with_its_courses_is_schema_valid(site_frame, cc_schemas, tmp_path):
    from django.core.management import call_command

    from tests.accounts.factories import state
    from tests.curricula.factories import curriculum

    page = curriculum(state("PE"), title="Community <policing>")
    for title in ("Course A", "Course B"):
        course = CoursePageFactory(state=state("PE"), title=title, curriculum=page)
        LessonPageFactory(parent=course, quiz=quiz_with_questions())
    target = tmp_path / "curriculum.imscc"
    call_command("cc_export", str(page.pk), str(target), "--curriculum")
    files = unzip(target.read_bytes())
    manifest = assert_valid(cc_schemas["manifest"], files["imsmanifest.xml"])
    courses = manifest.findall(f".//{{{CP}}}organization/{{{CP}}}item/{{{CP}}}item")
    assert [item.findtext(f"{{{CP}}}title") for item in courses] == ["Course A", "Course B"]
    assert "Creative Commons Attribution 4.0" in files["imsmanifest.xml"].decode()
    for name, data in files.items():
        if name.endswith("assessment.xml"):
            assert_valid(cc_schemas["qti"], data)


def test_malformed_raw_blocks_are_skipped(site_frame, cc_schemas):
    from courses.models import LessonPage

    course = CoursePageFactory()
    lesson = LessonPageFactory(parent=course)
    raw = [
        {"type": "quiz", "value": {"quiz": "not-an-id"}},
        {"type": "quiz", "value": {"quiz": 999999}},
        {"type": "video", "value": "oops"},
        {"type": "text", "value": {"not": "text"}},
        {"type": "h5p", "value": {"content": 1, "title": "Drag <and> drop"}},
    ]
    LessonPage.objects.filter(pk=lesson.pk).update(body=raw)
    files = unzip(course_cartridge(course).zip_bytes())
    assert_valid(cc_schemas["manifest"], files["imsmanifest.xml"])
    assert not any(name.endswith("assessment.xml") for name in files)
    launch = next(data for name, data in files.items() if name.startswith("wiki_content/activity-")).decode()
    assert "Drag &lt;and&gt; drop" in launch and "Capacitas" in launch


def test_links_to_this_site_get_its_address():
    from cartridges.export import clean_rich_text

    html = clean_rich_text(
        '<p><a href="/en/guide/">g</a> <a href="//evil.example/">e</a></p>', base_url="https://c.example/"
    )
    assert 'href="https://c.example/en/guide/"' in html
    assert 'href="//evil.example/"' in html
