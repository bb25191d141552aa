"""Pages of the good-practice library: parse, check access, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.api import member_state_by_id
from lms.refusals import refusal

from . import access, selectors, services
from .errors import PracticeError
from .forms import PracticeForm, ReviewForm
from .models import Status


def _refused(request, error: PracticeError, practice=None):
    back = practice.get_absolute_url() if practice is not None else None
    return refusal(request, error.message, status=error.status, back=back)


def _sign_in(request):
    return redirect_to_login(request.get_full_path())


@require_GET
def index(request):
    """Published practices within the reader's tier, with filters."""
    filters = selectors.PracticeFilters.from_query(request.GET)
    context = {
        "practices": selectors.published_practices(user=request.user, filters=filters),
        "filters": filters,
        "choices": selectors.filter_choices(),
        "can_submit": access.can_submit(request.user),
    }
    return render(request, "practices/index.html", context)


def _form_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("state", None)
    return data


@require_http_methods(["GET", "POST"])
def submit(request):
    if not request.user.is_authenticated:
        return _sign_in(request)
    state_ids = access.submitting_state_ids(request.user)
    if not state_ids:
        return refusal(request, _("Only verified officials of a member state submit good practices."), status=403)
    form = PracticeForm(
        request.POST or None,
        state_ids=state_ids,
        links=selectors.link_choices(user=request.user),
        initial={"language": (request.LANGUAGE_CODE or "en")[:2], "state": state_ids[0]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                practice = services.practice_submit(
                    user=request.user,
                    state=member_state_by_id(form.cleaned_data["state"]),
                    data=_form_data(form),
                )
            except PracticeError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Your practice was sent to your state's national coordinator."))
                return redirect(practice.get_absolute_url())
        else:
            status = 400
    return render(request, "practices/practice_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    practice = access.access_practice(request.user, pk)
    if not access.can_edit(request.user, practice):
        return refusal(
            request,
            _("Only the submitter changes a practice, and only before it is reviewed."),
            status=403,
            back=practice.get_absolute_url(),
        )
    form = PracticeForm(
        request.POST or None,
        state_ids=[practice.state_id],
        links=selectors.link_choices(user=request.user),
        initial=PracticeForm.initial_for(practice),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.practice_update(user=request.user, practice=practice, data=_form_data(form))
            except PracticeError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Your changes were saved and sent to the coordinator."))
                return redirect(practice.get_absolute_url())
        else:
            status = 400
    return render(request, "practices/practice_form.html", {"form": form, "practice": practice}, status=status)


@require_GET
def practice(request, pk: int):
    practice = access.access_practice(request.user, pk)
    user = request.user
    context = {
        "detail": selectors.practice_detail(user=user, practice=practice),
        "practice": practice,
        "can_edit": access.can_edit(user, practice),
        "can_review": access.can_review(user, practice) and practice.status == Status.SUBMITTED,
        "can_publish": access.can_publish(user, practice) and practice.status == Status.REVIEWED,
        "can_respond": access.can_respond(user, practice),
        "can_adopt": access.can_respond(user, practice) and services.adopting_agency(user) is not None,
        "review_form": ReviewForm(),
        "stars": range(1, 6),
    }
    return render(request, "practices/practice.html", context)


@require_POST
@access.privileged_action
def review(request, pk: int):
    practice = access.access_practice(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return refusal(
            request,
            _("Choose whether to send the practice on or return it."),
            status=400,
            back=practice.get_absolute_url(),
        )
    try:
        services.practice_review(
            user=request.user,
            practice=practice,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        )
    except PracticeError as error:
        return _refused(request, error, practice)
    messages.success(request, _("Your review was recorded."))
    return redirect(practice.get_absolute_url())


@require_POST
@access.privileged_action
def publish(request, pk: int):
    practice = access.access_practice(request.user, pk)
    try:
        services.practice_publish(user=request.user, practice=practice)
    except PracticeError as error:
        return _refused(request, error, practice)
    messages.success(request, _("The practice is published."))
    return redirect(practice.get_absolute_url())


@require_POST
def rate(request, pk: int):
    practice = access.access_practice(request.user, pk)
    try:
        services.rating_set(user=request.user, practice=practice, stars=request.POST.get("stars"))
    except PracticeError as error:
        return _refused(request, error, practice)
    messages.success(request, _("Thank you: your rating was recorded."))
    return redirect(practice.get_absolute_url())


@require_POST
def comment(request, pk: int):
    practice = access.access_practice(request.user, pk)
    try:
        services.comment_add(user=request.user, practice=practice, body=request.POST.get("body", ""))
    except PracticeError as error:
        return _refused(request, error, practice)
    messages.success(request, _("Your comment was posted."))
    return redirect(practice.get_absolute_url() + "#comments")


@require_POST
def adopt(request, pk: int):
    practice = access.access_practice(request.user, pk)
    try:
        services.adoption_record(user=request.user, practice=practice, note=request.POST.get("note", ""))
    except PracticeError as error:
        return _refused(request, error, practice)
    messages.success(request, _("Your agency's adoption was recorded; the submitting state is told."))
    return redirect(practice.get_absolute_url())


@require_GET
def mine(request):
    if not request.user.is_authenticated:
        return _sign_in(request)
    context = {
        "mine": selectors.my_practices(user=request.user),
        "awaiting": selectors.awaiting(user=request.user),
        "state_practices": selectors.state_practices(user=request.user),
    }
    return render(request, "practices/mine.html", context)


@require_GET
def pdf(request, pk: int):
    """The practice as a PDF, for whoever may read it (the same check as its page)."""
    from .documents import practice_pdf

    practice = access.access_practice(request.user, pk)
    detail = selectors.practice_detail(user=request.user, practice=practice)
    content = practice_pdf(detail=detail, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(practice.title)[:60] or "practice"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
