"""Strict validation of xAPI 1.0.3 statements (Data section 2.4 of the specification).

Plain Python rather than a model library: every rule of the specification that the ADL conformance
suite checks for the Statements resource is here, unknown properties are refused at every level,
and each problem is reported with the path of the property at fault (``object.definition.type``)
in a translated message. See docs/decisions/0036-strict-statement-validation.md.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from django.utils.translation import gettext as _
from langcodes import tag_is_valid
from rfc3987 import patterns_no_names

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", re.IGNORECASE)
IRI_RE = re.compile(f"^(?:{patterns_no_names['IRI']})$")
SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")
# A pragmatic e-mail address: something@domain.tld, no spaces (RFC 5322 local parts are too lax to
# help). The domain must contain a dot, checked apart: a pattern such as ``[^@]+\.[^@]+$`` would
# backtrack quadratically over a long run of dots.
EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+$")
VERSION_RE = re.compile(r"^1\.0(\.\d+)?$")
DURATION_RE = re.compile(
    r"^P(?=\d|T\d)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)
WEEKS_RE = re.compile(r"^P\d+(?:\.\d+)?W$")
TIMESTAMP_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$", re.IGNORECASE
)

VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided"
INTERACTION_TYPES = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}
COMPONENT_LISTS = {
    "choices": {"choice", "sequencing"},
    "scale": {"likert"},
    "source": {"matching"},
    "target": {"matching"},
    "steps": {"performance"},
}
STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
SUBSTATEMENT_KEYS = {"objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"}
CONTEXT_KEYS = {
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
}
CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}
RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
SCORE_KEYS = {"scaled", "raw", "min", "max"}
DEFINITION_KEYS = {
    "name",
    "description",
    "type",
    "moreInfo",
    "extensions",
    "interactionType",
    "correctResponsesPattern",
    *COMPONENT_LISTS,
}
ATTACHMENT_KEYS = {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"}
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")


class ValidationProblem(Exception):
    """One problem in a statement: the path of the property and a translated message."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _fail(path: str, message: str):
    raise ValidationProblem(path, message)


