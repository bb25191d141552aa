"""Importing course catalogues (``manage.py import_catalog``): one JSON object a line, each line
created or updated through ``courses.api.catalog_course_upsert`` (idempotent by ``external_id``).
A bad line is reported with its number and reason and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
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


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)

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
        try:
            state = member_state_by_code(str(record["state"]))
            _page, created = catalog_course_upsert(
                **{**record, "external_id": str(record["external_id"]), "state": state}
            )
        except ValidationError as error:
            report.rejected.append((number, _reason(error)))
            continue
        if created:
            report.created += 1
        else:
            report.updated += 1
    return report
