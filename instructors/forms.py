"""Forms of the exchange: they parse and validate input; services write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from accounts.api import Gender, Subregion, agencies, agencies_in
from courses.api import course_catalogue
from curricula.api import Delivery, Discipline, curricula_listing, topics
from lms.languages import language_name

from .models import (
    Agreement,
    AvailabilityWindow,
    CostSharing,
    ExchangeRequest,
    LanguageLevel,
    Offer,
    ParticipantRole,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
RATING_CHOICES = [(n, str(n)) for n in range(5, 0, -1)]


def taught_choices(user, *, keep=()) -> list[tuple[int, str]]:
    """What an instructor can say they teach: the curricula and courses this user may see, one entry
    per curriculum or course (its translations grouped, in the reader's language where it exists),
    never lessons or index pages. Pages already on the profile (``keep``) stay choosable."""
    entries: dict[int, str] = {}
    for item in curricula_listing(user=user):
        entries[item.page.pk] = _("%(title)s (curriculum, %(state)s, %(language)s)") % {
            "title": item.page.title,
            "state": item.page.state.name,
            "language": item.language_name,
        }
    for course in course_catalogue(user=user, limit=1000):
        entries[course.pk] = _("%(title)s (course, %(state)s, %(language)s)") % {
            "title": course.title,
            "state": course.state.name,
            "language": language_name(course.locale.language_code),
        }
    missing = [pk for pk in keep if pk not in entries]
    if missing:
        for page in Page.objects.filter(pk__in=missing).select_related("locale"):
            entries[page.pk] = f"{page.title} ({language_name(page.locale.language_code)})"
    return sorted(entries.items(), key=lambda item: item[1].casefold())


class FilterableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a search box above them (static/js/choice-filter.js) for long lists."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-filterable": "true", **(attrs or {})}, choices)


class ProfileForm(forms.Form):
    agency = forms.ModelChoiceField(agencies(), label=_("Home agency"))
    disciplines = forms.MultipleChoiceField(
        label=_("Disciplines"), choices=Discipline.choices, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.ModelMultipleChoiceField(
        topics(), label=_("Specialities"), required=False, widget=forms.CheckboxSelectMultiple
    )
    years_experience = forms.IntegerField(label=_("Years of experience as an instructor"), min_value=0, max_value=60)
    formats = forms.MultipleChoiceField(
        label=_("Formats"), choices=Delivery.choices, widget=forms.CheckboxSelectMultiple
    )
    travel_subregions = forms.MultipleChoiceField(
        label=_("Subregions I will travel to"),
        choices=Subregion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pages_taught = forms.TypedMultipleChoiceField(
        label=_("Curricula and courses I teach"),
        coerce=int,
        required=False,
        widget=FilterableCheckboxes,
        help_text=_("Type part of a title to narrow the list."),
    )
    bio = forms.CharField(
        label=_("Short biography"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    accepting = forms.BooleanField(label=_("Open to exchanges"), required=False, initial=True)

    def __init__(self, *args, agencies=None, user=None, taught=(), **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
        self.fields["pages_taught"].choices = taught_choices(user, keep=taught) if user is not None else []
        for code, name in settings.LANGUAGES:
            self.fields[f"language_{code}"] = forms.ChoiceField(
                label=_("Level in %(language)s") % {"language": name},
                choices=[("", _("I do not teach in this language"))] + list(LanguageLevel.choices),
                required=False,
            )

    def languages(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"language_{code}"]
            for code, _name in settings.LANGUAGES
            if self.cleaned_data.get(f"language_{code}")
        }

    def clean(self):
        data = super().clean()
        if not any(data.get(f"language_{code}") for code, _name in settings.LANGUAGES):
            raise forms.ValidationError(_("Give at least one language you teach in."))
        return data


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = AvailabilityWindow
        fields = ["starts_on", "ends_on", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}


class CertificationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE)
    file = forms.FileField(label=_("File (PDF, PNG or JPEG, at most 5 MB)"))


class OfferForm(forms.ModelForm):
    subregions = forms.MultipleChoiceField(
        label=_("Subregions it can be delivered in"),
        choices=Subregion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "language",
            "discipline",
            "topics",
            "level",
            "format",
            "duration_days",
            "hours",
            "available_from",
            "available_until",
            "target_audience",
            "max_participants",
            "subregions",
            "cost_sharing",
            "cost_terms",
        ]
        widgets = {
            "available_from": DATE,
            "available_until": DATE,
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "cost_terms": forms.Textarea(attrs={"rows": 3}),
        }


class RequestForm(forms.ModelForm):
    class Meta:
        model = ExchangeRequest
        fields = [
            "title",
            "description",
            "discipline",
            "topics",
            "level",
            "language",
            "format",
            "starts_on",
            "ends_on",
            "participants",
            "participant_profile",
            "funding",
            "funding_notes",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "funding_notes": forms.Textarea(attrs={"rows": 3}),
        }


class AgencyChoiceForm(forms.Form):
    agency = forms.ModelChoiceField(agencies_in(), label=_("Agency"))

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else agencies_in()


class ProposeForm(forms.Form):
    terms = forms.CharField(
        label=_("Proposed terms"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What will be delivered, to whom, and what each side provides."),
    )
    cost_sharing = forms.ChoiceField(label=_("Cost sharing"), choices=CostSharing.choices)
    cost_terms = forms.CharField(
        label=_("Cost-sharing terms"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    action = forms.CharField(max_length=30)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["start_date", "end_date", "daily_start", "daily_end", "time_zone", "location"]
        # The zone is typed (a list of 400 zones is no help with a keyboard or a screen reader).
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "daily_start": TIME,
            "daily_end": TIME,
            "time_zone": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True
        self.fields["time_zone"].help_text = _("The host's time zone, e.g. America/Bogota.")


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class HostReportForm(forms.Form):
    evaluation = forms.TypedChoiceField(label=_("Overall evaluation (1–5)"), choices=RATING_CHOICES, coerce=int)
    instructor_rating = forms.TypedChoiceField(
        label=_("Rating of the instructor (1–5)"), choices=RATING_CHOICES, coerce=int
    )
    comments = forms.CharField(
        label=_("Comments"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for gender, gender_label in Gender.choices:
            for role, role_label in ParticipantRole.choices:
                self.fields[f"n_{gender}_{role}"] = forms.IntegerField(
                    label=f"{gender_label} – {role_label}", min_value=0, max_value=500, initial=0, required=False
                )

    def participants(self) -> dict[tuple[str, str], int]:
        return {
            (gender, role): self.cleaned_data.get(f"n_{gender}_{role}") or 0
            for gender in Gender.values
            for role in ParticipantRole.values
        }

    def grid(self):
        """Rows of (role label, [bound fields per gender]) for the table."""
        return [
            (role_label, [self[f"n_{gender}_{role}"] for gender in Gender.values])
            for role, role_label in ParticipantRole.choices
        ]


class InstructorReportForm(forms.Form):
    delivered = forms.CharField(
        label=_("What was delivered"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    hours_delivered = forms.IntegerField(label=_("Hours delivered"), min_value=1, max_value=500)
    cascading_plan = forms.CharField(
        label=_("Plan for passing it on (cascading)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    host_rating = forms.TypedChoiceField(label=_("Rating of the host (1–5)"), choices=RATING_CHOICES, coerce=int)
