"""The xAPI 1.0.3 document resources (State, Activity Profile, Agent Profile) and the Agents and
Activities resources: thin views over ``documents`` and ``selectors``.

Every resource answers HEAD like GET without a body, checks the version header, takes the
alternate request syntax, and speaks only for the authenticated client's own documents.
"""

from __future__ import annotations

import datetime
import json

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import access, selectors
from .documents import (
    DocumentKey,
    DocumentRefused,
    document_delete,
    document_get,
    document_ids,
    document_write,
    documents_delete,
)
from .models import DocumentKind, LRSClient
from .validation import ValidationProblem, _iri
from .views import (
    XapiError,
    _agent_ifi,
    _authenticate,
    _error,
    _headers,
    _no_language_redirect,
    _request_body,
    _timestamp,
    _uuid,
    incoming,
    untrusted_json,
)

#: Longest activityId, stateId or profileId accepted: far beyond any real one.
MAX_ID_LENGTH = 4096


def _required(params: QueryDict, name: str) -> str:
    if name not in params:
        raise XapiError(400, _("The parameter %(name)s is required.") % {"name": name})
    value = params[name]
    if len(value) > MAX_ID_LENGTH:
        raise XapiError(400, _("The parameter %(name)s is too long.") % {"name": name})
    return value


def _activity_id(params: QueryDict) -> str:
    value = _required(params, "activityId")
    try:
        _iri(value, "activityId")
    except ValidationProblem:
        raise XapiError(400, _("The parameter activityId must be an IRI."))
    return value


def _only(params: QueryDict, allowed: set[str]) -> None:
    unknown = set(params) - allowed
    if unknown:
        raise XapiError(400, _("Unknown parameters: %(names)s.") % {"names": ", ".join(sorted(unknown))})


def _since(params: QueryDict) -> datetime.datetime | None:
    return _timestamp(params["since"], "since") if "since" in params else None


def _json_answer(payload, *, head: bool) -> HttpResponse:
    encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    response = HttpResponse(b"" if head else encoded, content_type="application/json; charset=utf-8")
    if head:
        response["Content-Length"] = str(len(encoded))
    return _headers(response, consistent=True)


def _no_content() -> HttpResponse:
    return _headers(HttpResponse(status=204), consistent=True)


def _document_answer(document, *, head: bool) -> HttpResponse:
    content = bytes(document.content)
    response = HttpResponse(b"" if head else content, content_type=document.content_type)
    if head:
        response["Content-Length"] = str(len(content))
    response["ETag"] = f'"{document.etag}"'
    response["Last-Modified"] = http_date(document.updated.timestamp())
    return _headers(response, consistent=True)


def _documents(
    request: HttpRequest, *, kind: str, key_of, id_name: str, allowed: set[str], registration: bool = False
) -> HttpResponse:
    """The shared logic of the three document resources; ``key_of(params)`` reads the scope."""
    method, params, body, content_type, headers = incoming(request)
    if method not in ("GET", "HEAD", "PUT", "POST", "DELETE"):
        response = _error(405, _("Method not allowed."))
        response["Allow"] = "GET, HEAD, PUT, POST, DELETE"
        return response
    client: LRSClient = _authenticate(request, write=method in ("PUT", "POST", "DELETE"))
    _only(params, allowed | ({"since"} if method in ("GET", "HEAD") else set()))
    scope: DocumentKey = key_of(params)
    has_registration = registration and "registration" in params
    if has_registration:
        scope = DocumentKey(**{**scope.__dict__, "registration": _uuid(params["registration"], "registration")})
    if id_name not in params and method in ("PUT", "POST"):
        raise XapiError(400, _("The parameter %(name)s is required.") % {"name": id_name})
    if id_name in params:
        key = DocumentKey(**{**scope.__dict__, "document_id": _required(params, id_name)})
    else:
        key = None
    head = method == "HEAD"
    if method in ("GET", "HEAD"):
        since = _since(params)
        if key is None:
            return _json_answer(
                document_ids(client=client, key=scope, since=since, registration=has_registration), head=head
            )
        document = document_get(client=client, key=key)
        if document is None:
            raise XapiError(404, _("No such document."))
        return _document_answer(document, head=head)
    if method == "DELETE":
        if key is None:
            if kind != DocumentKind.STATE:
                raise XapiError(400, _("The parameter %(name)s is required.") % {"name": id_name})
            documents_delete(client=client, key=scope, registration=has_registration)
        else:
            document_delete(
                client=client, key=key, if_match=headers.get("if-match"), if_none_match=headers.get("if-none-match")
            )
        return _no_content()
    content = _request_body(request) if body is None else body
    document_write(
        client=client,
        key=key,
        content=content,
        content_type=content_type,
        merge=method == "POST",
        if_match=headers.get("if-match"),
        if_none_match=headers.get("if-none-match"),
        precondition_required=kind != DocumentKind.STATE,
    )
    return _no_content()


