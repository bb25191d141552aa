"""Public credential documents (issuer, keys, status lists, a certificate's credential), the learner's
download, and the verifier for a pasted credential."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from courses import access as courses_access

from . import baking, credentials, keys
from .forms import VerifyCredentialForm
from .verification import verify

#: Published documents change only when a certificate is revoked; verifiers must see that at once.
NO_STORE = "no-cache"


def _json(data: dict, *, cache: str = NO_STORE, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"  # any verifier, from any origin, may read these
    return response


@require_GET
def issuer(request):
    return _json(credentials.issuer_profile(), cache="public, max-age=3600")


@require_GET
def jwks(request):
    return _json(keys.jwks(), cache="public, max-age=3600")


@require_GET
def status_list(request, number: int):
    if number >= 10**9:
        raise Http404
    return _json(credentials.envelope(credentials.status_list_credential(number)))


@require_GET
def credential(request, code: str):
    """Public like the verification page: the credential names no one (the learner is a salted hash)."""
    issued = credentials.credential_for_code(code)
    if issued is None:
        raise Http404
    return _json(credentials.envelope(issued[1]))


@login_required
@require_GET
def download(request, pk: int):
    certificate = courses_access.access_certificate(request.user, pk)
    issued = credentials.credential_for_code(certificate.code)
    if issued is None:
        raise Http404
    response = _json(credentials.envelope(issued[1]), cache="private, no-cache")
    response["Content-Disposition"] = f'attachment; filename="{issued[0].code}.json"'
    return response


@login_required
@require_GET
def download_image(request, pk: int, kind: str):
    """The learner's own badge image with the credential baked in (PNG or SVG)."""
    certificate = courses_access.access_certificate(request.user, pk)
    issued = credentials.credential_for_code(certificate.code)
    if issued is None:
        raise Http404
    facts, token = issued
    if kind == "png":
        response = HttpResponse(baking.bake_png(baking.badge_png(facts), token), content_type="image/png")
    else:
        response = HttpResponse(baking.badge_svg(facts, token), content_type="image/svg+xml")
        # An SVG is a document: opened on its own it may run nothing and load nothing.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'attachment; filename="{facts.code}.{kind}"'
    return response


@require_http_methods(["GET", "POST"])
def verify_credential(request):
    # Like /verify/<code>/, the page has no language prefix and takes ?lang=.
    language = request.GET.get("lang", "")
    if language in settings.LANGUAGE_CODES:
        translation.activate(language)
        request.LANGUAGE_CODE = language
    posted = request.method == "POST"
    form = VerifyCredentialForm(request.POST if posted else None, request.FILES if posted else None)
    verdict, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            verdict = verify(form.cleaned_data["text"])
            status = 200 if verdict.status != "malformed" else 400
        else:
            status = 400
    context = {
        "form": form,
        "verdict": verdict,
        "jwks_url": request.build_absolute_uri(reverse("badges:jwks")),
        "issuer_url": request.build_absolute_uri(reverse("badges:issuer")),
    }
    return render(request, "badges/verify_credential.html", context, status=status)
