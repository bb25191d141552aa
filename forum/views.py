"""Pages of the forum: parse, check access, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.api import member_state_by_id
from lms.files import private_file_response
from lms.refusals import refusal

from . import access, selectors, services
from .errors import ForumError
from .forms import ApproachForm, DigestForm, EditForm, PostForm, ReportForm, ThreadForm
from .models import DigestPreference, ModerationAction, PostReport, Space

privileged_action = access.privileged_action


def _refused(request, error: ForumError, *, back: str = ""):
    return refusal(request, error.message, status=error.status, back=back or reverse("forum:index"))


def _page(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _language() -> str:
    return (get_language() or "en")[:2]


def _post_anchor(post) -> str:
    url = reverse("forum:thread", kwargs={"pk": post.thread_id})
    page = selectors.page_of(post.number)
    return (f"{url}?page={page}" if page > 1 else url) + f"#post-{post.number}"


# --- Reading -------------------------------------------------------------------------------------


@require_GET
def index(request):
    context = {
        "spaces": selectors.spaces_for(request.user),
        "approaches": access.can_see_approaches(request.user),
        "moderator": access.moderated_spaces_q(request.user) is not None,
    }
    return render(request, "forum/index.html", context)


@require_GET
def space(request, slug: str):
    item = access.access_space(request.user, slug)
    from curricula.api import Discipline
    from plan.api import measure_choices

    measure = request.GET.get("measure", "")
    discipline = request.GET.get("discipline", "")
    filters = {
        "measure_id": int(measure) if measure.isdigit() else None,
        "discipline": discipline if discipline in Discipline.values else "",
    }
    context = {
        "space": item,
        "page": selectors.threads_page(request.user, item, page=_page(request), **filters),
        "filters": filters,
        "measures": measure_choices(),
        "disciplines": Discipline.choices,
        "can_write": access.can_write_space(request.user, item),
        "moderator": access.can_moderate_space(request.user, item),
    }
    return render(request, "forum/space.html", context)


@require_GET
def thread(request, pk: int):
    item = access.access_thread(request.user, pk)
    page = selectors.thread_page(request.user, item, page=_page(request))
    moderator = access.can_moderate_space(request.user, item.space)
    # Reading a page is what marks its posts read (decision 0102): one UPDATE at most.
    if page.last_post_id and (page.marker is None or page.marker < page.last_post_id):
        services.read_marker_advance(user=request.user, thread=item, post_id=page.last_post_id)
    quote = None
    quote_id = request.GET.get("quote", "")
    if quote_id.isdigit():
        quote = next((p for p in page.posts if p.pk == int(quote_id) and not p.hidden), None)
    context = {
        "thread": item,
        "page": page,
        "moderator": moderator,
        "can_write": access.can_write_space(request.user, item.space) and not item.locked and not item.hidden,
        "can_mark_answer": access.can_mark_answer(request.user, item),
        "form": PostForm(initial={"language": _language(), "quote": quote.pk if quote else None}),
        "quote": quote,
        # The posts' addresses share one prefix: built once, not reversed for each action of each post.
        "posts_base": reverse("forum:post_history", kwargs={"pk": 1}).removesuffix("1/history/"),
        "move_targets": [s for s in selectors.moderated_spaces(request.user) if s.pk != item.space_id]
        if moderator
        else [],
    }
    return render(request, "forum/thread.html", context)


# --- Writing -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug: str):
    item = access.access_space(request.user, slug)
    if not access.can_write_space(request.user, item):
        return refusal(request, _("You cannot start a thread in this space."), status=403)
    from plan.api import measure_choices

    choices = [(m.id, m.label) for m in measure_choices()]
    form = ThreadForm(
        request.POST or None, request.FILES or None, measure_choices=choices, initial={"language": _language()}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.thread_create(
                    user=request.user,
                    space=item,
                    title=data["title"],
                    body=data["body"],
                    language=data["language"],
                    topic=data["topic"],
                    measure_id=data["measure"],
                    discipline=data["discipline"],
                    files=data["files"],
                )
            except ForumError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect("forum:thread", pk=created.pk)
        else:
            status = 400
    return render(request, "forum/thread_form.html", {"space": item, "form": form}, status=status)


@login_required
@require_POST
def reply(request, pk: int):
    item = access.access_thread(request.user, pk)
    form = PostForm(request.POST, request.FILES)
    if not form.is_valid():
        return refusal(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            back=item.get_absolute_url(),
        )
    data = form.cleaned_data
    try:
        post = services.post_create(
            user=request.user,
            thread=item,
            body=data["body"],
            language=data["language"],
            quote_id=data["quote"],
            files=data["files"],
        )
    except ForumError as error:
        return _refused(request, error, back=item.get_absolute_url())
    return redirect(_post_anchor(post))


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = access.access_post(request.user, pk)
    if not access.can_edit_post(request.user, post):
        return refusal(request, _("Only the author can edit a post."), status=403, back=_post_anchor(post))
    form = EditForm(request.POST or None, initial={"body": post.body, "language": post.language})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_edit(
                    user=request.user, post=post, body=form.cleaned_data["body"], language=form.cleaned_data["language"]
                )
            except ForumError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect(_post_anchor(post))
        else:
            status = 400
    return render(request, "forum/post_edit.html", {"post": post, "form": form}, status=status)


@require_GET
def post_history(request, pk: int):
    post = access.access_post(request.user, pk)
    return render(request, "forum/post_history.html", {"post": post, "revisions": selectors.revisions_of(post)})


@login_required
@require_POST
def react(request, pk: int):
    post = access.access_post(request.user, pk)
    try:
        services.reaction_toggle(user=request.user, post=post, kind=request.POST.get("kind", ""))
    except ForumError as error:
        return _refused(request, error, back=_post_anchor(post))
    return redirect(_post_anchor(post))


@login_required
@require_POST
def mark_answer(request, pk: int):
    post = access.access_post(request.user, pk)
    try:
        services.answer_mark(user=request.user, post=post)
    except ForumError as error:
        return _refused(request, error, back=_post_anchor(post))
    return redirect(_post_anchor(post))


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    post = access.access_post(request.user, pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_report(user=request.user, post=post, reason=form.cleaned_data["reason"])
            except ForumError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Thank you: the moderators will look at this post."))
                return redirect(_post_anchor(post))
        else:
            status = 400
    return render(request, "forum/report_form.html", {"post": post, "form": form}, status=status)


# --- Moderation ----------------------------------------------------------------------------------


@login_required
@require_POST
@privileged_action
def post_moderate(request, pk: int):
    post = access.access_post(request.user, pk)
    action = request.POST.get("action", "")
    if action not in ("hide", "show"):
        return refusal(request, _("Unknown moderation action."), status=400, back=_post_anchor(post))
    try:
        services.post_moderate(
            user=request.user, post=post, hide=action == "hide", reason=request.POST.get("reason", "")
        )
    except ForumError as error:
        return _refused(request, error, back=_post_anchor(post))
    messages.success(request, _("The post is hidden.") if action == "hide" else _("The post is shown again."))
    return redirect(_post_anchor(post))


@login_required
@require_POST
@privileged_action
def thread_moderate(request, pk: int):
    item = access.access_thread(request.user, pk)
    action = request.POST.get("action", "")
    to_space = None
    if action == "move":
        to_space = Space.objects.filter(slug=request.POST.get("space", "")).first()
        if to_space is None or not access.can_read_space(request.user, to_space):
            return refusal(
                request, _("Choose the space to move the thread to."), status=400, back=item.get_absolute_url()
            )
    try:
        services.thread_moderate(
            user=request.user, thread=item, action=action, reason=request.POST.get("reason", ""), to_space=to_space
        )
    except ForumError as error:
        return _refused(request, error, back=item.get_absolute_url())
    labels = dict(ModerationAction.Action.choices)
    done = {
        "lock": labels["lock"],
        "unlock": labels["unlock"],
        "hide": labels["hide_thread"],
        "show": labels["show_thread"],
        "move": labels["move"],
    }
    messages.success(request, str(done[action]))
    return redirect("forum:thread", pk=item.pk)


@login_required
@require_GET
@privileged_action
def reports(request):
    if access.moderated_spaces_q(request.user) is None:
        return refusal(request, _("Only moderators see reported posts."), status=403)
    return render(request, "forum/reports.html", {"reports": selectors.open_reports_for(request.user)})


@login_required
@require_POST
@privileged_action
def report_resolve(request, pk: int):
    item = PostReport.objects.select_related("post", "post__thread", "post__thread__space").filter(pk=pk).first()
    if item is None or not access.can_see_thread(request.user, item.post.thread):
        raise Http404
    try:
        services.report_resolve(user=request.user, report=item)
    except ForumError as error:
        return _refused(request, error, back=reverse("forum:reports"))
    return redirect("forum:reports")


# --- Following -----------------------------------------------------------------------------------


@login_required
@require_POST
def follow_thread(request, pk: int):
    item = access.access_thread(request.user, pk)
    following = services.subscription_toggle(user=request.user, thread=item)
    messages.success(request, _("You follow this thread.") if following else _("You no longer follow this thread."))
    return redirect("forum:thread", pk=item.pk)


@login_required
@require_POST
def follow_space(request, slug: str):
    item = access.access_space(request.user, slug)
    following = services.subscription_toggle(user=request.user, space=item)
    messages.success(request, _("You follow this space.") if following else _("You no longer follow this space."))
    return redirect("forum:space", slug=item.slug)


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request):
    preference = DigestPreference.objects.filter(user=request.user).first()
    form = DigestForm(request.POST or None, initial={"frequency": preference.frequency if preference else "none"})
    status = 200
    if request.method == "POST":
        if "subscription" in request.POST:
            try:
                services.subscription_email_set(
                    user=request.user,
                    subscription_id=int(request.POST.get("subscription", "0") or 0),
                    email=request.POST.get("email") == "1",
                )
            except (ForumError, ValueError):
                return refusal(request, _("That subscription is not yours."), status=404)
            return redirect("forum:subscriptions")
        if form.is_valid():
            services.digest_set(user=request.user, frequency=form.cleaned_data["frequency"])
            messages.success(request, _("Your digest setting is saved."))
            return redirect("forum:subscriptions")
        status = 400
    context = {"form": form, "subscriptions": selectors.subscriptions_of(request.user)}
    return render(request, "forum/subscriptions.html", context, status=status)


# --- Files ---------------------------------------------------------------------------------------


@require_GET
def attachment(request, pk: int):
    item = access.access_attachment(request.user, pk)
    return private_file_response(
        item.file,
        filename=item.name,
        content_type=item.content_type,
        as_attachment=item.content_type != "application/pdf",
    )


# --- National approaches -------------------------------------------------------------------------


def _periods(request):
    from plan.api import work_plan_periods

    return work_plan_periods(request.user)


@login_required
@require_GET
@privileged_action
def approaches(request):
    if not access.can_see_approaches(request.user):
        return refusal(
            request,
            _("National approaches are shared among the national coordinators and the secretariat."),
            status=403,
        )
    periods = _periods(request)
    period = None
    wanted = request.GET.get("period", "")
    if periods:
        period = next((p for p in periods if str(p.id) == wanted), periods[0])
    rows, presented = selectors.approaches_overview(work_plan_id=period.id) if period else ([], 0)
    from accounts import access as accounts_access

    own = accounts_access.viewer_for(request.user).coordinator_states
    context = {
        "periods": periods,
        "period": period,
        "rows": rows,
        "presented": presented,
        "missing": len(rows) - presented,
        "own_states": own,
    }
    return render(request, "forum/approaches.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@privileged_action
def approach_create(request, period: int, state: int):
    state_obj = member_state_by_id(state)
    if state_obj is None:
        raise Http404
    if not access.can_publish_approach(request.user, state_obj.pk):
        return refusal(request, _("Only a national coordinator of the state can publish its approach."), status=403)
    periods = {p.id: p for p in _periods(request)}
    if period not in periods:
        raise Http404
    from plan.api import measure_choices

    form = ApproachForm(request.POST or None, measure_choices=[(m.id, m.label) for m in measure_choices()])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                approach = services.approach_publish(
                    user=request.user,
                    state=state_obj,
                    work_plan_id=period,
                    texts=form.texts(),
                    measure_ids=form.cleaned_data["measures"],
                    language=_language(),
                )
            except ForumError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect("forum:thread", pk=approach.thread_id)
        else:
            status = 400
    context = {"form": form, "state": state_obj, "period": periods[period]}
    return render(request, "forum/approach_form.html", context, status=status)
