"""The tool's endpoints under /lti/ (no language prefix): JWKS, OIDC login initiation, launch,
the deep linking picker's answer, the ticket into a window of its own, and dynamic registration.

Launch pages are shown inside the platform's frame: their CSP names the platform as a frame
ancestor, and they carry no session (the site's cookies are not sent there; decision 0111)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.core.cache import cache
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.contrib.django.launch_data_storage.cache import DjangoCacheDataStorage
from pylti1p3.exception import LtiException, OIDCException

from accounts import access as accounts_access
from lms.refusals import refusal

from . import keys, selectors, services
from .services import LaunchRefused
from .tool_config import ToolConf

log = logging.getLogger("lti")

DEEP_LINK_CACHE = "lti-deep-link:{}"


def _origin(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def _framed(response, *origins: str):
    """Let the platform frame this page (and receive its form)."""
    origins = [o for o in origins if o]
    response.xframe_options_exempt = True
    if origins:
        response._csp_update = {"frame-ancestors": origins, "form-action": origins}
    return response


def _refuse(request, refused: LaunchRefused, *, where: str, platform_origin: str = ""):
    log.warning("LTI %s refused (%s): %s", where, refused.status, refused.reason)
    response = refusal(request, refused.message, status=refused.status, heading=_("This launch cannot open"))
    return _framed(response, platform_origin)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def jwks(request):
    response = JsonResponse(keys.jwks())
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt
@xframe_options_exempt
@require_http_methods(["GET", "POST"])
def oidc_login(request):
    """Third-party initiated login: back to the platform's authorization endpoint with a state
    (pylti1p3's cookie, SameSite=None; Secure over HTTPS) and a nonce."""
    tool_conf = ToolConf()
    oidc = DjangoOIDCLogin(request, tool_conf, launch_data_storage=DjangoCacheDataStorage())
    try:
        return oidc.disable_check_cookies().redirect(request.build_absolute_uri(reverse("lti:launch")))
    except (LtiException, OIDCException, ValueError, TypeError) as error:
        refused = LaunchRefused(_("This platform is not registered with Capacitas."), status=400, reason=str(error))
        return _refuse(request, refused, where="login")


@csrf_exempt
@xframe_options_exempt
@require_POST
def launch(request):
    tool_conf = ToolConf()
    message = DjangoMessageLaunch(request, tool_conf, launch_data_storage=DjangoCacheDataStorage())
    try:
        claims = message.get_launch_data()
        if not isinstance(claims, dict):
            raise LtiException("claims are not an object")
    except (LtiException, ValueError, TypeError, AttributeError, KeyError) as error:
        # pylti1p3 trusts the token's JSON shapes; a malformed token is refused like a forged one.
        reason = f"{type(error).__name__}: {error}"
        if "expired" in reason.lower():
            text = _("The launch has expired. Start it again from your platform.")
        elif "deployment" in reason.lower():
            text = _("This deployment of the platform is not registered with Capacitas.")
        elif "registration" in reason.lower() or "client id" in reason.lower():
            text = _("This launch was not meant for Capacitas.")
        else:
            text = _("The launch could not be verified. Start it again from your platform.")
        # The refusal may show in the frame of a registered issuer (it says nothing more).
        origin = _origin(tool_conf.platform.issuer) if tool_conf.platform else ""
        return _refuse(request, LaunchRefused(text, status=403, reason=reason), where="launch", platform_origin=origin)
    platform = tool_conf.platform
    try:
        result = services.launch_accept(platform=platform, claims=claims)
    except LaunchRefused as refused:
        with translation.override(services.language_of(claims)):
            return _refuse(request, refused, where="launch", platform_origin=_origin(platform.issuer))
    with translation.override(result.language):
        if result.deep_linking:
            return _deep_link_picker(request, message, result, claims)
        context = {"launch": result, "page": result.page, "course": result.course}
        if result.can_open:
            url = result.page.get_url(request) or result.page.url
            context["ticket"] = services.ticket_issue(user=result.account.user, url=url)
        response = render(request, "lti/landing.html", context)
    return _framed(response, _origin(platform.issuer))


def _deep_link_picker(request, message, result, claims):
    settings_claim = services.claim_dict(claims, services.DL_CLAIM)
    return_url = settings_claim.get("deep_link_return_url", "")
    if not isinstance(return_url, str) or not _origin(return_url):
        refused = LaunchRefused(
            _("The launch could not be verified. Start it again from your platform."),
            status=400,
            reason=f"deep link return URL {return_url!r}",
        )
        return _refuse(request, refused, where="deep link", platform_origin=_origin(result.platform.issuer))
    cache.set(
        DEEP_LINK_CACHE.format(message.get_launch_id()),
        {"platform": result.platform.pk, "user": result.account.user_id},
        settings.LTI_TICKET_SECONDS * 10,
    )
    context = {
        "launch_id": message.get_launch_id(),
        "items": selectors.deep_link_choices(user=result.account.user),
        "multiple": settings_claim.get("accept_multiple", True) is not False,
    }
    response = render(request, "lti/deep_link_picker.html", context)
    return _framed(response, _origin(result.platform.issuer), _origin(return_url))


@csrf_exempt
@xframe_options_exempt
@require_POST
def deep_link_answer(request):
    """The teacher's choice, signed for the platform. The launch id (random, kept server-side with
    the platform and the teacher it was issued to) is the proof of the launch, not a cookie."""
    from django.contrib.auth import get_user_model

    launch_id = request.POST.get("launch_id", "")
    bound = cache.get(DEEP_LINK_CACHE.format(launch_id)) if launch_id.startswith("lti1p3-launch-") else None
    tool_conf = ToolConf()
    try:
        if bound is None:
            raise LtiException("unknown launch id")
        message = DjangoMessageLaunch.from_cache(
            launch_id, request, tool_conf, launch_data_storage=DjangoCacheDataStorage()
        )
        deep_link = message.get_deep_link()
        if tool_conf.platform is None or tool_conf.platform.pk != bound["platform"]:
            raise LtiException("launch id of another platform")
    except LtiException as error:
        refused = LaunchRefused(
            _("The choice came too late or from elsewhere. Start again from your platform."),
            status=400,
            reason=str(error),
        )
        return _refuse(request, refused, where="deep link")
    user = get_user_model().objects.get(pk=bound["user"])
    claims = message.get_launch_data()
    return_url = services.claim_dict(claims, services.DL_CLAIM).get("deep_link_return_url", "")
    with translation.override(services.language_of(claims)):
        chosen = selectors.deep_link_chosen(user=user, values=request.POST.getlist("item"))
        if not chosen:
            refused = LaunchRefused(_("Choose at least one course or lesson."), status=400, reason="nothing chosen")
            return _refuse(request, refused, where="deep link", platform_origin=_origin(return_url))
        jwt_value = deep_link.get_response_jwt(services.deep_link_resources(chosen, _base_url(request)))
        cache.delete(DEEP_LINK_CACHE.format(launch_id))
        response = render(request, "lti/deep_link_answer.html", {"return_url": return_url, "jwt": jwt_value})
    return _framed(response, _origin(tool_conf.platform.issuer), _origin(return_url))


@csrf_exempt
@require_POST
def ticket_open(request):
    """The landing page's ticket, in a window of its own: signs the platform's user in once and
    goes to the course or lesson. A privileged account never signs in this way (MFA)."""
    ticket = services.ticket_redeem(request.POST.get("ticket", ""))
    if ticket is None:
        return refusal(
            request,
            _("This link to Capacitas was already used or has expired. Open the activity again from your platform."),
            status=403,
        )
    if accounts_access.requires_mfa(ticket.user):
        return refusal(request, _("Your account has privileged roles: sign in to Capacitas directly."), status=403)
    login(request, ticket.user, backend=settings.AUTHENTICATION_BACKENDS[0])
    safe = url_has_allowed_host_and_scheme(ticket.url, allowed_hosts={request.get_host()}, require_https=False)
    return HttpResponseRedirect(ticket.url if safe and ticket.url.startswith("/") else "/")


@xframe_options_exempt
@require_GET
def register(request):
    """LTI Dynamic Registration: the platform's administrator opens this in the platform."""
    openid_configuration = request.GET.get("openid_configuration", "")
    try:
        platform = services.register_dynamically(
            openid_configuration=openid_configuration,
            registration_token=request.GET.get("registration_token", ""),
            base_url=_base_url(request),
        )
    except services.RegistrationFailed as error:
        response = refusal(request, str(error), status=400, heading=_("Registration failed"))
        return _framed(response, _origin(openid_configuration))
    response = render(request, "lti/registered.html", {"platform": platform})
    return _framed(response, _origin(platform.issuer))
