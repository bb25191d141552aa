"""Demo H5P content: the shared sample packages, and activities placed in demo lessons.

``demo/placements.json`` names, for each placement, the package, the course and lesson by slug (the
"Practice check" of "Chain of Custody Fundamentals", which the courses demo keeps for it) and the
block's title per language. The block is added through ``courses.api.lesson_block_append``, which
publishes the lesson. Safe to run again."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from courses.api import lesson_block_append, lesson_in_course

from .services import package_import
from .validation import PackageInvalid

SAMPLES = settings.BASE_DIR.parent / "shared" / "data" / "h5p" / "valid"
DATA = Path(__file__).resolve().parent / "demo"


def data(name: str):
    """One of the demo data files, parsed (trusted files of the repository)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def load(*, stdout) -> None:
    if not SAMPLES.is_dir():
        return
    contents = {}
    for path in sorted(SAMPLES.glob("*.h5p")):
        try:
            content, created = package_import(data=path.read_bytes(), filename=path.name)
        except PackageInvalid as invalid:
            stdout.write(f"  {path.name} refused: {'; '.join(invalid.messages)}")
            continue
        contents[path.name] = content
    stdout.write(f"  {len(contents)} H5P packages")
    for placement in data("placements"):
        if placement["package"] in contents:
            _place(contents[placement["package"]], placement, stdout)


def _place(content, placement: dict, stdout) -> None:
    lesson = lesson_in_course(course_slug=placement["course"], lesson_slug=placement["lesson"])
    if lesson is None:
        return
    titles = placement["titles"]
    value = {
        "content": content.pk,
        "title": titles.get(lesson.locale.language_code, titles["en"]),
        "pass_mark": None,
        "required": True,
    }
    if lesson_block_append(lesson=lesson, block_type="h5p", value=value):
        stdout.write(f"  the {placement['package']} activity placed in “{lesson.title}”")
