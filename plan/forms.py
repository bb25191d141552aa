"""Forms parse what a person typed; the services decide whether it may be done."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Activity, Position


class WorkPlanForm(forms.Form):
    start_year = forms.IntegerField(label=_("First year of the two-year period"), min_value=2000, max_value=2100)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200, required=False)
    title_pt = forms.CharField(label=_("Title (Portuguese)"), max_length=200, required=False)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200, required=False)


class ActivityForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=300, required=False)
    title_pt = forms.CharField(label=_("Title (Portuguese)"), max_length=300, required=False)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    measures = forms.TypedMultipleChoiceField(label=_("Measures of the plan"), coerce=int)
    states = forms.TypedMultipleChoiceField(label=_("Responsible member states"), coerce=int, required=False)
    agencies = forms.TypedMultipleChoiceField(label=_("Responsible agencies"), coerce=int, required=False)
    starts_on = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("End"), widget=forms.DateInput(attrs={"type": "date"}))
    expected_results = forms.CharField(label=_("Expected results"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, measure_choices, state_choices, agency_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = measure_choices
        self.fields["states"].choices = state_choices
        self.fields["agencies"].choices = agency_choices

    @staticmethod
    def initial_for(activity: Activity) -> dict:
        return {
            **{f"title_{c}": getattr(activity, f"title_{c}") for c in ("en", "es", "pt", "fr")},
            "description": activity.description,
            "measures": [m.pk for m in activity.measures.all()],
            "states": [s.pk for s in activity.responsible_states.all()],
            "agencies": [a.pk for a in activity.responsible_agencies.all()],
            "starts_on": activity.starts_on,
            "ends_on": activity.ends_on,
            "expected_results": activity.expected_results,
        }


class PositionForm(forms.Form):
    position = forms.ChoiceField(label=_("The state's position"), choices=Position.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("General comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class TargetsForm(forms.Form):
    """A baseline and a target per member state for one indicator and work-plan period."""

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.states = list(states)
        for state in self.states:
            for kind, label in (("baseline", _("Baseline")), ("target", _("Target"))):
                self.fields[f"{kind}_{state.pk}"] = forms.FloatField(
                    label=f"{state.name}: {label}", required=False, min_value=0, max_value=1_000_000_000
                )

    def rows(self) -> dict[int, tuple[float | None, float | None]]:
        data = self.cleaned_data
        return {state.pk: (data.get(f"baseline_{state.pk}"), data.get(f"target_{state.pk}")) for state in self.states}

    def table(self) -> list[tuple]:
        """(state, baseline field, target field) for the template's table."""
        return [(state, self[f"baseline_{state.pk}"], self[f"target_{state.pk}"]) for state in self.states]
