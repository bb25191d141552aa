"""The player document, package files behind session-bound grants, and the endpoints the lesson page posts to.

Addresses are unprefixed (``/h5p/…``, see h5p/urls.py). Two kinds of caller:
- the player document and its files: every response, refusals included, carries
  ``Content-Security-Policy: sandbox allow-scripts``, so even opened top-level the document has an
  opaque origin and cannot use the site's session. The player page must come with the session the
  grant was made for; file requests from the opaque origin carry no cookie, so the grant in their
  URL (which names that session by a digest) is the binding, and a cookie they do carry must match;
- the lesson page itself (the site's origin, session and CSRF token): ``statement`` and ``state``,
  for content placed in that lesson only. See docs/decisions/0034.
"""

from __future__ import annotations

import json
import posixpath
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from accounts import api as accounts_api
from lms import untrusted
from lms.grants import SignedGrant

from . import access, selectors, services
from .models import H5PContent
from .signing import GRANTS

# What a package file may be served as. Anything else is a download that cannot render.
SAFE_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "svg": "image/svg+xml",
    "eot": "application/vnd.ms-fontobject",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "webm": "video/webm",
    "mp4": "video/mp4",
    "ogg": "audio/ogg",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "txt": "text/plain; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "webvtt": "text/vtt; charset=utf-8",
    "pdf": "application/pdf",
    "gltf": "model/gltf+json",
    "glb": "model/gltf-binary",
}
# Every package file response: if it is ever opened as a document, it is sandboxed and inert.
# "sandbox allow-scripts" (no allow-same-origin) gives the document an opaque origin even top-level.
SANDBOX = "sandbox allow-scripts"
FILE_CSP = f"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'self' data:; {SANDBOX}"
GRANT_CACHE_SECONDS = 60
IMMUTABLE = "private, max-age=31536000, immutable"


def _grant_check(request, token: str, *, session_required: bool) -> tuple[SignedGrant, H5PContent]:
    """The grant and its content, or a refusal (lms.grants: the session binding)."""
    from courses import api as courses_api

    grant = GRANTS.check(request, token, session_required=session_required)
    content = selectors.content_for_player(content_id=grant.object_id)
    if content is None:
        raise access.Refused(404, _("This activity does not exist."))

    def verify():
        user = accounts_api.active_user_by_id(grant.user_id)
        if user is None or not courses_api.lesson_can_view(user, grant.lesson_id):
            raise access.Refused(403, _("You may not see this activity."))
        # The content's own audience holds in any lesson, another state's included (h5p.access).
        if not access.can_play(user, content):
            raise access.Refused(403, _("You may not see this activity."))
        if not selectors.content_in_lesson(lesson_id=grant.lesson_id, content=content):
            raise access.Refused(404, _("This activity does not exist."))

    GRANTS.verified(token, grant, verify, seconds=GRANT_CACHE_SECONDS)
    return grant, content


