"""The host's and the instructor's reports after delivery."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, forms, services
from .agreement import agreement_page, run_service


@require_POST
@login_required
def host_report(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    form = forms.HostReportForm(request.POST)
    if not form.is_valid():
        return agreement_page(request, agreement, status=400, host_report_form=form, error=_("Check the report."))
    data = form.cleaned_data
    failed = run_service(
        request,
        agreement,
        lambda: services.host_report_submit(
            agreement=agreement,
            actor=request.user,
            evaluation=data["evaluation"],
            instructor_rating=data["instructor_rating"],
            comments=data["comments"],
            participants=form.participants(),
        ),
        form_name="host_report_form",
        form=form,
    )
    if failed:
        return failed
    messages.success(request, _("Thank you: the host's report is saved."))
    return redirect("instructors:agreement", pk=agreement.pk)


@require_POST
@login_required
def instructor_report(request, pk: int):
    agreement = access.access_agreement(request.user, pk)
    form = forms.InstructorReportForm(request.POST)
    if not form.is_valid():
        return agreement_page(request, agreement, status=400, instructor_report_form=form, error=_("Check the report."))
    failed = run_service(
        request,
        agreement,
        lambda: services.instructor_report_submit(agreement=agreement, actor=request.user, **form.cleaned_data),
        form_name="instructor_report_form",
        form=form,
    )
    if failed:
        return failed
    messages.success(request, _("Thank you: your report is saved."))
    return redirect("instructors:agreement", pk=agreement.pk)
