"""Thin views for accounts: parse, check access, call a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from lms.untrusted import parse_id

from . import access, selectors, services
from .forms import ProfileForm, RoleGrantForm, VerificationDecisionForm, VerificationRequestForm
from .models import Notification, Role, RoleGrant, VerificationRequest
from .notifications import mark_read, notify


@require_POST
def set_language(request):
    """Django's language switch, remembering the choice on the signed-in user's profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in settings.LANGUAGE_CODES:
        services.profile_update(user=request.user, preferred_language=language)
    return response


def admin_sign_in(request, *args, **kwargs):
    """Wagtail's own sign-in and password-reset pages are replaced by allauth's, which apply the rate
    limits, mandatory e-mail verification and the MFA stage. Whatever is sent here (a GET, or a POST
    with credentials) signs nobody in: it is redirected to allauth's page, keeping a safe ``next``."""
    from urllib.parse import urlencode

    from django.utils.http import url_has_allowed_host_and_scheme

    target = "account_reset_password" if request.path_info.startswith("/admin/password_reset/") else "account_login"
    url = reverse(target)
    next_url = request.GET.get("next") or "/admin/"
    if target == "account_login" and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url += "?" + urlencode({"next": next_url})
    return redirect(url)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Profile --------------------------------------------------------------------------------------


