"""A course as an IMS Common Cartridge 1.1 (or 1.3) package: an .imscc zip with imsmanifest.xml.

What maps to what (decision 0115):

- the course: the manifest's LOM metadata (title, language, summary, discipline, level, state,
  licence) and one organization with an item per lesson, in the lessons' order;
- a lesson's text, images, documents: one ``webcontent`` resource, an HTML page per lesson;
- a quiz: an ``imsqti_xmlv1p2/imscc_xmlv1p1/assessment`` resource (QTI 1.2.1, CC profile);
- a YouTube or Vimeo video: an ``imswl_xmlv1p1`` web link;
- an H5P or SCORM activity: a ``webcontent`` launch page that links to the lesson in Capacitas.

Every string from the database goes through lxml (XML) or ``escape`` (HTML); rich text is cut down
to the tags the lesson editor allows. Characters XML cannot hold (control characters) are dropped."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override
from lxml import etree
from lxml import html as lxml_html

from courses.api import QuizFacts, course_licence, live_lessons_with_body, quiz_facts
from lms.untrusted import parse_id

VERSIONS = {
    "1.1": {
        "cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
        "lom_manifest": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest",
        "lom_resource": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource",
        "wl": "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1",
        "schemaversion": "1.1.0",
        "qti_type": "imsqti_xmlv1p2/imscc_xmlv1p1/assessment",
        "wl_type": "imswl_xmlv1p1",
    },
    "1.3": {
        "cp": "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1",
        "lom_manifest": "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest",
        "lom_resource": "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource",
        "wl": "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3",
        "schemaversion": "1.3.0",
        "qti_type": "imsqti_xmlv1p2/imscc_xmlv1p3/assessment",
        "wl_type": "imswl_xmlv1p3",
    },
}
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"

# The kinds of courses.Question and the CC 1.1 QTI profile each becomes. A numeric question becomes
# a fill-in-the-blank with its number as the accepted answer: CC 1.1 has no numeric item.
QTI_PROFILES = {
    "single": "cc.multiple_choice.v0p1",
    "multiple": "cc.multiple_response.v0p1",
    "true_false": "cc.true_false.v0p1",
    "short": "cc.fib.v0p1",
    "numeric": "cc.fib.v0p1",
}

# The lesson editor's rich text features (courses.models.LESSON_BLOCKS) and what they produce.
ALLOWED_TAGS = {"p", "h2", "h3", "b", "strong", "i", "em", "a", "ol", "ul", "li", "br"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    """Text XML 1.0 can hold: control characters (other than tab and newlines) are dropped."""
    return _XML_INVALID.sub("", str(value or ""))


def safe_url(url: str) -> str:
    """An http(s) or mailto address, or a relative one; anything else (javascript:) becomes ""."""
    url = xml_text(url).strip()
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in ("", "http", "https", "mailto") else ""


def clean_rich_text(source: str, *, base_url: str = "") -> str:
    """Rich text cut down to the lesson editor's tags, with only ``href`` kept (on links); a link to
    a page of this site gets the site's address, so that it still leads here from another platform."""
    from wagtail.rich_text import expand_db_html

    text = xml_text(source)
    if not text.strip():
        return ""
    fragment = lxml_html.fragment_fromstring(expand_db_html(text), create_parent="div")
    for element in list(fragment.iter()):
        if element is fragment or not isinstance(element.tag, str):
            continue
        if element.tag in DROPPED_WITH_CONTENT:
            element.drop_tree()
    for comment in fragment.xpath("//comment()|//processing-instruction()"):
        comment.drop_tree()
    for element in list(fragment.iter()):
        if element is fragment:
            continue
        if element.tag not in ALLOWED_TAGS:
            element.drop_tag()
            continue
        href = element.get("href") if element.tag == "a" else None
        element.attrib.clear()
        if href and safe_url(href):
            href = safe_url(href)
            if base_url and href.startswith("/") and not href.startswith("//"):
                href = base_url.rstrip("/") + href
            element.set("href", href)
    inner = (escape(fragment.text) if fragment.text else "") + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in fragment
    )
    return inner


@dataclass
class Cartridge:
    """The files of a cartridge (path → bytes) and its manifest's resources, in order."""

    files: dict[str, bytes] = field(default_factory=dict)

    def zip_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, data in self.files.items():
                archive.writestr(path, data)
        return buffer.getvalue()