def _refusal(error: access.Refused) -> HttpResponse:
    response = HttpResponse(error.message, status=error.status, content_type="text/plain; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _sandboxed(view):
    """Every response of the view, a 404 or a 405 included, is sandboxed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = _refusal(access.Refused(404, _("This activity does not exist.")))
        if SANDBOX not in response.get("Content-Security-Policy", ""):
            response["Content-Security-Policy"] = FILE_CSP
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return wrapper


def _player_csp(request) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            # blob: the lesson page hands the player its files (from its HTTP cache, which a document
            # with an opaque origin cannot use); static/h5p/player.js makes them blob: addresses.
            "script-src 'self' blob:",
            "style-src 'self' 'unsafe-inline' blob:",
            "img-src 'self' data: blob:",
            "font-src 'self' data: blob:",
            "media-src 'self' blob:",
            "connect-src 'self'",
            "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'self'",
            SANDBOX,
        ]
    )


@_sandboxed
@require_GET
@never_cache
@xframe_options_sameorigin
def player(request, token: str):
    """The document inside the sandboxed iframe: h5p-standalone with this grant's file URLs."""
    try:
        grant, content = _grant_check(request, token, session_required=True)
    except access.Refused as error:
        return _refusal(error)
    base = selectors.files_base(token=token, content=content)
    previous = selectors.user_state(user_id=grant.user_id, lesson_id=grant.lesson_id, content=content)
    options = {
        "id": str(content.pk),
        # Inside our sandbox (an opaque origin) h5p-standalone's own inner iframe would get another
        # opaque origin it cannot script; the "div" embedding runs the content in this document.
        "embedType": "div",
        "h5pJsonPath": base,
        "contentJsonPath": f"{base}/content",
        "librariesPath": f"{base}/libraries",
        "frameJs": static("h5p-standalone/frame.bundle.js"),
        "frameCss": static("h5p-standalone/styles/h5p.css"),
        "frame": False,
        "copyright": False,
        "export": False,
        "embed": False,
        "fullScreen": False,
        "icon": False,
        "xAPIObjectIRI": selectors.activity_iri(lesson_id=grant.lesson_id, content_id=content.pk),
    }
    # Saved state is handed over here and saved through the parent page (see static/h5p/player.js).
    options["saveFreq"] = 15
    if previous:
        options["contentUserData"] = [{"state": previous}]
    context = {
        "content": content,
        "options": options,
        # With a separate H5P_ORIGIN the lesson page is on the site's address, else on this one.
        "parent_origin": settings.SITE_BASE_URL.rstrip("/")
        if settings.H5P_ORIGIN
        else f"{request.scheme}://{request.get_host()}",
        "save_state": True,
    }
    response = render(request, "h5p/player.html", context)
    response["Content-Security-Policy"] = _player_csp(request)
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response


@_sandboxed
@require_GET
def package_file(request, token: str, content_hash: str, path: str):
    """One file of a package (h5p.json, content/…, libraries/<folder>/…), for a valid grant only."""
    try:
        grant, content = _grant_check(request, token, session_required=False)
    except access.Refused as error:
        return _refusal(error)
    if content_hash != content.content_hash:
        raise Http404
    if path == "h5p.json":
        response = HttpResponse(json.dumps(content.h5p_json), content_type="application/json")
        return _file_headers(response)
    normalised = posixpath.normpath(path)
    if normalised != path or path.startswith("/") or ".." in path.split("/"):
        raise Http404
    name = selectors.file_storage_name(content=content, path=path)
    if name is None:
        raise Http404
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    content_type = SAFE_TYPES.get(extension)
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    if content_type is None:
        response = FileResponse(
            handle, as_attachment=True, filename=path.rsplit("/", 1)[-1], content_type="application/octet-stream"
        )
    else:
        response = FileResponse(handle, content_type=content_type)
    return _file_headers(response)


def _file_headers(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    # The player's origin is opaque ("null"): its fetches are cross-origin and carry no cookies.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    # The address holds the package's hash and a grant that names one content (whose libraries are
    # fixed at import): what it serves never changes, so the browser keeps it without asking again.
    # Private: the grant names one viewer's session, and the content may be for officials only.
    response["Cache-Control"] = IMMUTABLE
    response["Referrer-Policy"] = "no-referrer"
    return response


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _lesson_content(request, lesson_id: int, content_id: int):
    try:
        return access.access_lesson_content(request.user, lesson_id=lesson_id, content_id=content_id), None
    except access.Refused as refused:
        return None, _json_error(refused.message, refused.status)


def _body_json(request):
    return untrusted.loads(request.body, max_bytes=services.MAX_STATE_BYTES * 2)


@require_POST
def statement(request, lesson_id: int, content_id: int):
    """An xAPI statement relayed by the lesson page: the server sets the actor, stores it, records progress."""
    from xapi import api as xapi_api

    content, error = _lesson_content(request, lesson_id, content_id)
    if error:
        return error
    try:
        body = _body_json(request)
    except untrusted.UntrustedInput as refused:
        return _json_error(str(refused), 400)
    if not isinstance(body, dict):
        return _json_error(_("Send one xAPI statement as JSON."), 400)
    try:
        result = services.activity_statement_record(
            user=request.user,
            lesson_id=lesson_id,
            content=content,
            statement=body,
            activity_iri=selectors.activity_iri(lesson_id=lesson_id, content_id=content.pk),
        )
    except xapi_api.StatementInvalid as invalid:
        return _json_error(str(invalid.message), 400)
    except xapi_api.StatementConflict as conflict:
        return _json_error(str(conflict.message), 409)
    except ValidationError as invalid:
        return _json_error(" ".join(invalid.messages), 400)
    return JsonResponse(result, status=201 if result["created"] else 200)


@require_POST
def state(request, lesson_id: int, content_id: int):
    """The learner's current state of an activity, relayed by the lesson page (resume later)."""
    content, error = _lesson_content(request, lesson_id, content_id)
    if error:
        return error
    try:
        body = _body_json(request)
    except untrusted.UntrustedInput as refused:
        return _json_error(str(refused), 400)
    try:
        data = body["state"]
    except (KeyError, TypeError):
        return _json_error(_('Send the state as JSON: {"state": "…"}.'), 400)
    try:
        services.user_state_save(user=request.user, lesson_id=lesson_id, content=content, state=data)
    except ValidationError as invalid:
        return _json_error(" ".join(invalid.messages), 400)
    return JsonResponse({"saved": True})


def activity(request, lesson_id: int, content_id: int):
    """The activity IRI resolves to a short description (xAPI activity ids should be resolvable)."""
    content = selectors.content_by_id(content_id)
    if content is None:
        raise Http404
    return JsonResponse(
        {
            "objectType": "Activity",
            "id": request.build_absolute_uri(),
            "definition": {"name": {settings.LANGUAGE_CODE: content.title}},
        }
    )