def _render_profile(request, *, form=None, request_form=None, status: int = 200):
    profile_obj = selectors.profile_for(request.user)
    viewer = access.viewer_for(request.user)
    context = {
        "form": form or ProfileForm(instance=profile_obj),
        "profile": profile_obj,
        "grants": selectors.active_grants(request.user),
        "pending_request": VerificationRequest.objects.filter(
            user=request.user, status=VerificationRequest.Status.PENDING
        )
        .select_related("agency", "agency__state")
        .first(),
        "last_decided": VerificationRequest.objects.filter(user=request.user)
        .exclude(status=VerificationRequest.Status.PENDING)
        .select_related("agency")
        .first(),
        "request_form": request_form or VerificationRequestForm(initial={"agency": profile_obj.agency_id}),
        "can_decide": viewer.is_secretariat or bool(viewer.manager_agencies or viewer.coordinator_states),
        "can_grant": viewer.is_secretariat or bool(viewer.coordinator_states),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    profile_obj = services.profile_get_or_create(user=request.user)
    if request.method == "GET":
        return _render_profile(request)
    form = ProfileForm(request.POST, instance=profile_obj)
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
        try:
            services.profile_update(user=request.user, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return _render_profile(request, form=form, status=400)


# --- Law-enforcement verification -------------------------------------------------------------------


@login_required
@require_POST
def verification_request(request):
    services.profile_get_or_create(user=request.user)
    form = VerificationRequestForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, request_form=form, status=400)
    try:
        created = services.verification_request_create(
            user=request.user, agency=form.cleaned_data["agency"], message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _render_profile(request, request_form=form, status=409)
    deciders = list(selectors.users_with_role(role=Role.AGENCY_MANAGER, agency=created.agency)) or list(
        selectors.users_with_role(role=Role.NATIONAL_COORDINATOR, state=created.agency.state)
    )
    name = services.profile_get_or_create(user=request.user).name
    notify(
        recipients=deciders,
        kind="accounts.verification_requested",
        subject=lambda: (
            _("%(name)s asks to be verified as an official of %(agency)s")
            % {"name": name, "agency": created.agency.name}
        ),
        body=created.message,
        url=reverse("accounts:verification_queue"),
    )
    messages.success(request, _("Your request has been sent. You will be told when it is decided."))
    return redirect("accounts:profile")


def _require_decider(user) -> None:
    viewer = access.viewer_for(user)
    if not (viewer.is_secretariat or viewer.manager_agencies or viewer.coordinator_states):
        raise PermissionDenied(
            _("Only agency training managers, national coordinators and the secretariat verify officials.")
        )


@login_required
@require_http_methods(["GET"])
@access.privileged_action
def verification_queue(request):
    _require_decider(request.user)
    pending = selectors.verification_requests_for_decider(request.user).select_related("user__profile")
    return render(
        request,
        "accounts/verification_queue.html",
        {"requests": pending.order_by("created_at"), "decision_form": VerificationDecisionForm()},
    )


@login_required
@require_POST
@access.privileged_action
def verification_decide(request, pk: int):
    _require_decider(request.user)
    pending = selectors.verification_requests_for_decider(request.user).filter(pk=pk).first()
    if pending is None:
        raise Http404(_("There is no request waiting for your decision with this number."))
    if pending.user_id == request.user.pk:
        raise PermissionDenied(_("You cannot decide your own verification request."))
    form = VerificationDecisionForm(request.POST)
    status = 400
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            decided = services.verification_decide(
                decider=request.user, request=pending, approve=approve, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
            status = 409
        else:
            notify(
                recipients=[decided.user],
                kind="accounts.verification_decided",
                subject=(lambda: _("You are now a verified official of %(state)s") % {"state": decided.agency.state})
                if approve
                else (lambda: _("Your verification request was not approved")),
                body=decided.reason,
                url=reverse("accounts:profile"),
            )
            if approve:
                messages.success(request, _("%(name)s is now a verified official.") % {"name": decided.user.profile})
            else:
                messages.success(request, _("The request has been rejected."))
            return redirect("accounts:verification_queue")
    pending_list = selectors.verification_requests_for_decider(request.user).select_related("user__profile")
    return render(
        request,
        "accounts/verification_queue.html",
        {"requests": pending_list.order_by("created_at"), "decision_form": form, "failed_pk": pending.pk},
        status=status,
    )


# --- Role grants ----------------------------------------------------------------------------------


def _require_granter(user) -> None:
    if not (access.is_secretariat(user) or access.viewer_for(user).coordinator_states):
        raise PermissionDenied(_("Only national coordinators and the secretariat grant roles."))


def _grants_in_scope(user):
    viewer = access.viewer_for(user)
    grants = RoleGrant.objects.active().select_related("user", "user__profile", "state", "agency", "agency__state")
    if viewer.is_secretariat:
        return grants
    states = list(viewer.coordinator_states)
    return grants.filter(state_id__in=states) | grants.filter(agency__state_id__in=states)


@login_required
@require_http_methods(["GET", "POST"])
@access.privileged_action
def roles(request):
    _require_granter(request.user)
    form = RoleGrantForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                grant = services.role_grant(
                    granter=request.user,
                    user=data["email"],
                    role=data["role"],
                    state=data["state"],
                    agency=data["agency"],
                    reason=data["reason"],
                )
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            except ValidationError as error:
                _add_errors(form, error)
                status = 409 if not hasattr(error, "error_dict") else 400
            else:
                notify(
                    recipients=[data["email"]],
                    kind="accounts.role_granted",
                    subject=lambda: _("You have been given a role on Capacitas: %(role)s") % {"role": grant},
                    url=reverse("accounts:profile"),
                )
                messages.success(request, _("The role has been granted."))
                return redirect("accounts:roles")
    grants = list(_grants_in_scope(request.user).order_by("role", "user__email"))
    for row in grants:
        row.can_revoke = access.can_grant(request.user, role=row.role, state_id=row.state_id, agency=row.agency)
    return render(request, "accounts/roles.html", {"form": form, "grants": grants}, status=status)


@login_required
@require_POST
@access.privileged_action
def role_revoke(request, pk: int):
    _require_granter(request.user)
    grant = _grants_in_scope(request.user).filter(pk=pk).first()
    if grant is None:
        raise Http404(_("There is no active role with this number that you manage."))
    try:
        services.role_revoke(revoker=request.user, grant=grant, reason=request.POST.get("reason", "")[:300])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("accounts:roles")
    messages.success(request, _("The role has been revoked."))
    return redirect("accounts:roles")


# --- Notifications --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    if request.method == "POST":
        ids = [parse_id(value) for value in request.POST.getlist("id")]
        if None in ids:
            messages.error(request, _("That is not a notification number."))
            return redirect("accounts:notifications")
        mark_read(user=request.user, notification_ids=ids or None)
        return redirect("accounts:notifications")
    page = Paginator(Notification.objects.filter(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "accounts/notifications.html", {"page_obj": page})
