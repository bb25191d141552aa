"""Every catalogue of the project is complete: no untranslated or fuzzy entry in any language, and
wherever a catalogue exists in one language it exists in all four."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "staticfiles", "artifacts", ".git"}


def catalogues() -> list[Path]:
    found = []
    for path in ROOT.rglob("*.po"):
        relative = path.relative_to(ROOT)
        if SKIP.intersection(relative.parts) or "locale" not in relative.parts:
            continue
        found.append(path)
    return sorted(found)


def test_the_root_catalogue_exists_in_every_language():
    for code in settings.LANGUAGE_CODES:
        assert (ROOT / "locale" / code / "LC_MESSAGES" / "django.po").is_file(), code


def test_every_catalogue_exists_in_all_four_languages():
    missing = []
    for path in catalogues():
        locale_dir, domain = path.parent.parent.parent, path.name
        for code in settings.LANGUAGE_CODES:
            sibling = locale_dir / code / "LC_MESSAGES" / domain
            if not sibling.is_file():
                missing.append(str(sibling.relative_to(ROOT)))
    assert not sorted(set(missing)), f"catalogues missing: {sorted(set(missing))}"


@pytest.mark.parametrize("path", catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    # A fuzzy *header* (makemessages writes one) is harmless: msgfmt still uses it. Entries are what count.
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.get(i) for i in range(len(entry.msgstr_plural) or 1)):
                problems.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems[:40])


def test_catalogue_check_passes():
    """The check `make lint` runs: msgfmt --check, plural forms as the header declares, no gaps."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_catalogues.py")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("es", 1, "1 lección"),
        ("es", 2, "2 lecciones"),
        ("es", 10, "10 lecciones"),
        ("pt", 2, "2 lições"),
        ("fr", 0, "0 leçon"),
        ("fr", 2, "2 leçons"),
    ],
)
def test_plurals_render_in_the_page_language(language, count, expected):
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} lesson"
        "{% plural %}{{ counter }} lessons{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"n": count})) == expected