def _resource(view):
    """The common frame: no language redirect, CSRF exempt, every refusal a JSON error."""

    @csrf_exempt
    def wrapped(request: HttpRequest) -> HttpResponse:
        _no_language_redirect(request)
        try:
            return view(request)
        except XapiError as error:
            extra = {"WWW_Authenticate": 'Basic realm="xAPI"'} if error.status == 401 else {}
            return _error(error.status, error.message, **extra)
        except DocumentRefused as error:
            return _error(error.status, error.message)
        except RequestDataTooBig:
            return _error(413, _("The request body is too large."))
        except TooManyFieldsSent:
            return _error(400, _("The request has too many form fields."))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_resource
def state(request: HttpRequest) -> HttpResponse:
    """/activities/state: documents of an activity, an agent and optionally a registration."""
    return _documents(
        request,
        kind=DocumentKind.STATE,
        key_of=lambda params: DocumentKey(
            kind=DocumentKind.STATE, activity_id=_activity_id(params), agent_ifi=_agent_ifi(_required(params, "agent"))
        ),
        id_name="stateId",
        allowed={"activityId", "agent", "registration", "stateId"},
        registration=True,
    )


@_resource
def activity_profile(request: HttpRequest) -> HttpResponse:
    """/activities/profile: documents of an activity."""
    return _documents(
        request,
        kind=DocumentKind.ACTIVITY_PROFILE,
        key_of=lambda params: DocumentKey(kind=DocumentKind.ACTIVITY_PROFILE, activity_id=_activity_id(params)),
        id_name="profileId",
        allowed={"activityId", "profileId"},
    )


@_resource
def agent_profile(request: HttpRequest) -> HttpResponse:
    """/agents/profile: documents of an agent."""
    return _documents(
        request,
        kind=DocumentKind.AGENT_PROFILE,
        key_of=lambda params: DocumentKey(
            kind=DocumentKind.AGENT_PROFILE, agent_ifi=_agent_ifi(_required(params, "agent"))
        ),
        id_name="profileId",
        allowed={"agent", "profileId"},
    )


def _read_only(request: HttpRequest) -> tuple[str, QueryDict, LRSClient] | HttpResponse:
    method, params, _body, _content_type, _headers_sent = incoming(request)
    if method not in ("GET", "HEAD"):
        response = _error(405, _("Method not allowed."))
        response["Allow"] = "GET, HEAD"
        return response
    return method, params, _authenticate(request, write=False)


@_resource
def agents(request: HttpRequest) -> HttpResponse:
    """/agents: the Person object of an agent (Communication 2.4): its name and identifier, each
    as a list, as this LRS knows the agent from the parameter."""
    read = _read_only(request)
    if isinstance(read, HttpResponse):
        return read
    method, params, _client = read
    _only(params, {"agent"})
    raw = _required(params, "agent")
    _agent_ifi(raw)  # validates
    agent = untrusted_json(raw, _("The parameter agent is not valid JSON"))
    person: dict = {"objectType": "Person"}
    if "name" in agent:
        person["name"] = [agent["name"]]
    for ifi in ("mbox", "mbox_sha1sum", "openid", "account"):
        if ifi in agent:
            person[ifi] = [agent[ifi]]
    return _json_answer(person, head=method == "HEAD")


@_resource
def activities(request: HttpRequest) -> HttpResponse:
    """/activities: the full Activity object, merged from the statements the client may read."""
    read = _read_only(request)
    if isinstance(read, HttpResponse):
        return read
    method, params, client = read
    _only(params, {"activityId"})
    found = selectors.activity_object(_activity_id(params), visible=access.statements_visible_q(client))
    if found is None:
        raise XapiError(404, _("No statement you may read mentions this activity."))
    return _json_answer(found, head=method == "HEAD")