def _lang_string(parent, tag: str, text: str, language: str, ns: str):
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    string = etree.SubElement(element, f"{{{ns}}}string", language=language)
    string.text = xml_text(text)
    return element


def _html_page(*, title: str, language: str, body: str) -> bytes:
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}"><head><meta charset="utf-8"><title>{escape(xml_text(title))}</title></head>'
        f"<body><h1>{escape(xml_text(title))}</h1>\n{body}\n</body></html>\n"
    )
    return page.encode("utf-8")


def _mattext(parent, text: str, texttype: str = "text/plain"):
    material = etree.SubElement(parent, f"{{{QTI_NS}}}material")
    mattext = etree.SubElement(material, f"{{{QTI_NS}}}mattext", texttype=texttype)
    mattext.text = xml_text(text)
    return material


def _metadata_fields(parent, fields: list[tuple[str, str]]):
    qtimetadata = etree.SubElement(parent, f"{{{QTI_NS}}}qtimetadata")
    for label, entry in fields:
        field_element = etree.SubElement(qtimetadata, f"{{{QTI_NS}}}qtimetadatafield")
        etree.SubElement(field_element, f"{{{QTI_NS}}}fieldlabel").text = label
        etree.SubElement(field_element, f"{{{QTI_NS}}}fieldentry").text = xml_text(entry)
    return qtimetadata


