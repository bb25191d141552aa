"""Extract translatable strings into every catalogue (en, es, pt, fr), then fill the English one.

Run from the project root with `make makemessages`. The project's `locale/` takes what lies outside
the apps that keep their own `locale/` folder (lms/, accounts/, home/, templates/); each other app
keeps its strings in `<app>/locale/`. English is the source language: its catalogue repeats msgid."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

import polib  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

IGNORE = [".venv", "node_modules", "staticfiles", "media", "tests", "benchmarks", "scripts", "artifacts", "docs"]


def main() -> None:
    for domain in ("django", "djangojs"):
        call_command(
            "makemessages",
            locale=settings.LANGUAGE_CODES,
            domain=domain,
            ignore_patterns=IGNORE,
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )
    for po_path in ROOT.glob("**/locale/*/LC_MESSAGES/*.po"):
        if ".venv" in po_path.parts or "node_modules" in po_path.parts:
            continue
        # makemessages writes a fuzzy template header; the language is known, so say it.
        catalogue = polib.pofile(str(po_path))
        language = po_path.parent.parent.name
        if catalogue.metadata_is_fuzzy or catalogue.metadata.get("Language") != language:
            catalogue.metadata_is_fuzzy = False
            catalogue.metadata.update({"Language": language, "Project-Id-Version": "capacitas"})
            catalogue.save()
    for po_path in ROOT.glob("**/locale/en/LC_MESSAGES/*.po"):
        if ".venv" in po_path.parts or "node_modules" in po_path.parts:
            continue
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()


if __name__ == "__main__":
    main()
