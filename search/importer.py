"""Importing course catalogues (``manage.py import_catalog``): one JSON object a line, each line
created or updated through ``courses.api.catalog_course_upsert`` (idempotent by ``external_id``).
A bad line is reported with its number and reason and changes nothing."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

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


def import_lines(lines: Iterable[str]) -> ImportReport:
    from accounts.api import member_state_by_code
    from courses.api import catalog_course_upsert

    report = ImportReport()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report.rejected.append((number, _("not valid JSON (%(error)s)") % {"error": error.msg}))
            continue
        if not isinstance(record, dict):
            report.rejected.append((number, _("not a JSON object")))
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
        if not isinstance(record["topics"], list):
            report.rejected.append((number, _("topics: must be a list")))
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
