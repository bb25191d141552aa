"""Forms of the agency manager's pages and the revocation page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CoursePage, CourseRun


class _CourseRunForm(forms.Form):
    course = forms.ModelChoiceField(queryset=CoursePage.objects.none(), label=_("Course"))
    run = forms.ModelChoiceField(
        queryset=CourseRun.objects.filter(self_paced=False),
        label=_("Run (cohort courses only)"),
        required=False,
    )

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.filter(pk__in=[c.pk for c in courses]).order_by("title")
        self.fields["course"].label_from_instance = lambda c: f"{c.title} ({c.locale.language_code})"
        self.fields["run"].queryset = CourseRun.objects.filter(
            course_id__in=[c.pk for c in courses], self_paced=False
        ).select_related("course")
        self.fields["run"].label_from_instance = lambda r: f"{r.course.title} – {r.title}"

    def clean(self):
        data = super().clean()
        course, run = data.get("course"), data.get("run")
        if course and run and run.course_id != course.pk:
            self.add_error("run", _("This run belongs to another course."))
        return data


class SingleEnrolForm(_CourseRunForm):
    prefix = "one"  # both forms share a page: distinct field ids keep labels right
    email = forms.EmailField(label=_("Staff member's e-mail address"))


class BulkEnrolForm(_CourseRunForm):
    prefix = "csv"
    file = forms.FileField(
        label=_("CSV file"), help_text=_("One e-mail address a line, or a column headed “email”; UTF-8.")
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))], label=_("Decision"))
    reason = forms.CharField(label=_("Reason (required to reject)"), required=False, max_length=500)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Shown publicly on the verification page."),
    )
