"""Thin views: parse, check access, call a service, render. State changes only on POST."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import access as accounts_access
from accounts.api import active_user_by_email
from lms.files import private_file_response, ranged_file_response
from lms.refusals import refusal
from lms.untrusted import parse_id

from . import access, selectors, services
from .forms import BulkEnrolForm, DecisionForm, RevokeForm, SingleEnrolForm
from .models import CoursePage, Enrolment


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _status_for(error: ValidationError) -> int:
    codes = {getattr(e, "code", None) for e in error.error_list} if hasattr(error, "error_list") else set()
    return 409 if "conflict" in codes else 400


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request, fallback: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _visible_course(request, course_id: int) -> CoursePage:
    return access.access_course(request.user, course_id)


# --- Learners ---------------------------------------------------------------------------------------


@login_required
@require_GET
def my_learning(request):
    items = selectors.my_learning(user=request.user)
    return render(
        request,
        "courses/my_learning.html",
        {
            "items": items,
            "today": timezone.localdate(),
            "is_manager": bool(accounts_access.viewer_for(request.user).manager_agencies)
            or accounts_access.is_secretariat(request.user),
        },
    )


@login_required
@require_POST
def enrol(request, course_id: int):
    course = _visible_course(request, course_id)
    run = None
    if request.POST.get("run"):
        run_id = parse_id(request.POST["run"])
        run = selectors.run_of(course, run_id) if run_id else None
        if run is None:
            return _error(request, _("Choose a run (cohort) of this course."), 400, course.get_url(request))
    try:
        enrolment = services.enrolment_create(user=request.user, course=course, run=run)
    except PermissionDenied as error:
        return _error(request, str(error), 403, course.get_url(request))
    except ValidationError as error:
        return _error(request, _error_text(error), _status_for(error), course.get_url(request))
    messages.success(request, _enrolled_message(enrolment))
    return redirect(course.get_url(request))


def _error(request, message: str, status: int, back: str) -> HttpResponse:
    """A refused action: the reason, a way back, and the right status (400, 403 or 409)."""
    return refusal(request, message, status=status, heading=_("Not done"), back=back or "/", back_label=_("Back"))


def _enrolled_message(enrolment: Enrolment) -> str:
    return {
        "active": _("You are enrolled. You can start the lessons now."),
        "waitlisted": _("The run is full: you are on the waiting list and will get the next free seat."),
        "pending": _("Your agency's training manager has been asked to approve your enrolment."),
    }.get(enrolment.status, enrolment.get_status_display())


@login_required
@require_POST
def withdraw(request, pk: int):
    enrolment = access.access_enrolment(request.user, pk)
    try:
        services.enrolment_withdraw(user=request.user, enrolment=enrolment)
    except ValidationError as error:
        return _error(request, _error_text(error), _status_for(error), reverse("courses:my_learning"))
    messages.success(request, _("You have left the course."))
    return redirect(_back(request, reverse("courses:my_learning")))


@login_required
@require_POST
def lesson_progress(request, lesson_id: int):
    """Saves progress as the learner goes: ``action=visit`` when a lesson opens, ``action=done``."""
    lesson = access.access_lesson(request.user, lesson_id)
    action = request.POST.get("action", "visit")
    if action not in ("visit", "done"):
        return JsonResponse({"error": _("Unknown action.")}, status=400)
    if action == "visit":
        services.lesson_launch(user=request.user, lesson=lesson)
        return JsonResponse({"ok": True})
    progress = services.lesson_mark_done(user=request.user, lesson=lesson)
    done = progress.completed_at is not None
    if _wants_json(request):
        return JsonResponse({"ok": True, "completed": done})
    if done:
        messages.success(request, _("Lesson done."))
        sibling = selectors.lesson_page_context(lesson=lesson, user=request.user)
        nxt = sibling["next_lesson"]
        return redirect(nxt.get_url(request) if nxt else sibling["course"].get_url(request))
    messages.info(request, _("Marked as read. Pass the required activities of this lesson to complete it."))
    return redirect(lesson.get_url(request))


# --- Video ------------------------------------------------------------------------------------------
# Files of a lesson's video, each behind the lesson's access check. The signed-in reader's session
# is the grant; nothing is cached outside the reader's browser.


@login_required
@require_GET
def video_file(request, lesson_id: int, video_id: int):
    _lesson, video = access.access_lesson_video(request.user, lesson_id, video_id)
    extension = "webm" if video.content_type == "video/webm" else "mp4"
    return ranged_file_response(
        request,
        video.file,
        content_type=video.content_type,
        filename=f"video-{video.pk}.{extension}",
        cache_seconds=3600,
    )


@login_required
@require_GET
def video_poster(request, lesson_id: int, video_id: int):
    _lesson, video = access.access_lesson_video(request.user, lesson_id, video_id)
    if not video.poster:
        raise Http404
    extension = "png" if video.poster_type == "image/png" else "jpg"
    return ranged_file_response(
        request,
        video.poster,
        content_type=video.poster_type,
        filename=f"poster-{video.pk}.{extension}",
        cache_seconds=3600,
    )


@login_required
@require_GET
def video_captions(request, lesson_id: int, video_id: int, language: str):
    _lesson, video = access.access_lesson_video(request.user, lesson_id, video_id)
    captions = video.captions.filter(language=language).exclude(file="").first()
    if captions is None:
        raise Http404
    return ranged_file_response(
        request, captions.file, content_type="text/vtt; charset=utf-8", filename=f"captions-{video.pk}-{language}.vtt"
    )


@login_required
@require_POST
def video_progress(request, lesson_id: int, video_id: int):
    lesson, video = access.access_lesson_video(request.user, lesson_id, video_id)
    try:
        record = services.lesson_video_record(
            user=request.user,
            lesson=lesson,
            video=video,
            watched_seconds=request.POST.get("watched"),
            segments=request.POST.get("segments"),
            time=request.POST.get("time"),
            session=request.POST.get("session", ""),
            event=request.POST.get("event") or "progress",
        )
    except ValidationError as error:
        return JsonResponse({"error": _error_text(error)}, status=400)
    return JsonResponse({"ok": True, "satisfied": record.satisfied})


# --- Quizzes ----------------------------------------------------------------------------------------


@login_required
@require_POST
def quiz_start(request, lesson_id: int, quiz_id: int):
    lesson = access.access_lesson(request.user, lesson_id)
    quiz = access.access_quiz(quiz_id)
    try:
        attempt = services.quiz_attempt_start(user=request.user, lesson=lesson, quiz=quiz)
    except ValidationError as error:
        return _error(request, _error_text(error), _status_for(error), lesson.get_url(request))
    return redirect("courses:attempt", pk=attempt.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attempt(request, pk: int):
    attempt = access.access_quiz_attempt(request.user, pk)
    if request.method == "POST":
        answers = {}
        for entry in attempt.layout:
            key = str(entry["q"])
            values = request.POST.getlist(f"q{key}")
            answers[key] = (
                values if len(values) > 1 or request.POST.get(f"multi{key}") else (values[0] if values else None)
            )
        try:
            attempt = services.quiz_attempt_submit(user=request.user, attempt=attempt, answers=answers)
        except ValidationError as error:
            return _error(
                request, _error_text(error), _status_for(error), reverse("courses:attempt", args=[attempt.pk])
            )
        if attempt.late:
            messages.error(request, _("The time limit had passed: this attempt scores 0."))
        elif attempt.passed:
            messages.success(request, _("Passed with %(score)s%%.") % {"score": round(attempt.score)})
        else:
            messages.info(request, _("Not passed: %(score)s%%.") % {"score": round(attempt.score)})
        return redirect("courses:attempt", pk=attempt.pk)
    questions = {q.pk: q for q in attempt.quiz.questions.all()}
    shown = []
    for entry in attempt.layout:
        question = questions.get(entry["q"])
        if question is None:
            continue
        by_index = {index: (text, ok) for index, text, ok in question.choice_list}
        choices = [(index, by_index[index][0], by_index[index][1]) for index in entry["choices"] if index in by_index]
        result = (attempt.results or {}).get(str(question.pk))
        given = (attempt.answers or {}).get(str(question.pk))
        given_list = given if isinstance(given, list) else ([given] if given is not None else [])
        given_strings = [str(g) for g in given_list]
        if question.kind in ("single", "multiple"):
            given_text = ", ".join(text for index, text, _ok in choices if str(index) in given_strings)
        elif question.kind == "true_false":
            given_text = {"true": _("True"), "false": _("False")}.get(given_strings[0] if given_strings else "", "")
        else:
            given_text = given_strings[0] if given_strings else ""
        shown.append({"question": question, "choices": choices, "result": result, "given_text": given_text})
    remaining = None
    if attempt.deadline and attempt.submitted_at is None:
        remaining = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "lesson": attempt.lesson,
        "shown": shown,
        "remaining": remaining,
        "show_feedback": attempt.quiz.show_feedback and attempt.submitted_at is not None,
    }
    return render(request, "courses/quiz_attempt.html", context)


# --- Certificates -----------------------------------------------------------------------------------


@login_required
@require_GET
def certificate_pdf(request, pk: int):
    certificate = access.access_certificate(request.user, pk)
    if not certificate.pdf:
        from .certificates import render_certificate_pdf

        return HttpResponse(render_certificate_pdf(certificate), content_type="application/pdf")
    return private_file_response(
        certificate.pdf, filename=f"{certificate.code}.pdf", content_type="application/pdf", as_attachment=False
    )


@require_GET
def verify(request, code: str):
    # The page has no language prefix (the code printed on a certificate has one address), so the
    # language switcher asks for a language with ?lang=.
    language = request.GET.get("lang", "")
    if language in settings.LANGUAGE_CODES:
        translation.activate(language)
        request.LANGUAGE_CODE = language
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return render(request, "courses/verify.html", {"certificate": None, "code": code}, status=404)
    return render(
        request,
        "courses/verify.html",
        {
            "certificate": certificate,
            "issuer": certificate.issuer_state.name,
            "can_revoke": access.can_revoke_certificate(request.user, certificate) and not certificate.is_revoked,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@accounts_access.privileged_action
def certificate_revoke(request, code: str):
    certificate = access.access_certificate_revocation(request.user, code)
    form = RevokeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.certificate_revoke(
                    revoker=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = _status_for(error)
            else:
                messages.success(request, _("The certificate is revoked; the verification page shows the reason."))
                return redirect("certificate_verify", code=certificate.code)
        else:
            status = 400
    return render(request, "courses/certificate_revoke.html", {"certificate": certificate, "form": form}, status=status)


# --- Agency managers --------------------------------------------------------------------------------


def _require_manager(request) -> None:
    viewer = accounts_access.viewer_for(request.user)
    if not (viewer.manager_agencies or viewer.coordinator_states or viewer.is_secretariat):
        raise PermissionDenied(_("This page is for agency training managers."))


@login_required
@require_GET
def manage(request):
    _require_manager(request)
    courses = selectors.managed_courses(manager=request.user)
    return render(
        request,
        "courses/manage.html",
        {
            "pending": list(selectors.pending_for_manager(manager=request.user)[:200]),
            "single_form": SingleEnrolForm(courses=courses),
            "bulk_form": BulkEnrolForm(courses=courses),
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def manage_decide(request, pk: int):
    _require_manager(request)
    enrolment = access.access_enrolment_decision(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _error(request, _("Choose approve or reject."), 400, reverse("courses:manage"))
    try:
        services.enrolment_decide(
            decider=request.user,
            enrolment=enrolment,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        return _error(request, _error_text(error), _status_for(error), reverse("courses:manage"))
    messages.success(request, _("Decision saved."))
    return redirect("courses:manage")


def _manage_render(request, *, single_form=None, bulk_form=None, report=None, status=200):
    courses = selectors.managed_courses(manager=request.user)
    return render(
        request,
        "courses/manage.html",
        {
            "pending": list(selectors.pending_for_manager(manager=request.user)[:200]),
            "single_form": single_form or SingleEnrolForm(courses=courses),
            "bulk_form": bulk_form or BulkEnrolForm(courses=courses),
            "decision_form": DecisionForm(),
            "report": report,
        },
        status=status,
    )


@login_required
@require_POST
def manage_enrol(request):
    _require_manager(request)
    form = SingleEnrolForm(request.POST, courses=selectors.managed_courses(manager=request.user))
    if not form.is_valid():
        return _manage_render(request, single_form=form, status=400)
    staff = active_user_by_email(form.cleaned_data["email"])
    if staff is None:
        form.add_error("email", _("No account with this e-mail address."))
        return _manage_render(request, single_form=form, status=400)
    try:
        services.enrolment_create(
            user=staff, course=form.cleaned_data["course"], run=form.cleaned_data["run"], enrolled_by=request.user
        )
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return _manage_render(request, single_form=form, status=403)
    except ValidationError as error:
        form.add_error(None, _error_text(error))
        return _manage_render(request, single_form=form, status=_status_for(error))
    messages.success(request, _("%(email)s is enrolled.") % {"email": staff.email})
    return redirect("courses:manage")


@login_required
@require_POST
def manage_enrol_csv(request):
    _require_manager(request)
    form = BulkEnrolForm(request.POST, request.FILES, courses=selectors.managed_courses(manager=request.user))
    if not form.is_valid():
        return _manage_render(request, bulk_form=form, status=400)
    try:
        report = services.enrolments_from_csv(
            manager=request.user,
            course=form.cleaned_data["course"],
            run=form.cleaned_data["run"],
            data=form.cleaned_data["file"].read(),
        )
    except ValidationError as error:
        form.add_error("file", _error_text(error))
        return _manage_render(request, bulk_form=form, status=400)
    return _manage_render(request, report=report)
