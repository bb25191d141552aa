"""The sandboxed SCO documents and files behind session-bound grants, and the lesson page's posts.

Addresses are unprefixed (``/scorm/…``, see scorm/urls.py). Two kinds of caller:

- the SCO's documents and files (``launch`` and ``package_file``): every response, refusals included,
  carries ``Content-Security-Policy: … sandbox allow-scripts``, so even opened top-level a document
  has an opaque origin: it cannot read the site's cookies, storage or pages. The launch document must
  come with the session the grant was made for; files requested from the opaque origin carry no
  cookie, so the grant in their URL (which names that session by a digest) is the binding, and a
  cookie they do carry must match. The launch document is the SCO's own launch file with the
  run-time API (scorm-again) placed in it, with the learner's saved CMI data;
- the lesson page itself (the site's origin, session and CSRF token): ``commit`` and ``attempt``,
  for packages placed in that lesson only. The API in the frame posts its commits to the lesson page
  by postMessage; the lesson page posts them here. See docs/decisions/0090.
"""

from __future__ import annotations

import posixpath
import re
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils.html import escape, json_script
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt, xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from accounts import api as accounts_api
from lms import untrusted
from lms.grants import Refused, SignedGrant

from . import selectors, sequencing, services
from .models import ScormPackage
from .signing import GRANTS

# What a package file may be served as. Anything else is a download that cannot render.
SAFE_TYPES = {
    "html": "text/html; charset=utf-8",
    "htm": "text/html; charset=utf-8",
    "xhtml": "text/html; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "mjs": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json",
    "xml": "text/xml; charset=utf-8",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "webp": "image/webp",
    "svg": "image/svg+xml",
    "ico": "image/x-icon",
    "eot": "application/vnd.ms-fontobject",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "webm": "video/webm",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "ogg": "audio/ogg",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "txt": "text/plain; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "pdf": "application/pdf",
    "wasm": "application/wasm",
}
HTML_EXTENSIONS = {"html", "htm", "xhtml"}
# "sandbox allow-scripts" (no allow-same-origin) gives every document an opaque origin, even top-level.
SANDBOX = "sandbox allow-scripts"
# SCOs are old web pages: inline scripts and handlers, string timers. They may run them, in their
# opaque origin only, and reach nothing but this server (no exfiltration by fetch, forms or frames
# elsewhere).
_SCO_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
)
# The launch document is framed by the lesson page only. The package's other pages are framed by
# the SCO's documents, whose origin is opaque and cannot be named in frame-ancestors or
# X-Frame-Options: they carry neither, and are reachable only with the grant in their address.
SCO_CSP = "; ".join(
    [
        *_SCO_DIRECTIVES,
        "frame-ancestors 'self'" + (f" {settings.SITE_BASE_URL.rstrip('/')}" if settings.SCORM_ORIGIN else ""),
        SANDBOX,
    ]
)
FILE_CSP = "; ".join([*_SCO_DIRECTIVES, SANDBOX])
REFUSAL_CSP = f"default-src 'none'; {SANDBOX}"
GRANT_CACHE_SECONDS = 60
# scorm-again's build of each version's API (served from node_modules, see lms/settings/base.py).
RUNTIMES = {
    "1.2": "scorm-again/scorm12.min.js",
    "2004-3": "scorm-again/scorm2004.min.js",
    "2004-4": "scorm-again/scorm2004.min.js",
}
HEAD_RE = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)
HTML_RE = re.compile(rb"<html(\s[^>]*)?>", re.IGNORECASE)