def _object(value, path: str, allowed: set[str], required: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        _fail(path, _("must be a JSON object"))
    for key, item in value.items():
        if key not in allowed:
            _fail(_join(path, key), _("is not a property allowed here"))
        if item is None:
            _fail(_join(path, key), _("must not be null"))
    for key in required:
        if key not in value:
            _fail(_join(path, key), _("is required"))
    return value


def _string(value, path: str) -> str:
    if not isinstance(value, str):
        _fail(path, _("must be a string"))
    return value


def _bool(value, path: str) -> bool:
    if not isinstance(value, bool):
        _fail(path, _("must be true or false"))
    return value


def _number(value, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(path, _("must be a number"))
    return value


@lru_cache(maxsize=4096)
def _iri_ok(value: str) -> bool:
    return bool(IRI_RE.match(value))


def _iri(value, path: str) -> str:
    _string(value, path)
    if not _iri_ok(value):
        _fail(path, _("is not a valid IRI"))
    return value


def _irl(value, path: str) -> str:
    _iri(value, path)
    return value


def _uuid(value, path: str) -> str:
    _string(value, path)
    if not UUID_RE.match(value):
        _fail(path, _("is not a valid UUID"))
    return value


@lru_cache(maxsize=1024)
def _language_ok(tag: str) -> bool:
    return tag_is_valid(tag)


def _language_tag(value, path: str) -> str:
    _string(value, path)
    if not _language_ok(value):
        _fail(path, _("is not a valid RFC 5646 language tag"))
    return value


def _language_map(value, path: str) -> None:
    if not isinstance(value, dict):
        _fail(path, _("must be a language map (an object keyed by language tag)"))
    for tag, text in value.items():
        _language_tag(tag, _join(path, tag))
        _string(text, _join(path, tag))


def _extensions(value, path: str) -> None:
    if not isinstance(value, dict):
        _fail(path, _("must be a JSON object keyed by IRIs"))
    for key in value:
        _iri(key, _join(path, key))


def parse_timestamp(value, path: str) -> datetime.datetime:
    """An ISO 8601 date and time; without an offset it is read as UTC; ``-00:00`` is refused."""
    _string(value, path)
    match = TIMESTAMP_RE.match(value)
    if not match:
        _fail(path, _("is not an ISO 8601 timestamp"))
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        tz = datetime.UTC
        if offset and offset.upper() != "Z":
            if offset in {"-00", "-00:00", "-0000"}:
                _fail(path, _("must not use the offset -00:00"))
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            delta = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
            tz = datetime.timezone(sign * delta)
        moment = datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro, tzinfo=tz
        )
        # 9999-12-31T23:00-05:00 or 0001-01-01T00:00+05:00 exist only outside the years Python
        # (and the database columns) can hold once taken to UTC.
        moment.astimezone(datetime.UTC)
        return moment
    except (ValueError, OverflowError):
        _fail(path, _("is not an ISO 8601 timestamp"))


def _mbox(value, path: str) -> None:
    _string(value, path)
    address = value[7:]
    domain = address.rpartition("@")[2]
    if not value.startswith("mailto:") or not EMAIL_RE.match(address) or "." not in domain.strip("."):
        _fail(path, _("must be a mailto: IRI with a valid e-mail address"))


def _account(value, path: str) -> None:
    _object(value, path, {"homePage", "name"}, ("homePage", "name"))
    _irl(value["homePage"], _join(path, "homePage"))
    _string(value["name"], _join(path, "name"))


def _ifis(value: dict, path: str) -> list[str]:
    present = [key for key in IFI_KEYS if key in value]
    for key in present:
        where = _join(path, key)
        if key == "mbox":
            _mbox(value[key], where)
        elif key == "mbox_sha1sum":
            _string(value[key], where)
            if not SHA1_RE.match(value[key]):
                _fail(where, _("must be the hexadecimal SHA-1 of a mailto: IRI"))
        elif key == "openid":
            _iri(value[key], where)
        else:
            _account(value[key], where)
    if len(present) > 1:
        _fail(path, _("must have exactly one inverse functional identifier (mbox, mbox_sha1sum, openid or account)"))
    return present


def _agent(value, path: str, *, object_type_required: bool = False) -> None:
    _object(value, path, {"objectType", "name", *IFI_KEYS})
    if "objectType" in value and value["objectType"] != "Agent":
        _fail(_join(path, "objectType"), _("must be “Agent”"))
    if object_type_required and "objectType" not in value:
        _fail(_join(path, "objectType"), _("is required"))
    if "name" in value:
        _string(value["name"], _join(path, "name"))
    if not _ifis(value, path):
        _fail(path, _("must have exactly one inverse functional identifier (mbox, mbox_sha1sum, openid or account)"))


def _group(value, path: str) -> None:
    _object(value, path, {"objectType", "name", "member", *IFI_KEYS}, ("objectType",))
    if value["objectType"] != "Group":
        _fail(_join(path, "objectType"), _("must be “Group”"))
    if "name" in value:
        _string(value["name"], _join(path, "name"))
    identified = bool(_ifis(value, path))
    members = value.get("member")
    if members is not None:
        if not isinstance(members, list):
            _fail(_join(path, "member"), _("must be a list of agents"))
        for index, member in enumerate(members):
            where = _join(_join(path, "member"), index)
            if isinstance(member, dict) and member.get("objectType") == "Group":
                _fail(where, _("a group cannot contain a group"))
            _agent(member, where)
    if not identified and not members:
        _fail(_join(path, "member"), _("an anonymous group must list its members"))


def _actor(value, path: str) -> None:
    if isinstance(value, dict) and value.get("objectType") == "Group":
        _group(value, path)
    else:
        _agent(value, path)


def _verb(value, path: str) -> None:
    _object(value, path, {"id", "display"}, ("id",))
    _iri(value["id"], _join(path, "id"))
    if "display" in value:
        _language_map(value["display"], _join(path, "display"))


def _components(value, path: str) -> None:
    if not isinstance(value, list):
        _fail(path, _("must be a list of interaction components"))
    seen = set()
    for index, component in enumerate(value):
        where = _join(path, index)
        _object(component, where, {"id", "description"}, ("id",))
        _string(component["id"], _join(where, "id"))
        if component["id"] in seen:
            _fail(_join(where, "id"), _("is repeated in this list"))
        seen.add(component["id"])
        if "description" in component:
            _language_map(component["description"], _join(where, "description"))


def _definition(value, path: str) -> None:
    _object(value, path, DEFINITION_KEYS)
    for key in ("name", "description"):
        if key in value:
            _language_map(value[key], _join(path, key))
    if "type" in value:
        _iri(value["type"], _join(path, "type"))
    if "moreInfo" in value:
        _irl(value["moreInfo"], _join(path, "moreInfo"))
    if "extensions" in value:
        _extensions(value["extensions"], _join(path, "extensions"))
    interaction = value.get("interactionType")
    if interaction is not None and (not isinstance(interaction, str) or interaction not in INTERACTION_TYPES):
        _fail(_join(path, "interactionType"), _("is not an xAPI interaction type"))
    if "correctResponsesPattern" in value:
        if interaction is None:
            _fail(_join(path, "correctResponsesPattern"), _("requires an interactionType"))
        patterns = value["correctResponsesPattern"]
        if not isinstance(patterns, list):
            _fail(_join(path, "correctResponsesPattern"), _("must be a list of strings"))
        for index, pattern in enumerate(patterns):
            _string(pattern, _join(_join(path, "correctResponsesPattern"), index))
    for key, types in COMPONENT_LISTS.items():
        if key in value:
            if interaction not in types:
                _fail(_join(path, key), _("is not allowed for this interactionType"))
            _components(value[key], _join(path, key))


def _activity(value, path: str) -> None:
    _object(value, path, {"objectType", "id", "definition"}, ("id",))
    if "objectType" in value and value["objectType"] != "Activity":
        _fail(_join(path, "objectType"), _("must be “Activity”"))
    _iri(value["id"], _join(path, "id"))
    if "definition" in value:
        _definition(value["definition"], _join(path, "definition"))


def _statement_ref(value, path: str) -> None:
    _object(value, path, {"objectType", "id"}, ("objectType", "id"))
    if value["objectType"] != "StatementRef":
        _fail(_join(path, "objectType"), _("must be “StatementRef”"))
    _uuid(value["id"], _join(path, "id"))


def _object_of(value, path: str, *, in_substatement: bool = False) -> str:
    if not isinstance(value, dict):
        _fail(path, _("must be a JSON object"))
    kind = value.get("objectType", "Activity")
    if kind == "Activity":
        _activity(value, path)
    elif kind == "Agent":
        _agent(value, path, object_type_required=True)
    elif kind == "Group":
        _group(value, path)
    elif kind == "StatementRef":
        _statement_ref(value, path)
    elif kind == "SubStatement":
        if in_substatement:
            _fail(_join(path, "objectType"), _("a SubStatement cannot contain a SubStatement"))
        _substatement(value, path)
    else:
        _fail(_join(path, "objectType"), _("must be Activity, Agent, Group, StatementRef or SubStatement"))
    return kind


def _score(value, path: str) -> None:
    _object(value, path, SCORE_KEYS)
    numbers = {key: _number(value[key], _join(path, key)) for key in SCORE_KEYS if key in value}
    if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
        _fail(_join(path, "scaled"), _("must be between -1 and 1"))
    low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
    if low is not None and high is not None and low >= high:
        _fail(_join(path, "max"), _("must be greater than min"))
    if raw is not None and low is not None and raw < low:
        _fail(_join(path, "raw"), _("must not be less than min"))
    if raw is not None and high is not None and raw > high:
        _fail(_join(path, "raw"), _("must not be greater than max"))


def _result(value, path: str) -> None:
    _object(value, path, RESULT_KEYS)
    if "score" in value:
        _score(value["score"], _join(path, "score"))
    for key in ("success", "completion"):
        if key in value:
            _bool(value[key], _join(path, key))
    if "response" in value:
        _string(value["response"], _join(path, "response"))
    if "duration" in value:
        _string(value["duration"], _join(path, "duration"))
        duration = value["duration"]
        # Weeks cannot be combined with other units in ISO 8601 (P4W, never P4W1D).
        if not DURATION_RE.match(duration) or ("W" in duration and not WEEKS_RE.match(duration)):
            _fail(_join(path, "duration"), _("is not an ISO 8601 duration"))
    if "extensions" in value:
        _extensions(value["extensions"], _join(path, "extensions"))


def _context(value, path: str, object_kind: str) -> None:
    _object(value, path, CONTEXT_KEYS)
    if "registration" in value:
        _uuid(value["registration"], _join(path, "registration"))
    if "instructor" in value:
        _actor(value["instructor"], _join(path, "instructor"))
    if "team" in value:
        _group(value["team"], _join(path, "team"))
    if "contextActivities" in value:
        where = _join(path, "contextActivities")
        activities = _object(value["contextActivities"], where, CONTEXT_ACTIVITY_KEYS)
        for key, items in activities.items():
            listed = items if isinstance(items, list) else [items]
            for index, item in enumerate(listed):
                _activity(item, _join(_join(where, key), index) if isinstance(items, list) else _join(where, key))
    for key in ("revision", "platform"):
        if key in value:
            _string(value[key], _join(path, key))
            if object_kind != "Activity":
                _fail(_join(path, key), _("is only allowed when the object is an Activity"))
    if "language" in value:
        _language_tag(value["language"], _join(path, "language"))
    if "statement" in value:
        _statement_ref(value["statement"], _join(path, "statement"))
    if "extensions" in value:
        _extensions(value["extensions"], _join(path, "extensions"))


def _attachments(value, path: str) -> None:
    if not isinstance(value, list):
        _fail(path, _("must be a list of attachments"))
    for index, attachment in enumerate(value):
        where = _join(path, index)
        _object(attachment, where, ATTACHMENT_KEYS, ("usageType", "display", "contentType", "length", "sha2"))
        _iri(attachment["usageType"], _join(where, "usageType"))
        _language_map(attachment["display"], _join(where, "display"))
        if "description" in attachment:
            _language_map(attachment["description"], _join(where, "description"))
        _string(attachment["contentType"], _join(where, "contentType"))
        length = attachment["length"]
        if isinstance(length, bool) or not isinstance(length, int) or length < 0:
            _fail(_join(where, "length"), _("must be a whole number of bytes"))
        _string(attachment["sha2"], _join(where, "sha2"))
        if not re.fullmatch(r"[0-9a-fA-F]{56,128}", attachment["sha2"]):
            _fail(_join(where, "sha2"), _("must be a hexadecimal SHA-2 hash"))
        if "fileUrl" in attachment:
            _irl(attachment["fileUrl"], _join(where, "fileUrl"))


def _body(value: dict, path: str) -> str:
    _actor(value["actor"], _join(path, "actor"))
    _verb(value["verb"], _join(path, "verb"))
    kind = _object_of(value["object"], _join(path, "object"), in_substatement=path != "")
    if value["verb"]["id"] == VOIDED_VERB and kind != "StatementRef":
        _fail(_join(path, "object"), _("a voiding statement must have a StatementRef as its object"))
    if "result" in value:
        _result(value["result"], _join(path, "result"))
    if "context" in value:
        _context(value["context"], _join(path, "context"), kind)
    if "timestamp" in value:
        parse_timestamp(value["timestamp"], _join(path, "timestamp"))
    if "attachments" in value:
        _attachments(value["attachments"], _join(path, "attachments"))
    return kind


def _substatement(value, path: str) -> None:
    _object(value, path, SUBSTATEMENT_KEYS, ("objectType", "actor", "verb", "object"))
    _body(value, path)


def _authority(value, path: str) -> None:
    """An Agent, or an anonymous Group of exactly two Agents: an OAuth consumer and its user
    (Data 2.4.9). The LRS replaces it with its own afterwards, but refuses an invalid one."""
    _actor(value, path)
    if value.get("objectType") == "Group":
        if any(key in value for key in IFI_KEYS):
            _fail(path, _("an authority that is a group must be anonymous"))
        if len(value.get("member") or []) != 2:
            _fail(_join(path, "member"), _("an authority that is a group must have exactly two members"))


def refuse_nul(value, path: str = "") -> None:
    """Refuse a NUL character in any string or key, at any depth: PostgreSQL's jsonb cannot store
    one. Iterative, so that the cost is linear whatever the nesting."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                _fail(path, _("must not contain NUL characters"))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def validate_statement(statement) -> None:
    """Raise ``ValidationProblem`` for the first problem found in a statement, else return None."""
    _object(statement, "", STATEMENT_KEYS, ("actor", "verb", "object"))
    refuse_nul(statement)
    if "id" in statement:
        _uuid(statement["id"], "id")
    if "version" in statement:
        _string(statement["version"], "version")
        if not VERSION_RE.match(statement["version"]):
            _fail("version", _("must be an xAPI 1.0.x version"))
    if "stored" in statement:
        parse_timestamp(statement["stored"], "stored")
    if "authority" in statement:
        _authority(statement["authority"], "authority")
    _body(statement, "")