def qti_assessment(quiz: QuizFacts, *, ident: str) -> bytes:
    """A quiz as a QTI 1.2.1 assessment in the Common Cartridge profile."""
    root = etree.Element(f"{{{QTI_NS}}}questestinterop", nsmap={None: QTI_NS})
    assessment = etree.SubElement(root, f"{{{QTI_NS}}}assessment", ident=ident, title=xml_text(quiz.title))
    fields = [("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination"), ("qmd_scoretype", "Percentage")]
    if quiz.time_limit_minutes:
        fields.append(("qmd_timelimit", str(quiz.time_limit_minutes)))
    fields.append(("cc_maxattempts", str(quiz.max_attempts) if quiz.max_attempts else "unlimited"))
    _metadata_fields(assessment, fields)
    if quiz.instructions:
        rubric = etree.SubElement(assessment, f"{{{QTI_NS}}}rubric")
        _mattext(rubric, quiz.instructions)
    section = etree.SubElement(assessment, f"{{{QTI_NS}}}section", ident="root_section")
    for question in quiz.questions:
        _qti_item(section, question, ident=f"{ident}_Q{question.pk}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _qti_item(section, question, *, ident: str) -> None:
    item = etree.SubElement(section, f"{{{QTI_NS}}}item", ident=ident, title=xml_text(question.prompt[:80]))
    itemmetadata = etree.SubElement(item, f"{{{QTI_NS}}}itemmetadata")
    _metadata_fields(
        itemmetadata, [("cc_profile", QTI_PROFILES[question.kind]), ("cc_weighting", str(question.points))]
    )
    presentation = etree.SubElement(item, f"{{{QTI_NS}}}presentation")
    _mattext(presentation, question.prompt)
    response_ident = f"{ident}_R"
    correct: list[str] = []
    wrong: list[str] = []
    if question.kind in ("single", "multiple", "true_false"):
        if question.kind == "true_false":
            truth = (question.answers[0].lower() if question.answers else "") == "true"
            options = [(_("True"), truth), (_("False"), not truth)]
        else:
            options = list(question.choices)
        cardinality = "Multiple" if question.kind == "multiple" else "Single"
        lid = etree.SubElement(
            presentation, f"{{{QTI_NS}}}response_lid", ident=response_ident, rcardinality=cardinality
        )
        render = etree.SubElement(lid, f"{{{QTI_NS}}}render_choice")
        for index, (text, is_correct) in enumerate(options):
            label_ident = f"{ident}_C{index}"
            label = etree.SubElement(render, f"{{{QTI_NS}}}response_label", ident=label_ident)
            _mattext(label, text)
            (correct if is_correct else wrong).append(label_ident)
    else:
        response = etree.SubElement(
            presentation, f"{{{QTI_NS}}}response_str", ident=response_ident, rcardinality="Single"
        )
        render = etree.SubElement(response, f"{{{QTI_NS}}}render_fib")
        etree.SubElement(render, f"{{{QTI_NS}}}response_label", ident=f"{ident}_A")
        correct = list(question.answers)
    resprocessing = etree.SubElement(item, f"{{{QTI_NS}}}resprocessing")
    outcomes = etree.SubElement(resprocessing, f"{{{QTI_NS}}}outcomes")
    etree.SubElement(outcomes, f"{{{QTI_NS}}}decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    if question.feedback:
        condition = etree.SubElement(resprocessing, f"{{{QTI_NS}}}respcondition", attrib={"continue": "Yes"})
        conditionvar = etree.SubElement(condition, f"{{{QTI_NS}}}conditionvar")
        etree.SubElement(conditionvar, f"{{{QTI_NS}}}other")
        etree.SubElement(condition, f"{{{QTI_NS}}}displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    if question.kind == "multiple":
        condition = etree.SubElement(resprocessing, f"{{{QTI_NS}}}respcondition", attrib={"continue": "No"})
        conditionvar = etree.SubElement(condition, f"{{{QTI_NS}}}conditionvar")
        both = etree.SubElement(conditionvar, f"{{{QTI_NS}}}and")
        for label_ident in correct:
            etree.SubElement(both, f"{{{QTI_NS}}}varequal", respident=response_ident).text = label_ident
        for label_ident in wrong:
            negation = etree.SubElement(both, f"{{{QTI_NS}}}not")
            etree.SubElement(negation, f"{{{QTI_NS}}}varequal", respident=response_ident).text = label_ident
        etree.SubElement(condition, f"{{{QTI_NS}}}setvar", varname="SCORE", action="Set").text = "100"
    else:
        for value in correct:
            condition = etree.SubElement(resprocessing, f"{{{QTI_NS}}}respcondition", attrib={"continue": "No"})
            conditionvar = etree.SubElement(condition, f"{{{QTI_NS}}}conditionvar")
            attrib = {"respident": response_ident}
            if question.kind in ("short", "numeric"):
                attrib["case"] = "No"
            etree.SubElement(conditionvar, f"{{{QTI_NS}}}varequal", attrib=attrib).text = xml_text(value)
            etree.SubElement(condition, f"{{{QTI_NS}}}setvar", varname="SCORE", action="Set").text = "100"
    if question.feedback:
        itemfeedback = etree.SubElement(item, f"{{{QTI_NS}}}itemfeedback", ident="general_fb")
        flow_mat = etree.SubElement(itemfeedback, f"{{{QTI_NS}}}flow_mat")
        _mattext(flow_mat, question.feedback)


def web_link(*, title: str, url: str, version: str) -> bytes:
    ns = VERSIONS[version]["wl"]
    root = etree.Element(f"{{{ns}}}webLink", nsmap={None: ns})
    etree.SubElement(root, f"{{{ns}}}title").text = xml_text(title)
    etree.SubElement(root, f"{{{ns}}}url", href=url, target="_blank")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass
class _Resource:
    identifier: str
    type: str
    href: str
    title: str


def course_cartridge(course, *, version: str = "1.1", base_url: str = "") -> Cartridge:
    """The cartridge of a live course: its lessons in order, each with its quizzes, links and activities."""
    return _cartridge(
        subject=course,
        identifier=f"capacitas_course_{course.pk}",
        courses=[course],
        nested=False,
        licence=course_licence(course),
        version=version,
        base_url=base_url,
    )


def curriculum_cartridge(curriculum, courses, *, version: str = "1.1", base_url: str = "") -> Cartridge:
    """The cartridge of a curriculum and its live courses: an item per course, its lessons below it."""
    return _cartridge(
        subject=curriculum,
        identifier=f"capacitas_curriculum_{curriculum.pk}",
        courses=list(courses),
        nested=True,
        licence=getattr(curriculum, "licence", ""),
        version=version,
        base_url=base_url,
    )


def _cartridge(*, subject, identifier: str, courses, nested: bool, licence: str, version: str, base_url: str):
    spec = VERSIONS[version]
    cartridge = Cartridge()
    language = subject.language if hasattr(subject, "language") else subject.locale.language_code
    lessons_by_course = {course.pk: live_lessons_with_body(course) for course in courses}
    blocks_by_lesson = {
        lesson.pk: list(lesson.body.raw_data) for lessons in lessons_by_course.values() for lesson in lessons
    }
    quiz_ids = {
        _quiz_id(block) for blocks in blocks_by_lesson.values() for block in blocks if _quiz_id(block) is not None
    }
    quizzes = quiz_facts(quiz_ids)

    cp = spec["cp"]
    lom = spec["lom_manifest"]
    manifest = etree.Element(
        f"{{{cp}}}manifest",
        nsmap={None: cp, "lomimscc": lom, "lom": spec["lom_resource"]},
        identifier=identifier,
    )
    metadata = etree.SubElement(manifest, f"{{{cp}}}metadata")
    etree.SubElement(metadata, f"{{{cp}}}schema").text = "IMS Common Cartridge"
    etree.SubElement(metadata, f"{{{cp}}}schemaversion").text = spec["schemaversion"]
    _subject_lom(metadata, subject, licence=licence, language=language, ns=lom)

    organizations = etree.SubElement(manifest, f"{{{cp}}}organizations")
    organization = etree.SubElement(
        organizations, f"{{{cp}}}organization", identifier="ORG_1", structure="rooted-hierarchy"
    )
    root_item = etree.SubElement(organization, f"{{{cp}}}item", identifier="ROOT")
    resources: list[_Resource] = []
    with override(language):
        for course in courses:
            parent = root_item
            if nested:
                parent = etree.SubElement(root_item, f"{{{cp}}}item", identifier=f"ITEM_C{course.pk}")
                etree.SubElement(parent, f"{{{cp}}}title").text = xml_text(course.title)
            for number, lesson in enumerate(lessons_by_course[course.pk], start=1):
                lesson_item = etree.SubElement(parent, f"{{{cp}}}item", identifier=f"ITEM_L{lesson.pk}")
                etree.SubElement(lesson_item, f"{{{cp}}}title").text = xml_text(lesson.title)
                for resource in _lesson_resources(
                    cartridge,
                    lesson,
                    blocks_by_lesson[lesson.pk],
                    quizzes,
                    number=number,
                    spec=spec,
                    url=_absolute(base_url, lesson.url_path),
                    base_url=base_url,
                    language=course.language,
                ):
                    resources.append(resource)
                    item = etree.SubElement(
                        lesson_item,
                        f"{{{cp}}}item",
                        identifier=f"ITEM_{resource.identifier}",
                        identifierref=resource.identifier,
                    )
                    etree.SubElement(item, f"{{{cp}}}title").text = xml_text(resource.title)

    resources_element = etree.SubElement(manifest, f"{{{cp}}}resources")
    for resource in resources:
        attrib = {"identifier": resource.identifier, "type": resource.type}
        if resource.type == "webcontent":
            attrib["href"] = resource.href
        element = etree.SubElement(resources_element, f"{{{cp}}}resource", attrib=attrib)
        etree.SubElement(element, f"{{{cp}}}file", href=resource.href)
    cartridge.files = {
        "imsmanifest.xml": etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True),
        **cartridge.files,
    }
    return cartridge


def _absolute(base_url: str, url_path: str) -> str:
    """The lesson's address in Capacitas: the site's base address and the page's path below its site root."""
    parts = url_path.strip("/").split("/")
    path = "/" + "/".join(parts[1:]) + "/" if len(parts) > 1 else "/"
    return safe_url(base_url.rstrip("/") + path) if base_url else path


def _lesson_resources(
    cartridge, lesson, blocks, quizzes, *, number: int, spec, url: str, language: str, base_url: str = ""
):
    """The lesson's page, then one resource per quiz, video link and H5P or SCORM activity."""
    parts: list[str] = []
    extra: list[_Resource] = []
    if lesson.intro:
        parts.append(f"<p><em>{escape(xml_text(lesson.intro))}</em></p>")
    for index, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else None
        value = block.get("value") if isinstance(block, dict) else None
        if kind != "text" and not isinstance(value, dict):
            continue
        if kind == "text":
            parts.append(clean_rich_text(value if isinstance(value, str) else "", base_url=base_url))
        elif kind == "quiz" and _quiz_id(block) in quizzes:
            quiz = quizzes[_quiz_id(block)]
            identifier = f"QTI_L{lesson.pk}_{index}"
            href = f"{identifier}/assessment.xml"
            cartridge.files[href] = qti_assessment(quiz, ident=f"A_{identifier}")
            extra.append(_Resource(identifier, spec["qti_type"], href, quiz.title))
            parts.append(f"<p>{escape(_('Quiz: %(title)s') % {'title': xml_text(quiz.title)})}</p>")
        elif kind == "video" and value.get("embed_url") and safe_url(value["embed_url"]):
            identifier = f"WL_L{lesson.pk}_{index}"
            href = f"{identifier}.xml"
            title = value.get("title") or _("Video")
            cartridge.files[href] = web_link(title=title, url=safe_url(value["embed_url"]), version=spec_version(spec))
            extra.append(_Resource(identifier, spec["wl_type"], href, title))
        elif kind == "video":
            parts.append(
                f"<p>{escape(_('Video in Capacitas: %(title)s') % {'title': xml_text(value.get('title') or '')})}"
                f' <a href="{escape(url)}">{escape(_("Open the lesson"))}</a></p>'
            )
        elif kind in ("h5p", "scorm"):
            identifier = f"ACT_L{lesson.pk}_{index}"
            href = f"wiki_content/activity-{identifier}.html"
            title = value.get("title") or (_("H5P activity") if kind == "h5p" else _("SCORM package"))
            body = (
                f"<p>{escape(_('This activity is in Capacitas. Open the lesson there to do it.'))}</p>"
                f'<p><a href="{escape(url)}">{escape(_("Open the lesson in Capacitas"))}</a></p>'
            )
            cartridge.files[href] = _html_page(title=title, language=language, body=body)
            extra.append(_Resource(identifier, "webcontent", href, title))
        elif kind == "document":
            parts.append(f'<p><a href="{escape(url)}">{escape(_("Document in the lesson in Capacitas"))}</a></p>')
        elif kind == "image" and value.get("alt"):
            parts.append(f"<p>{escape(_('Image: %(alt)s') % {'alt': xml_text(value['alt'])})}</p>")
    identifier = f"WEB_L{lesson.pk}"
    href = f"wiki_content/lesson-{lesson.pk}-{number:03d}.html"
    cartridge.files[href] = _html_page(title=lesson.title, language=language, body="\n".join(parts))
    return [_Resource(identifier, "webcontent", href, lesson.title), *extra]


def _quiz_id(block) -> int | None:
    """The quiz a raw block places, or None (another kind of block, or a value that is not an id)."""
    if not isinstance(block, dict) or block.get("type") != "quiz" or not isinstance(block.get("value"), dict):
        return None
    return parse_id(block["value"].get("quiz"))


def spec_version(spec) -> str:
    return next(version for version, values in VERSIONS.items() if values is spec)


def _subject_lom(metadata, course, *, licence: str, language: str, ns: str) -> None:
    """The manifest's LOM: title, language, summary, discipline, level and state as keywords, licence."""
    from curricula.api import Discipline, Level, Licence

    lom = etree.SubElement(metadata, f"{{{ns}}}lom")
    general = etree.SubElement(lom, f"{{{ns}}}general")
    _lang_string(general, "title", course.title, language, ns)
    etree.SubElement(general, f"{{{ns}}}language").text = language
    _lang_string(general, "description", course.summary, language, ns)
    with override(language):
        keywords = [
            str(Discipline(course.discipline).label) if course.discipline in Discipline.values else course.discipline,
            str(Level(course.level).label) if course.level in Level.values else course.level,
        ]
        if course.state_id:
            keywords.append(course.state.code)
        licence_label = str(Licence(licence).label) if licence in Licence.values else ""
    for keyword in keywords:
        _lang_string(general, "keyword", keyword, language, ns)
    if licence_label:
        rights = etree.SubElement(lom, f"{{{ns}}}rights")
        copyright_element = etree.SubElement(rights, f"{{{ns}}}copyrightAndOtherRestrictions")
        etree.SubElement(copyright_element, f"{{{ns}}}value").text = "yes"
        _lang_string(rights, "description", licence_label, language, ns)
