"""The xAPI 1.0.3 Statements resource and About resource (thin: parse, authenticate, call, answer).

Machine interface: no language prefix, no session, no CSRF; clients authenticate with HTTP Basic
(an ``LRSClient``'s key and secret). Every answer carries ``X-Experience-API-Version``; answers of
the Statements resource also carry ``X-Experience-API-Consistent-Through``.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import email.policy
import hashlib
import json
import re
import uuid
from email.parser import BytesParser
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from lms.untrusted import UntrustedInput, loads

from . import access, selectors, services
from .models import LRSClient
from .services import StatementConflict, StatementInvalid
from .validation import ValidationProblem, _actor, parse_timestamp, refuse_nul

XAPI_VERSION = "1.0.3"
SUPPORTED_VERSIONS = ("1.0.3", "1.0.2", "1.0.1", "1.0.0")
MORE_SALT = "xapi.more"
VERSION_HEADER_RE = re.compile(r"^1\.0(\.\d+)?$")
LIST_PARAMETERS = {
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
}
SINGLE_PARAMETERS = {"statementId", "voidedStatementId", "format", "attachments"}


class XapiError(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


def max_page_size() -> int:
    return getattr(settings, "XAPI_MAX_PAGE_SIZE", 500)


def consistency_margin() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "XAPI_CONSISTENCY_MARGIN_SECONDS", 1))


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _headers(
    response: HttpResponse, *, consistent: bool = False, newest: datetime.datetime | None = None
) -> HttpResponse:
    response["X-Experience-API-Version"] = XAPI_VERSION
    if consistent:
        # Statements are stamped when their transaction starts and become visible when it commits:
        # everything stored before now minus the longest such gap is visible (docs/decisions/0038).
        # Never earlier than a statement in this very answer (Communication 2.1.3.s2.b5).
        through = timezone.now() - consistency_margin()
        if newest is not None and newest > through:
            through = newest
        response["X-Experience-API-Consistent-Through"] = _iso(through)
    return response


def _error(status: int, message: str, **kwargs) -> HttpResponse:
    response = JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    for header, value in kwargs.items():
        response[header.replace("_", "-")] = value
    return _headers(response, consistent=True)


def _authenticate(request: HttpRequest, *, write: bool) -> LRSClient:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _space, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        raise XapiError(401, _("Authentication required: use HTTP Basic with an LRS client's key and secret."))
    try:
        key, _colon, secret = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise XapiError(401, _("The Authorization header is not valid HTTP Basic."))
    if "\x00" in key or len(key) > 200:
        raise XapiError(401, _("Unknown key or wrong secret."))
    client = services.lrs_client_authenticate(key=key, secret=secret)
    if client is None:
        raise XapiError(401, _("Unknown key or wrong secret."))
    if write and not client.can_write:
        raise XapiError(403, _("This client may not write statements."))
    if not write and not client.can_read:
        raise XapiError(403, _("This client may not read statements."))
    return client


def _check_version(request: HttpRequest) -> None:
    version = request.META.get("HTTP_X_EXPERIENCE_API_VERSION")
    if not version:
        raise XapiError(400, _("The X-Experience-API-Version header is required."))
    if not VERSION_HEADER_RE.match(version):
        raise XapiError(
            400, _("This LRS speaks xAPI 1.0.x; the version %(version)s is not supported.") % {"version": version}
        )


def max_body_bytes() -> int:
    return getattr(settings, "XAPI_MAX_BODY_BYTES", 10 * 1024 * 1024)


def untrusted_json(data: bytes | str, what: str):
    """Parse JSON from a request (a body, a part, a query parameter): too deep, too large, not
    finite or not valid Unicode is a 400 with the reason."""
    try:
        return loads(data, max_bytes=max_body_bytes())
    except UntrustedInput as error:
        raise XapiError(400, _("%(what)s: %(reason)s") % {"what": what, "reason": error})


def _json_body(body: bytes, content_type: str):
    if content_type and content_type.split(";")[0].strip().lower() not in ("application/json", ""):
        raise XapiError(400, _("Send statements as application/json."))
    return untrusted_json(body, _("The request body is not valid JSON"))


def _check_parameters(params: QueryDict) -> None:
    """No parameter may hold a NUL character: the database cannot store or compare one."""
    for key, values in params.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            raise XapiError(400, _("Parameters must not contain NUL characters."))


def _boolean(params: QueryDict, name: str) -> bool:
    value = params.get(name, "false")
    if value not in ("true", "false"):
        raise XapiError(400, _("The parameter %(name)s must be true or false.") % {"name": name})
    return value == "true"


def _uuid(value: str, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError):
        raise XapiError(400, _("The parameter %(name)s must be a UUID.") % {"name": name})


def _timestamp(value: str, name: str) -> datetime.datetime:
    try:
        return parse_timestamp(value, name)
    except ValidationProblem:
        raise XapiError(400, _("The parameter %(name)s must be an ISO 8601 timestamp.") % {"name": name})


def _agent_ifi(value: str) -> str:
    agent = untrusted_json(value, _("The parameter agent is not valid JSON"))
    try:
        _actor(agent, "agent")
        refuse_nul(agent, "agent")
    except ValidationProblem:
        raise XapiError(400, _("The parameter agent must be a JSON Agent or identified Group."))
    ifi = services.agent_ifi(agent)
    if ifi is None:
        raise XapiError(400, _("The parameter agent must be a JSON Agent or identified Group."))
    return ifi


# --- Output formats -----------------------------------------------------------------------------------


def _canonical_map(language_map: dict, languages: list[str]) -> dict:
    """One entry: the reader's first language present exactly, else one of its primary language."""
    for wanted in languages:
        for tag, text in language_map.items():
            if tag.lower() == wanted:
                return {tag: text}
        for tag, text in language_map.items():
            if tag.lower().split("-")[0] == wanted.split("-")[0]:
                return {tag: text}
    tag = next(iter(language_map), None)
    return {tag: language_map[tag]} if tag is not None else {}


