"""Demo SCORM content: a SCORM 2004 4th Edition package written now, by this code, and placed in a
demo lesson. No package or media is kept in the repository: each entry of ``demo/placements.json``
gives the texts (in the lesson's language) of a package with two SCOs, a page to read and a one-
question self-check that reports its score, completion and success through the run-time API.

The package is imported like an upload (``services.package_import``, so validated the same way)
and placed with ``courses.api.lesson_block_append``. Its bytes are the same on every run (fixed zip
dates), so a second load finds the stored package by its hash and changes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from django.utils.html import escape

from courses.api import lesson_block_append, lesson_in_course

from .services import package_import
from .validation import PackageInvalid

DATA = Path(__file__).resolve().parent / "demo"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
{items}
      <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources>
{resources}
    <resource identifier="common" type="webcontent" adlcp:scormType="asset">
      <file href="sco.js"/>
    </resource>
  </resources>
</manifest>
"""

# The SCOs' shared script: finds the API in this window or a parent, reports, and ends the session.
SCRIPT = """(function () {
  function findApi(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      if (win.API_1484_11) { return win.API_1484_11; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var api = findApi(window);
  if (api) { api.Initialize(""); }
  function finish(values) {
    if (!api) { return; }
    Object.keys(values).forEach(function (key) { api.SetValue(key, values[key]); });
    api.Commit("");
  }
  window.capacitasDemo = {
    read: function () { finish({"cmi.completion_status": "completed", "cmi.exit": "normal"}); },
    answer: function (chosen, right) {
      var passed = chosen === right;
      finish({
        "cmi.score.scaled": passed ? "1" : "0", "cmi.score.raw": passed ? "1" : "0",
        "cmi.score.min": "0", "cmi.score.max": "1",
        "cmi.completion_status": "completed", "cmi.success_status": passed ? "passed" : "failed",
        "cmi.exit": "normal"
      });
      return passed;
    }
  };
  window.addEventListener("pagehide", function () { if (api) { api.Terminate(""); } });
})();
"""


def _page(spec: dict, page: dict) -> str:
    body = f"<h1>{escape(page['title'])}</h1><p>{escape(page['text'])}</p>"
    if "choices" in page:
        buttons = "".join(
            f'<li><button type="button" data-choice="{index}">{escape(choice)}</button></li>'
            for index, choice in enumerate(page["choices"])
        )
        feedback = json.dumps({"right": page["right"], "wrong": page["wrong"], "answer": page["answer"]})
        body += (
            f'<ul>{buttons}</ul><p id="feedback" role="status"></p>'
            f"<script>var feedback = {feedback};"
            'document.querySelectorAll("[data-choice]").forEach(function (button) {'
            ' button.addEventListener("click", function () {'
            "  var passed = window.capacitasDemo.answer(Number(button.dataset.choice), feedback.answer);"
            '  document.getElementById("feedback").textContent = passed ? feedback.right : feedback.wrong;'
            " });"
            "});</script>"
        )
    else:
        body += "<script>window.capacitasDemo.read();</script>"
    body += f"<p>{escape(spec['done'])}</p>"
    return (
        f'<!DOCTYPE html><html lang="{escape(spec["language"])}"><head><meta charset="utf-8">'
        f'<title>{escape(page["title"])}</title><script src="sco.js"></script></head>'
        f"<body>{body}</body></html>"
    )


def package_bytes(spec: dict) -> bytes:
    """The zip of one demo package, the same bytes for the same texts."""
    items = "\n".join(
        f'      <item identifier="item_{p["id"]}" identifierref="{p["id"]}"><title>{escape(p["title"])}</title></item>'
        for p in spec["pages"]
    )
    resources = "\n".join(
        f'    <resource identifier="{p["id"]}" type="webcontent" adlcp:scormType="sco" href="{p["id"]}.html">'
        f'<file href="{p["id"]}.html"/><dependency identifierref="common"/></resource>'
        for p in spec["pages"]
    )
    files = {
        "imsmanifest.xml": MANIFEST.format(
            identifier=escape(spec["identifier"]), title=escape(spec["title"]), items=items, resources=resources
        ),
        "sco.js": SCRIPT,
        **{f"{page['id']}.html": _page(spec, page) for page in spec["pages"]},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), text.encode())
    return buffer.getvalue()


def load(*, stdout) -> None:
    for spec in json.loads((DATA / "placements.json").read_text(encoding="utf-8")):
        lesson = lesson_in_course(course_slug=spec["course"], lesson_slug=spec["lesson"])
        if lesson is None:
            continue
        try:
            package, created = package_import(data=package_bytes(spec), filename=f"{spec['identifier']}.zip")
        except PackageInvalid as invalid:
            stdout.write(f"  {spec['identifier']} refused: {'; '.join(invalid.messages)}")
            continue
        value = {"package": package.pk, "title": spec["title"], "pass_mark": None, "required": True}
        if lesson_block_append(lesson=lesson, block_type="scorm", value=value):
            stdout.write(f"  a SCORM package (built now, not stored in git) placed in “{lesson.title}”")
