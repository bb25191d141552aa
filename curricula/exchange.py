"""Curricula as JSON, for states that run their own instance.

The format (``"format": "capacitas.curriculum"``, ``"version": 1``) names states, topics and
competencies by their stable codes (ISO code, topic slug, competency code), never by database ids,
so an export reads back on any instance that has the shared taxonomy. An import checks everything
before it writes, and a problem names its line and field (``ImportProblem``)."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from json.decoder import scanstring

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from accounts.api import Audience, MemberState, Subregion, member_state_for_code
from home.api import state_page, state_pages_ensure
from lms.untrusted import UntrustedInput, loads

from .blocks import MODULE_FIELDS
from .models import Competency, CurriculumPage, Licence, Topic
from .taxonomy import Discipline, Level, Scope

FORMAT = "capacitas.curriculum"
VERSION = 1


def _hours(value) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.1")))


def curriculum_export(page: CurriculumPage) -> dict:
    """The curriculum's content as JSON-ready data (the published page's own fields)."""
    modules = []
    for block in page.modules:
        value = block.value
        modules.append(
            {
                "title": value["title"],
                "hours": _hours(value["hours"]),
                "objectives": value["objectives"],
                "topics": [topic.slug for topic in value["topics"] if topic],
                "methods": value["methods"],
                "assessment": value["assessment"],
                "resources": value["resources"],
                "gender_perspective": bool(value["gender_perspective"]),
                "human_rights": bool(value["human_rights"]),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "curriculum": {
            "title": page.title,
            "slug": page.slug,
            "language": page.locale.language_code,
            "state": page.state.code,
            "summary": page.summary,
            "discipline": page.discipline,
            "level": page.level,
            "scope": page.scope,
            "subregion": page.subregion,
            "audience": page.audience,
            "target_roles": page.target_roles,
            "total_hours": _hours(page.total_hours),
            "learning_outcomes": page.learning_outcomes,
            "prerequisites": page.prerequisites,
            "licence": page.licence,
            "version_label": page.version_label,
            "competencies": sorted(page.competencies.values_list("code", flat=True)),
            "modules": modules,
        },
    }


def curriculum_export_json(page: CurriculumPage) -> str:
    return json.dumps(curriculum_export(page), ensure_ascii=False, indent=2) + "\n"


# --- Import -------------------------------------------------------------------------------------


@dataclass
class ImportProblem(Exception):
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("Line %(line)s, field “%(field)s”: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


#: An export of the longest curriculum is under 200 KB; five times that is refused unread.
MAX_IMPORT_BYTES = 1024 * 1024

_WS = re.compile(r"[ \t\n\r]*")


def _value_lines(text: str) -> dict[tuple, int]:
    """The line on which each value of a well-formed JSON text starts, by its path."""
    decoder = json.JSONDecoder()
    found: dict[tuple, int] = {}

    def value(i: int, path: tuple) -> int:
        i = _WS.match(text, i).end()
        found[path] = i
        char = text[i]
        if char == "{":
            i = _WS.match(text, i + 1).end()
            if text[i] == "}":
                return i + 1
            while True:
                i = _WS.match(text, i).end()
                key, i = scanstring(text, i + 1)
                i = _WS.match(text, i).end()
                i = value(i + 1, (*path, key))
                i = _WS.match(text, i).end()
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        if char == "[":
            i = _WS.match(text, i + 1).end()
            if text[i] == "]":
                return i + 1
            n = 0
            while True:
                i = value(i, (*path, n))
                n += 1
                i = _WS.match(text, i).end()
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        return decoder.raw_decode(text, i)[1]

    value(0, ())
    # One pass over the newlines, then a binary search per value: linear in the size of the text.
    newlines = [match.start() for match in re.finditer("\n", text)]
    return {path: bisect_left(newlines, pos) + 1 for path, pos in found.items()}


def _syntax_error_line(text: str) -> int:
    """The line of a JSON syntax error (the text is within the size limit, so parsing again is cheap)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.lineno
    except ValueError:
        pass
    return 1


