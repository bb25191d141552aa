"""Importing course catalogues (``manage.py import_catalog``): one JSON object a line, each line
created or updated through ``courses.api.catalog_course_upsert`` (idempotent by ``external_id``).
A bad line is reported with its number and reason and changes nothing.

A catalogue comes from outside the platform, so it is read as untrusted: each line through
``lms.untrusted`` (depth, finite numbers, no NUL or lone surrogates), at most
:data:`MAX_LINE_BYTES` a line (read in bounded pieces, so one endless line cannot fill the
memory), at most :data:`MAX_LINES` lines, and text fields must be text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
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