def _refusal(error: Refused) -> HttpResponse:
    response = HttpResponse(error.message, status=error.status, content_type="text/plain; charset=utf-8")
    response["Content-Security-Policy"] = REFUSAL_CSP
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _sandboxed(view):
    """Every response of the view, a 404 or a 405 included, is sandboxed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = _refusal(Refused(404, _("This file is not part of the package.")))
        except Refused as error:
            response = _refusal(error)
        if SANDBOX not in response.get("Content-Security-Policy", ""):
            response["Content-Security-Policy"] = REFUSAL_CSP
        response["X-Content-Type-Options"] = "nosniff"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


def _grant_check(request, token: str, *, session_required: bool) -> tuple[SignedGrant, ScormPackage]:
    """The grant and its package, or a refusal (lms.grants: the session binding)."""
    from courses import api as courses_api

    grant = GRANTS.check(request, token, session_required=session_required)
    package = selectors.package_by_id(grant.object_id)
    if package is None:
        raise Refused(404, _("This activity does not exist."))

    def verify():
        user = accounts_api.active_user_by_id(grant.user_id)
        if user is None or not courses_api.lesson_can_view(user, grant.lesson_id):
            raise Refused(403, _("You may not see this activity."))
        if not selectors.package_in_lesson(lesson_id=grant.lesson_id, package=package):
            raise Refused(404, _("This activity does not exist."))

    GRANTS.verified(token, grant, verify, seconds=GRANT_CACHE_SECONDS)
    return grant, package


def _inject(html: bytes, snippet: str) -> bytes:
    """The document with ``snippet`` first in its head (before any script of the SCO runs)."""
    encoded = snippet.encode("utf-8")
    for pattern in (HEAD_RE, HTML_RE):
        match = pattern.search(html)
        if match:
            return html[: match.end()] + encoded + html[match.end() :]
    return encoded + html


def _file_url(token: str, path: str) -> str:
    return f"{settings.SCORM_ORIGIN}/scorm/files/{token}/{path}"


@_sandboxed
@require_GET
@never_cache
@xframe_options_sameorigin
def launch(request, token: str, item: str):
    """The SCO's launch document, with the run-time API and the learner's saved data placed first.

    Its ``<base>`` is the launch file's own address under the grant, so the SCO's relative links
    resolve to the package's files as if it had been opened from there."""
    grant, package = _grant_check(request, token, session_required=True)
    entry = sequencing.item_by_id(package.manifest, item)
    if entry is None:
        raise Http404
    name = selectors.storage_name(package=package, path=entry["href"])
    if name is None:
        raise Http404
    try:
        with default_storage.open(name, "rb") as handle:
            html = handle.read()
    except OSError:
        raise Http404 from None
    attempt = selectors.attempt_latest(user_id=grant.user_id, lesson_id=grant.lesson_id, package=package)
    data = next((sco for sco in attempt.scos.all() if sco.item == item), None) if attempt else None
    runtime = {
        "version": package.version,
        "item": item,
        "cmi": selectors.runtime_data(user=request.user, package=package, item=entry, data=data),
        "parentOrigin": settings.SITE_BASE_URL.rstrip("/")
        if settings.SCORM_ORIGIN
        else f"{request.scheme}://{request.get_host()}",
    }
    directory = posixpath.dirname(entry["href"])
    base = _file_url(token, f"{directory}/" if directory else "")
    snippet = (
        f'<base href="{escape(base)}">'
        + json_script(runtime, "capacitas-scorm-runtime")
        + f'<script src="{escape(static(RUNTIMES[package.version]))}"></script>'
        + f'<script src="{escape(static("scorm/runtime.js"))}"></script>'
    )
    response = HttpResponse(_inject(html, snippet), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = SCO_CSP
    return response


@_sandboxed
@require_GET
@xframe_options_exempt
def package_file(request, token: str, path: str):
    """One file of the package, for a valid grant only. HTML pages other than the launch document
    get the frame helper, which relays their calls to the SCO's window (see static/scorm/frame.js)."""
    _grant, package = _grant_check(request, token, session_required=False)
    if posixpath.normpath(path) != path or path.startswith("/") or ".." in path.split("/"):
        raise Http404
    name = selectors.storage_name(package=package, path=path)
    if name is None:
        raise Http404
    extension = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    content_type = SAFE_TYPES.get(extension)
    try:
        handle = default_storage.open(name, "rb")
    except OSError:
        raise Http404 from None
    if extension in HTML_EXTENSIONS:
        with handle:
            html = handle.read()
        snippet = f'<script src="{escape(static("scorm/frame.js"))}"></script>'
        response = HttpResponse(_inject(html, snippet), content_type=content_type)
    elif content_type is None:
        response = FileResponse(
            handle, as_attachment=True, filename=path.rsplit("/", 1)[-1], content_type="application/octet-stream"
        )
    else:
        response = FileResponse(handle, content_type=content_type)
    response["Content-Security-Policy"] = FILE_CSP
    # The SCO's origin is opaque ("null"): its fetches are cross-origin and carry no cookies.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Cache-Control"] = f"private, max-age={settings.SCORM_GRANT_PERIOD}"
    return response


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _lesson_package(request, lesson_id: int, package_id: int):
    from courses import api as courses_api

    if not request.user.is_authenticated:
        return None, _json_error(_("Sign in to keep your progress."), 403)
    package = selectors.package_by_id(package_id)
    if package is None:
        return None, _json_error(_("This activity does not exist."), 404)
    if not courses_api.lesson_can_view(request.user, lesson_id):
        return None, _json_error(_("You may not see this activity."), 403)
    if not selectors.package_in_lesson(lesson_id=lesson_id, package=package):
        return None, _json_error(_("This activity is not part of this lesson."), 403)
    return package, None


@require_POST
def commit(request, lesson_id: int, package_id: int):
    """What a SCO committed, relayed by the lesson page: stored in the learner's current attempt."""
    package, error = _lesson_package(request, lesson_id, package_id)
    if error:
        return error
    try:
        body = untrusted.loads(request.body, max_bytes=services.MAX_COMMIT_BYTES, max_depth=16)
    except untrusted.UntrustedInput as refused:
        return _json_error(str(refused), 400)
    if not isinstance(body, dict) or not isinstance(body.get("item"), str):
        return _json_error(_("Send the SCO's data as a JSON object."), 400)
    try:
        result = services.commit_record(
            user=request.user,
            lesson_id=lesson_id,
            package=package,
            item=body["item"],
            cmi=body.get("cmi"),
            launch=body.get("launch"),
        )
    except ValidationError as invalid:
        return _json_error(" ".join(invalid.messages), 400)
    return JsonResponse(result)


@require_POST
def attempt(request, lesson_id: int, package_id: int):
    """Start the package again in a new attempt (the lesson page then reloads the player)."""
    package, error = _lesson_package(request, lesson_id, package_id)
    if error:
        return error
    created = services.attempt_new(user=request.user, lesson_id=lesson_id, package=package)
    return JsonResponse({"attempt": created.number}, status=201)


def activity(request, lesson_id: int, package_id: int):
    """The activity IRI resolves to a short description (xAPI activity ids should be resolvable)."""
    package = ScormPackage.objects.filter(pk=package_id).only("title").first()
    if package is None:
        raise Http404
    return JsonResponse(
        {
            "objectType": "Activity",
            "id": request.build_absolute_uri(request.path),
            "definition": {"name": {settings.LANGUAGE_CODE: package.title}},
        }
    )