def _reformat(value, fmt: str, languages: list[str], *, key: str | None = None):
    """``ids``: agents by identifier only, activities and verbs by id only; ``canonical``: one
    language per language map (the reader's, from Accept-Language)."""
    if isinstance(value, list):
        return [_reformat(item, fmt, languages, key=key) for item in value]
    if not isinstance(value, dict):
        return value
    if fmt == "ids":
        kind = value.get("objectType")
        if key in ("actor", "instructor", "authority", "member") or kind in ("Agent", "Group") and key == "object":
            slim = {k: v for k, v in value.items() if k in ("objectType", "mbox", "mbox_sha1sum", "openid", "account")}
            if "member" in value and not services.agent_ifi(value):
                slim["member"] = _reformat(value["member"], fmt, languages, key="member")
            return slim
        if key == "team":
            slim = {k: v for k, v in value.items() if k in ("objectType", "mbox", "mbox_sha1sum", "openid", "account")}
            if not services.agent_ifi(value):
                slim["member"] = _reformat(value.get("member", []), fmt, languages, key="member")
            return slim
        if key == "verb":
            return {"id": value["id"]}
        if key in ("object", "parent", "grouping", "category", "other") and kind in (None, "Activity"):
            return {k: v for k, v in value.items() if k in ("objectType", "id")}
    if fmt == "canonical" and key in ("display", "name", "description"):
        return _canonical_map(value, languages)
    return {k: _reformat(v, fmt, languages, key=k) for k, v in value.items()}


def _accept_languages(request: HttpRequest) -> list[str]:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    weighted = []
    for part in header.split(","):
        tag, _semi, quality = part.strip().partition(";q=")
        if tag and tag != "*":
            try:
                weighted.append((float(quality or 1), tag.lower()))
            except ValueError:
                continue
    return [tag for _q, tag in sorted(weighted, key=lambda item: -item[0])]


def _present(statement_data: dict, fmt: str, languages: list[str]) -> dict:
    if fmt == "exact":
        return statement_data
    presented = _reformat(statement_data, fmt, languages)
    inner = presented.get("object", {}).get("object") if presented.get("object", {}).get("objectType") else None
    if fmt == "ids" and isinstance(inner, dict) and inner.get("objectType", "Activity") == "Activity":
        # An Activity inside a SubStatement is given by its id alone (Data 2.5, format=ids).
        presented["object"] = {**presented["object"], "object": {"id": inner["id"]}}
    return presented


