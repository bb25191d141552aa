"""Demo H5P content: the shared sample packages, and the true/false activity placed in the demo
lesson that courses keeps for it (``courses.demo.h5p_demo_lesson``). Safe to run again."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.blocks import StreamValue

from .services import package_import
from .validation import PackageInvalid

SAMPLES = settings.BASE_DIR.parent / "shared" / "data" / "h5p" / "valid"
DEMO_PACKAGE = "true-false.h5p"
BLOCK_TITLES = {
    "en": "Practice question",
    "es": "Pregunta de práctica",
    "pt": "Pergunta de prática",
    "fr": "Question d'entraînement",
}


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
    if DEMO_PACKAGE in contents:
        _place(contents[DEMO_PACKAGE], stdout)


@transaction.atomic
def _place(content, stdout) -> None:
    from courses.demo import h5p_demo_lesson

    lesson = h5p_demo_lesson()
    if lesson is None:
        return
    raw = list(lesson.body.raw_data)
    if any(block.get("type") == "h5p" and block.get("value", {}).get("content") == content.pk for block in raw):
        return
    language = lesson.locale.language_code
    raw.append(
        {
            "type": "h5p",
            "value": {
                "content": content.pk,
                "title": BLOCK_TITLES.get(language, BLOCK_TITLES["en"]),
                "pass_mark": None,
                "required": True,
            },
        }
    )
    lesson.body = StreamValue(lesson.body.stream_block, raw, is_lazy=True)
    lesson.save_revision().publish()
    stdout.write(f"  the {DEMO_PACKAGE} activity placed in “{lesson.title}”")
