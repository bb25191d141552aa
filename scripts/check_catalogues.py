"""Fail when a translation catalogue is incomplete: `make lint` runs this.

For every `locale/<lang>/LC_MESSAGES/*.po` of the project, for each of the four languages:
- `msgfmt --check` passes (header, plural forms, format placeholders);
- no entry is fuzzy or untranslated;
- every plural entry has exactly the number of forms the header declares;
- every language of one folder has the same messages as the others.

"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "es", "pt", "fr")
SKIP = {".venv", "node_modules", "staticfiles", "artifacts"}


def catalogues() -> list[Path]:
    found = []
    for path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/*.po")):
        if SKIP.intersection(path.relative_to(ROOT).parts):
            continue
        found.append(path)
    return found


def nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def problems_of(path: Path) -> list[str]:
    rel = path.relative_to(ROOT)
    problems = []
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "warning:" not in line]
        problems.append(f"{rel}: msgfmt --check failed: " + " | ".join(errors[:5]))
    po = polib.pofile(str(path))
    forms = nplurals(po)
    for entry in po:
        if entry.obsolete:
            continue
        where = f"{rel}:{entry.linenum}"
        if "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy entry {entry.msgid[:60]!r}")
        if entry.msgid_plural:
            values = [entry.msgstr_plural.get(i, "") for i in range(forms)]
            if len(entry.msgstr_plural) != forms:
                problems.append(f"{where}: {len(entry.msgstr_plural)} plural forms, the header declares {forms}")
            if not all(values):
                problems.append(f"{where}: untranslated plural {entry.msgid[:60]!r}")
        elif not entry.msgstr:
            problems.append(f"{where}: untranslated {entry.msgid[:60]!r}")
    return problems


def main(argv: list[str]) -> int:
    paths = catalogues()
    problems: list[str] = []
    folders: dict[tuple[Path, str], dict[str, set]] = {}
    for path in paths:
        lang = path.parent.parent.name
        problems.extend(problems_of(path))
        folder = path.parent.parent.parent
        ids = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}
        folders.setdefault((folder, path.name), {})[lang] = ids
    for (folder, name), by_lang in folders.items():
        missing_langs = set(LANGUAGES) - set(by_lang)
        if missing_langs:
            problems.append(f"{folder.relative_to(ROOT)}: no {name} for {', '.join(sorted(missing_langs))}")
        union = set().union(*by_lang.values())
        for lang, ids in sorted(by_lang.items()):
            for _msgctxt, msgid in sorted(union - ids, key=str)[:5]:
                problems.append(f"{folder.relative_to(ROOT)}/{lang}/{name}: missing {msgid[:60]!r}")
    for problem in problems:
        print(problem)
    print(f"{len(paths)} catalogues checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
