"""Importing course catalogues (``manage.py import_catalog``): one JSON object a line, each line
created or updated through ``courses.api.catalog_course_upsert`` (idempotent by ``external_id``).
A bad line is reported with its number and reason and changes nothing.

A catalogue comes from outside the platform, so it is read as untrusted: each line through
``lms.untrusted`` (depth, finite numbers, no NUL or lone surrogates), at most
:data:`MAX_LINE_BYTES` a line (read in bounded pieces, so one endless line cannot fill the
memory), at most :data:`MAX_LINES` lines, and text fields must be text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from lms.untrusted import UntrustedInput, loads

#: A course record: its body is the longest part, and a few pages of HTML are far below this.
MAX_LINE_BYTES = 1024 * 1024
#: Lines a file; the synthetic benchmark catalogue has 20,000.
MAX_LINES = 200_000
TEXT_FIELDS = ("state", "title", "summary", "body", "language", "discipline", "level", "scope", "delivery", "audience")

FIELDS = (
    "external_id",
    "state",
    "title",
    "summary",
    "body",
    "language",
    "discipline",
    "level",
    "scope",
    "delivery",
    "hours",
    "topics",
    "audience",
)


# Spellings that catalogues use for a vocabulary value, beyond its code and its label in the four
# languages (which are read from the choices themselves). Keys are compared folded (see _fold).
ALIASES = {
    "discipline": {
        "policing": "police",
        "penitentiary": "prison",
        "corrections": "prison",
        "penitenciario": "prison",
        "penitenciaria": "prison",
        "forensics": "forensic",
        "forense": "forensic",
        "pericia": "forensic",
        "criminalistica": "forensic",
        "cross cutting": "cross_cutting",
        "crosscutting": "cross_cutting",
        "transversal": "cross_cutting",
    },
    "level": {
        "specialization": "specialisation",
        "specialty": "specialisation",
        "especializacion": "specialisation",
        "especializacao": "specialisation",
        "beginner": "basic",
        "introductory": "basic",
    },
    "scope": {"hemispheric": "regional", "hemisferico": "regional", "hemispherique": "regional"},
    "delivery": {
        "self paced": "online",
        "selfpaced": "online",
        "distance": "online",
        "e learning": "online",
        "elearning": "online",
        "virtual": "online",
        "a distancia": "online",
        "a distance": "online",
        "en ligne": "online",
        "educacao a distancia": "online",
        "ead": "online",
        "face to face": "in_person",
        "in person": "in_person",
        "presencial": "in_person",
        "onsite": "in_person",
        "hybrid": "blended",
        "hibrido": "blended",
        "mixed": "blended",
    },
    "audience": {
        "open": "public",
        "law enforcement": "law_enforcement",
        "officials": "law_enforcement",
        "restricted": "law_enforcement",
        "national": "state",
    },
}


def _fold(text: str) -> str:
    """Compare spellings without case, accents, punctuation or a trailing explanation in brackets."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@cache
def _vocabulary(name: str) -> dict[str, str]:
    """Every accepted spelling of the field's values (folded) → the value: the code, the label in
    each language (with and without its bracketed explanation), and the aliases above."""
    from accounts.api import Audience
    from curricula.api import Delivery, Discipline, Level, Scope

    choices = {
        "discipline": Discipline.choices,
        "level": Level.choices,
        "scope": Scope.choices,
        "delivery": Delivery.choices,
        "audience": Audience.choices,
    }.get(name)
    spellings: dict[str, str] = {}
    if name == "language":
        for code, _name in settings.LANGUAGES:
            spellings[_fold(code)] = code
            for language, _label in settings.LANGUAGES:
                with translation.override(language):
                    spellings.setdefault(_fold(translation.gettext(translation.get_language_info(code)["name"])), code)
            spellings.setdefault(_fold(translation.get_language_info(code)["name_local"]), code)
        return spellings
    for value, label in choices or ():
        spellings[_fold(value)] = value
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                text = str(label)
            spellings.setdefault(_fold(text), value)
            spellings.setdefault(_fold(re.sub(r"\s*\(.*?\)\s*", " ", text)), value)
    for alias, value in ALIASES.get(name, {}).items():
        spellings.setdefault(alias, value)
    return spellings


