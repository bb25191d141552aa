"""Forms of training activities; the services decide access and the rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.api import agencies_in, member_states
from lms import measures

from .models import Activity, Evaluation


class ActivityForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    measure_codes = forms.MultipleChoiceField(
        label=_("Measures of the plan"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "format",
            "scope",
            "discipline",
            "organiser_kind",
            "state",
            "agency",
            "partner_name",
            "audience",
            "starts_at",
            "ends_at",
            "time_zone",
            "venue",
            "online_url",
            "capacity",
            "hours",
            "languages",
            "measure_codes",
        ]

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_codes"].choices = measures.choices()
        if viewer.is_secretariat:
            self.fields["state"].queryset = member_states()
            self.fields["agency"].queryset = agencies_in(state_ids=list(member_states().values_list("pk", flat=True)))
        else:
            states = set(viewer.coordinator_states)
            agencies = agencies_in(agency_ids=viewer.manager_agencies, state_ids=viewer.coordinator_states)
            states |= {a.state_id for a in agencies}
            self.fields["state"].queryset = member_states(ids=sorted(states))
            self.fields["agency"].queryset = agencies
        self.fields["agency"].required = False

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone is not None:
            for name in ("starts_at", "ends_at"):
                if cleaned.get(name) is not None:
                    cleaned[name] = in_zone(cleaned[name], zone)
        return cleaned


def in_zone(value, zone):
    """A time typed as the wall-clock time of ``zone`` (forms read it in the site's zone)."""
    return timezone.make_naive(value).replace(tzinfo=zone)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["overall", "relevance", "organisation", "comments"]
        widgets = {
            name: forms.RadioSelect(choices=[(i, str(i)) for i in range(1, 6)])
            for name in ("overall", "relevance", "organisation")
        }