class _Reader:
    def __init__(self, text: str):
        self.text = text
        try:
            self.data = loads(text, max_bytes=MAX_IMPORT_BYTES)
        except UntrustedInput as error:
            raise ImportProblem(_syntax_error_line(text) if error.code == "invalid" else 1, "-", str(error)) from None
        self.lines = _value_lines(text)

    def line(self, path: tuple) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def fail(self, path: tuple, message: str):
        name = ".".join(str(p) for p in path) or "-"
        raise ImportProblem(self.line(path), name, message)


def _get(reader: _Reader, obj: dict, path: tuple, key: str, kind, *, required=True, default=None):
    if key not in obj:
        if required:
            reader.fail((*path, key), _("This field is missing."))
        return default
    value = obj[key]
    if kind is Decimal:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            reader.fail((*path, key), _("Give a number of hours, such as 12 or 7.5."))
        if isinstance(value, bool) or not number.is_finite() or number < 0 or number > Decimal("99999"):
            reader.fail((*path, key), _("Give a number of hours, such as 12 or 7.5."))
        return number.quantize(Decimal("0.1"))
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = {
            str: _("a text"),
            bool: _("true or false"),
            list: _("a list"),
            dict: _("an object"),
            int: _("a number"),
        }
        reader.fail((*path, key), _("Expected %(kind)s.") % {"kind": names.get(kind, kind.__name__)})
    return value


def _choice(reader: _Reader, obj: dict, path: tuple, key: str, choices, *, required=True, default=""):
    value = _get(reader, obj, path, key, str, required=required, default=default)
    if value and value not in choices:
        reader.fail(
            (*path, key),
            _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": ", ".join(choices)},
        )
    return value