def _json(
    payload,
    *,
    status: int = 200,
    last_modified: datetime.datetime | None = None,
    multipart: bool = False,
    statements: list | None = None,
) -> HttpResponse:
    encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if multipart:
        # attachments=true: multipart/mixed, the JSON first, then the data of every attachment of
        # the returned statements that was sent with them (Communication 2.1.3, 1.5.2).
        boundary = uuid.uuid4().hex
        chunks = [f"--{boundary}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n".encode(), encoded]
        for attachment in selectors.attachments_for(statements or []):
            chunks += [
                (
                    f"\r\n--{boundary}\r\nContent-Type: {attachment.content_type}\r\n"
                    f"Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {attachment.sha2}\r\n\r\n"
                ).encode(),
                bytes(attachment.content),
            ]
        chunks.append(f"\r\n--{boundary}--\r\n".encode())
        response = HttpResponse(b"".join(chunks), status=status, content_type=f"multipart/mixed; boundary={boundary}")
    else:
        response = HttpResponse(encoded, status=status, content_type="application/json; charset=utf-8")
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return _headers(response, consistent=True, newest=last_modified)


# --- GET ----------------------------------------------------------------------------------------------


def _get(request: HttpRequest, client: LRSClient) -> HttpResponse:
    params = request.GET
    fmt = params.get("format", "exact")
    if fmt not in ("exact", "ids", "canonical"):
        raise XapiError(400, _("The parameter format must be exact, ids or canonical."))
    multipart = _boolean(params, "attachments")
    languages = _accept_languages(request)
    if "more" in params:
        return _get_more(request, client, params["more"], languages, multipart=multipart)
    if "statementId" in params or "voidedStatementId" in params:
        unknown = set(params) - SINGLE_PARAMETERS
        if unknown or ("statementId" in params and "voidedStatementId" in params):
            raise XapiError(
                400,
                _("With statementId or voidedStatementId only format and attachments may be given, not %(names)s.")
                % {"names": ", ".join(sorted(unknown)) or "statementId"},
            )
        voided = "voidedStatementId" in params
        name = "voidedStatementId" if voided else "statementId"
        found = selectors.statement_by_id(
            _uuid(params[name], name), visible=access.statements_visible_q(client), voided=voided
        )
        if found is None:
            raise XapiError(404, _("No such statement."))
        return _json(
            _present(found.data, fmt, languages),
            last_modified=found.stored,
            multipart=multipart,
            statements=[found],
        )
    unknown = set(params) - LIST_PARAMETERS
    if unknown:
        raise XapiError(400, _("Unknown parameters: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    criteria = _criteria(params)
    limit = _limit(params)
    query = {k: params[k] for k in params if k in LIST_PARAMETERS}
    return _page(
        request,
        client,
        criteria,
        limit=limit,
        after=None,
        fmt=fmt,
        languages=languages,
        query=query,
        multipart=multipart,
    )


def _criteria(params) -> selectors.StatementFilter:
    return selectors.StatementFilter(
        agent_ifi=_agent_ifi(params["agent"]) if "agent" in params else None,
        verb=params.get("verb") or None,
        activity=params.get("activity") or None,
        registration=_uuid(params["registration"], "registration") if "registration" in params else None,
        related_activities=_boolean(params, "related_activities"),
        related_agents=_boolean(params, "related_agents"),
        since=_timestamp(params["since"], "since") if "since" in params else None,
        until=_timestamp(params["until"], "until") if "until" in params else None,
        ascending=_boolean(params, "ascending"),
    )


def _limit(params) -> int:
    raw = params.get("limit", "0")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        raise XapiError(400, _("The parameter limit must be a whole number."))
    limit = int(raw)
    return max_page_size() if limit == 0 else min(limit, max_page_size())


def _page(request, client, criteria, *, limit, after, fmt, languages, query, multipart=False) -> HttpResponse:
    rows, cursor = selectors.statements_page(
        criteria, visible=access.statements_visible_q(client), limit=limit, after=after
    )
    more = ""
    if cursor is not None:
        token = signing.dumps({"q": query, "s": cursor[0].isoformat(), "i": cursor[1]}, salt=MORE_SALT, compress=True)
        more = request.path.rstrip("/") + "?" + urlencode({"more": token})
    payload = {"statements": [_present(row.data, fmt, languages) for row in rows], "more": more}
    newest = max((row.stored for row in rows), default=None)
    return _json(payload, last_modified=newest, multipart=multipart, statements=rows)


def _get_more(request, client, token: str, languages: list[str], *, multipart: bool) -> HttpResponse:
    try:
        state = signing.loads(token, salt=MORE_SALT, max_age=24 * 60 * 60)
        query = QueryDict(mutable=True)
        for key, value in state["q"].items():
            query[key] = value
        after = (datetime.datetime.fromisoformat(state["s"]), int(state["i"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise XapiError(400, _("The more link is invalid or has expired."))
    fmt = query.get("format", "exact")
    return _page(
        request,
        client,
        _criteria(query),
        limit=_limit(query),
        after=after,
        fmt=fmt,
        languages=languages,
        query=state["q"],
        multipart=multipart or query.get("attachments") == "true",
    )


# --- POST and PUT -------------------------------------------------------------------------------------


def _hash_matches(sha2: str, content: bytes) -> bool:
    algorithm = {56: hashlib.sha224, 64: hashlib.sha256, 96: hashlib.sha384, 128: hashlib.sha512}.get(len(sha2))
    return algorithm is not None and algorithm(content).hexdigest() == sha2.lower()


def _parse_multipart(body: bytes, content_type: str) -> tuple[object, dict[str, tuple[str, bytes]]]:
    """A multipart/mixed request (Communication 1.5.2): the statements as the first part
    (application/json), then one part per attachment with ``X-Experience-API-Hash`` and
    ``Content-Transfer-Encoding: binary``."""
    message = BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    parts = message.get_payload() if message.is_multipart() else []
    if not parts:
        raise XapiError(400, _("The multipart/mixed body has no parts."))
    first, rest = parts[0], parts[1:]
    if first.get_content_type() != "application/json":
        raise XapiError(400, _("The first part of a multipart/mixed request must be application/json."))
    payload = _json_body(first.get_payload(decode=True) or b"", "application/json")
    attachments: dict[str, tuple[str, bytes]] = {}
    for part in rest:
        sha2 = (part.get("X-Experience-API-Hash") or "").strip()
        if not sha2:
            raise XapiError(400, _("Every attachment part needs an X-Experience-API-Hash header."))
        if (part.get("Content-Transfer-Encoding") or "").strip().lower() != "binary":
            raise XapiError(400, _("Every attachment part needs Content-Transfer-Encoding: binary."))
        content = part.get_payload(decode=True) or b""
        if not _hash_matches(sha2, content):
            raise XapiError(400, _("The data of attachment part %(sha2)s does not match its hash.") % {"sha2": sha2})
        attachments[sha2.lower()] = (part.get_content_type(), content)
    return payload, attachments


def _statements_payload(body: bytes, content_type: str) -> tuple[object, dict[str, tuple[str, bytes]]]:
    if content_type.split(";")[0].strip().lower() == "multipart/mixed":
        return _parse_multipart(body, content_type)
    return _json_body(body, content_type), {}


def _post(request: HttpRequest, client: LRSClient, body: bytes, content_type: str) -> HttpResponse:
    payload, attachments = _statements_payload(body, content_type)
    statements = payload if isinstance(payload, list) else [payload]
    results = services.statements_store(statements=statements, client=client, attachments=attachments)
    return _json([str(statement.statement_id) for statement, _created in results])


def _put(request: HttpRequest, client: LRSClient, body: bytes, content_type: str, params) -> HttpResponse:
    if "statementId" not in params:
        raise XapiError(400, _("PUT needs the statementId parameter."))
    statement_id = _uuid(params["statementId"], "statementId")
    statement, attachments = _statements_payload(body, content_type)
    if not isinstance(statement, dict):
        raise XapiError(400, _("PUT takes one statement, a JSON object."))
    if "id" in statement:
        if not isinstance(statement["id"], str) or _uuid(statement["id"], "id") != statement_id:
            raise XapiError(400, _("The statement's id differs from the statementId parameter."))
    else:
        statement = {**statement, "id": str(statement_id)}
    services.statements_store(statements=[statement], client=client, attachments=attachments)
    return _headers(HttpResponse(status=204), consistent=True)


# --- The resources ------------------------------------------------------------------------------------


def _alternate(request: HttpRequest) -> tuple[str, QueryDict, bytes, str, dict]:
    """Alternate request syntax (Communication 1.3): POST ?method=X with the parameters, headers and
    ``content`` in a form-encoded body."""
    method = request.GET["method"].upper()
    if set(request.GET) != {"method"}:
        raise XapiError(400, _("With the method parameter every other parameter goes in the form body."))
    if method not in ("GET", "PUT", "POST", "HEAD", "DELETE"):
        raise XapiError(400, _("The method parameter must be GET, HEAD, PUT, POST or DELETE."))
    form = request.POST
    headers = {}
    params = QueryDict(mutable=True)
    content = form.get("content", "").encode()
    for key in form:
        if key == "content":
            continue
        lowered = key.lower()
        if lowered in (
            "authorization",
            "x-experience-api-version",
            "content-type",
            "content-length",
            "if-match",
            "if-none-match",
        ):
            headers[lowered] = form[key]
        else:
            params.setlist(key, form.getlist(key))
    return method, params, content, headers.get("content-type", "application/json"), headers


def _request_body(request: HttpRequest) -> bytes:
    try:
        return request.body
    except RequestDataTooBig:
        raise XapiError(413, _("The request body is too large."))


def _no_language_redirect(request: HttpRequest) -> None:
    """LocaleMiddleware turns any 404 under an unprefixed path into a redirect to ``/en/…`` when the
    site's URLconf uses i18n_patterns with a catch-all (Wagtail's): resolve this request's response
    against this app's own URLconf so that a missing statement stays a 404, as xAPI requires."""
    request.urlconf = "xapi.urls"


def incoming(request: HttpRequest) -> tuple[str, QueryDict, bytes | None, str, dict[str, str]]:
    """The method, parameters, body (None: the request's own), content type and concurrency
    headers of a request, in the ordinary or the alternate syntax; checks the version header
    and the parameters."""
    method = request.method
    params, body, content_type = request.GET, None, request.META.get("CONTENT_TYPE", "")
    headers = {
        name: request.META[meta]
        for name, meta in (("if-match", "HTTP_IF_MATCH"), ("if-none-match", "HTTP_IF_NONE_MATCH"))
        if meta in request.META
    }
    if method == "POST" and "method" in request.GET:
        if not request.content_type.startswith("application/x-www-form-urlencoded"):
            raise XapiError(400, _("The alternate request syntax needs a form-encoded body."))
        method, params, body, content_type, headers = _alternate(request)
        if "authorization" in headers:
            request.META["HTTP_AUTHORIZATION"] = headers["authorization"]
        if "x-experience-api-version" in headers:
            request.META["HTTP_X_EXPERIENCE_API_VERSION"] = headers["x-experience-api-version"]
        request.GET = params
    _check_version(request)
    _check_parameters(params)
    return method, params, body, content_type, headers


@csrf_exempt
def statements(request: HttpRequest) -> HttpResponse:
    _no_language_redirect(request)
    try:
        method, params, body, content_type, _headers_sent = incoming(request)
        if method in ("GET", "HEAD"):
            client = _authenticate(request, write=False)
            response = _get(request, client)
            if method == "HEAD":
                response.content = b""
            return response
        if method in ("POST", "PUT"):
            client = _authenticate(request, write=True)
            data = _request_body(request) if body is None else body
            if method == "POST":
                return _post(request, client, data, content_type)
            return _put(request, client, data, content_type, params)
        response = _error(405, _("Method not allowed."))
        response["Allow"] = "GET, HEAD, POST, PUT"
        return response
    except XapiError as error:
        extra = {"WWW_Authenticate": 'Basic realm="xAPI"'} if error.status == 401 else {}
        return _error(error.status, error.message, **extra)
    except (StatementInvalid, StatementConflict) as error:
        return _error(error.status, error.message)
    except RequestDataTooBig:
        return _error(413, _("The request body is too large."))
    except TooManyFieldsSent:
        return _error(400, _("The request has too many form fields."))


@csrf_exempt
def about(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return _error(405, _("Method not allowed."))
    response = JsonResponse({"version": list(SUPPORTED_VERSIONS), "extensions": {}})
    if request.method == "HEAD":
        response.content = b""
    return _headers(response)