VOCABULARY_FIELDS = ("language", "discipline", "level", "scope", "delivery", "audience")


def map_vocabulary(record: dict) -> tuple[dict, list[str]]:
    """The record with each vocabulary field mapped to its value, and a note for each field whose
    spelling was not already the value (e.g. ``level: "Especialización" → specialisation``).
    An unknown spelling is left as it is, for the service to refuse with its own message."""
    mapped, notes = dict(record), []
    for name in VOCABULARY_FIELDS:
        given = record.get(name)
        if not isinstance(given, str):
            continue
        value = _vocabulary(name).get(_fold(given))
        if name == "language" and value is None:
            value = _vocabulary(name).get(_fold(given.split("-")[0].split("_")[0]))
        if value is not None and value != given:
            mapped[name] = value
            notes.append(_("%(field)s: “%(given)s” → %(value)s") % {"field": name, "given": given, "value": value})
    return mapped, notes


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    mapped: list[tuple[int, str]] = field(default_factory=list)  # (line number, what a spelling became)

    @property
    def ok(self) -> bool:
        return not self.rejected


def _reason(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)


class TooLong(str):
    """A line cut at MAX_LINE_BYTES; the rest of it was skipped."""


def file_lines(handle: BinaryIO) -> Iterator[bytes | TooLong]:
    """The lines of a binary file, each read in pieces of at most MAX_LINE_BYTES + 1."""
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield TooLong()
            continue
        yield line


def _record(line: str | bytes) -> dict:
    """One line's record, or UntrustedInput naming what is wrong with it."""
    if isinstance(line, TooLong) or len(line) > MAX_LINE_BYTES:
        raise UntrustedInput(_("the line is longer than %(limit)d bytes") % {"limit": MAX_LINE_BYTES})
    record = loads(line, max_bytes=MAX_LINE_BYTES, max_depth=8)
    if not isinstance(record, dict):
        raise UntrustedInput(_("not a JSON object"))
    return record


def import_lines(lines: Iterable[str | bytes]) -> ImportReport:
    from accounts.api import member_state_by_code
    from courses.api import catalog_course_upsert

    report = ImportReport()
    for number, line in enumerate(lines, start=1):
        if number > MAX_LINES:
            report.rejected.append(
                (number, _("the file has more than %(limit)d lines; the rest was not read") % {"limit": MAX_LINES})
            )
            break
        if not isinstance(line, TooLong) and not line.strip():
            continue
        try:
            record = _record(line)
        except UntrustedInput as error:
            report.rejected.append((number, str(error)))
            continue
        missing = [name for name in FIELDS if name not in record]
        unknown = sorted(set(record) - set(FIELDS))
        if missing or unknown:
            parts = []
            if missing:
                parts.append(_("missing: %(fields)s") % {"fields": ", ".join(missing)})
            if unknown:
                parts.append(_("unknown: %(fields)s") % {"fields": ", ".join(unknown)})
            report.rejected.append((number, "; ".join(parts)))
            continue
        if not isinstance(record["topics"], list) or not all(isinstance(t, str) for t in record["topics"]):
            report.rejected.append((number, _("topics: must be a list of texts")))
            continue
        not_text = [name for name in TEXT_FIELDS if not isinstance(record[name], str)]
        for name, kinds in (("external_id", str | int), ("hours", str | int | float)):
            if not isinstance(record[name], kinds) or isinstance(record[name], bool):
                not_text.append(name)
        if not_text:
            report.rejected.append(
                (number, _("wrong type (text or number expected): %(fields)s") % {"fields": ", ".join(not_text)})
            )
            continue
        record, notes = map_vocabulary(record)
        try:
            state = member_state_by_code(str(record["state"]))
            _page, created = catalog_course_upsert(
                **{**record, "external_id": str(record["external_id"]), "state": state}
            )
        except ValidationError as error:
            report.rejected.append((number, _reason(error)))
            continue
        report.mapped.extend((number, note) for note in notes)
        if created:
            report.created += 1
        else:
            report.updated += 1
    return report