def _parse(text: str) -> dict:
    """Check the whole document and return what the page will hold; raise ImportProblem otherwise."""
    reader = _Reader(text)
    data = reader.data
    if not isinstance(data, dict):
        reader.fail((), _("Expected an object."))
    if data.get("format") != FORMAT:
        reader.fail(
            ("format",), _("This is not a Capacitas curriculum export (format “%(format)s”).") % {"format": FORMAT}
        )
    if data.get("version") != VERSION:
        reader.fail(("version",), _("Only version %(version)s of the format is read.") % {"version": VERSION})
    c = _get(reader, data, (), "curriculum", dict)
    p = ("curriculum",)
    out: dict = {}
    out["title"] = _get(reader, c, p, "title", str).strip()
    if not out["title"] or len(out["title"]) > 255:
        reader.fail((*p, "title"), _("Give a title of at most 255 characters."))
    out["slug"] = slugify(_get(reader, c, p, "slug", str, required=False, default="") or out["title"])[:80]
    out["language"] = _get(reader, c, p, "language", str)
    if not Locale.objects.filter(language_code=out["language"]).exists():
        reader.fail((*p, "language"), _("This language is not offered here."))
    code = _get(reader, c, p, "state", str)
    out["state"] = member_state_for_code(code)
    if out["state"] is None:
        reader.fail((*p, "state"), _("“%(code)s” is not the ISO code of a member state.") % {"code": code})
    for key in ("summary", "target_roles", "prerequisites"):
        out[key] = _get(reader, c, p, key, str, required=False, default="")
    out["learning_outcomes"] = _get(reader, c, p, "learning_outcomes", str)
    out["discipline"] = _choice(reader, c, p, "discipline", Discipline.values)
    out["level"] = _choice(reader, c, p, "level", Level.values)
    out["scope"] = _choice(reader, c, p, "scope", Scope.values)
    out["subregion"] = _choice(reader, c, p, "subregion", Subregion.values, required=False)
    if out["scope"] == Scope.SUBREGIONAL and not out["subregion"]:
        reader.fail((*p, "subregion"), _("Name the subregion of a subregional curriculum."))
    out["audience"] = _choice(reader, c, p, "audience", Audience.values)
    out["licence"] = _choice(reader, c, p, "licence", Licence.values)
    out["version_label"] = _get(reader, c, p, "version_label", str, required=False, default="1.0")[:40]
    out["total_hours"] = _get(reader, c, p, "total_hours", Decimal)
    codes = _get(reader, c, p, "competencies", list, required=False, default=[])
    known = {x.code: x for x in Competency.objects.filter(code__in=[x for x in codes if isinstance(x, str)])}
    out["competencies"] = []
    for n, value in enumerate(codes):
        if not isinstance(value, str) or value not in known:
            reader.fail(
                (*p, "competencies", n), _("“%(code)s” is not a competency of the shared framework.") % {"code": value}
            )
        out["competencies"].append(known[value])
    modules = _get(reader, c, p, "modules", list)
    slugs = {s for m in modules if isinstance(m, dict) for s in (m.get("topics") or []) if isinstance(s, str)}
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=slugs)}
    out["modules"] = []
    for n, module in enumerate(modules):
        mp = (*p, "modules", n)
        if not isinstance(module, dict):
            reader.fail(mp, _("Expected an object."))
        unknown = set(module) - set(MODULE_FIELDS)
        if unknown:
            key = sorted(unknown)[0]
            reader.fail((*mp, key), _("This field is not part of a module."))
        value = {
            "title": _get(reader, module, mp, "title", str).strip(),
            "hours": _get(reader, module, mp, "hours", Decimal),
            "objectives": _get(reader, module, mp, "objectives", str),
            "methods": _get(reader, module, mp, "methods", str, required=False, default=""),
            "assessment": _get(reader, module, mp, "assessment", str, required=False, default=""),
            "resources": _get(reader, module, mp, "resources", str, required=False, default=""),
            "gender_perspective": _get(reader, module, mp, "gender_perspective", bool, required=False, default=False),
            "human_rights": _get(reader, module, mp, "human_rights", bool, required=False, default=False),
        }
        if not value["title"] or len(value["title"]) > 200:
            reader.fail((*mp, "title"), _("Give a title of at most 200 characters."))
        value["topics"] = []
        for k, slug in enumerate(_get(reader, module, mp, "topics", list, required=False, default=[])):
            if not isinstance(slug, str) or slug not in topics:
                reader.fail((*mp, "topics", k), _("“%(slug)s” is not a topic of the shared taxonomy.") % {"slug": slug})
            value["topics"].append(topics[slug])
        out["modules"].append(value)
    return out


@transaction.atomic
def curriculum_import(*, text: str, user=None, state: MemberState | None = None) -> CurriculumPage:
    """Create a draft curriculum from an export, under its state's page (or ``state``'s) in its
    language. Nothing is written when any part is wrong."""
    from .access import can_import_into

    data = _parse(text)
    target_state = state or data["state"]
    if user is not None and not can_import_into(user, target_state.pk):
        raise ValidationError(_("Only the editors and coordinators of a member state can import into it."))
    locale = Locale.objects.get(language_code=data["language"])
    parent = state_page(state=target_state, locale=locale)
    if parent is None:
        parent = state_pages_ensure(state=target_state)[data["language"]]
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = data["slug"] or "curriculum", 2
    while slug in taken:
        slug = f"{data['slug']}-{n}"
        n += 1
    page = CurriculumPage(
        title=data["title"],
        slug=slug,
        locale=locale,
        live=False,
        owner=user,
        **{
            key: data[key]
            for key in (
                "summary",
                "discipline",
                "level",
                "scope",
                "subregion",
                "audience",
                "target_roles",
                "total_hours",
                "learning_outcomes",
                "prerequisites",
                "licence",
                "version_label",
            )
        },
    )
    page.modules = [("module", module) for module in data["modules"]]
    page.competencies = data["competencies"]
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page
