"""The host's and the instructor's reports after delivery."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, services
from .agreement import form_step


@require_POST
@login_required
def host_report(request, pk: int):
    return form_step(
        request,
        pk,
        form_class=forms.HostReportForm,
        form_name="host_report_form",
        invalid=_("Check the report."),
        call=lambda agreement, form: services.host_report_submit(
            agreement=agreement,
            actor=request.user,
            evaluation=form.cleaned_data["evaluation"],
            instructor_rating=form.cleaned_data["instructor_rating"],
            comments=form.cleaned_data["comments"],
            participants=form.participants(),
        ),
        done=_("Thank you: the host's report is saved."),
    )


@require_POST
@login_required
def instructor_report(request, pk: int):
    return form_step(
        request,
        pk,
        form_class=forms.InstructorReportForm,
        form_name="instructor_report_form",
        invalid=_("Check the report."),
        call=lambda agreement, form: services.instructor_report_submit(
            agreement=agreement, actor=request.user, **form.cleaned_data
        ),
        done=_("Thank you: your report is saved."),
    )
