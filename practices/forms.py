"""Forms of the library: they parse and present; the services decide what is refused (markup,
unknown measures, links to pages the submitter cannot see), so that one place holds each rule."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.api import Audience, member_states
from curricula.api import Discipline, topics
from lms import measures as plan_measures
from lms.languages import language_name

from .models import LinkKind, Practice

TEXTAREA = {"rows": 4}


class OpenChoices(forms.MultipleChoiceField):
    """Checkboxes of the offered values; any value passes to the service, which checks it."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value) -> bool:
        return True


class PracticeForm(forms.Form):
    state = forms.TypedChoiceField(label=_("Member state"), coerce=int)
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    context = forms.CharField(label=_("Context"), widget=forms.Textarea(attrs=TEXTAREA))
    problem = forms.CharField(label=_("Problem"), widget=forms.Textarea(attrs=TEXTAREA))
    actions = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs=TEXTAREA))
    results = forms.CharField(label=_("Results and evidence"), widget=forms.Textarea(attrs=TEXTAREA))
    resources = forms.CharField(label=_("Resources and costs"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    contact = forms.CharField(label=_("Contact"), max_length=300, required=False)
    discipline = forms.ChoiceField(label=_("Discipline"), choices=Discipline.choices)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=topics(), required=False, widget=forms.CheckboxSelectMultiple
    )
    measures = OpenChoices(label=_("Measures of the Plan of Action"), required=False)
    gender_perspective = forms.BooleanField(label=_("Gender perspective"), required=False)
    human_rights = forms.BooleanField(label=_("Human rights"), required=False)
    audience = forms.ChoiceField(label=_("Who may read it once published"), choices=Audience.choices)
    curricula = OpenChoices(label=_("Related curricula"), required=False)
    courses = OpenChoices(label=_("Related courses"), required=False)

    def __init__(self, *args, state_ids=(), links=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(s.pk, s.name) for s in member_states(ids=list(state_ids))]
        # Languages named in the reader's language ("inglés" on a Spanish page).
        self.fields["language"].choices = [(code, language_name(code)) for code in settings.LANGUAGE_CODES]
        self.fields["measures"].choices = plan_measures.choices()
        links = links or {}
        self.fields["curricula"].choices = links.get(LinkKind.CURRICULUM, [])
        self.fields["courses"].choices = links.get(LinkKind.COURSE, [])

    @staticmethod
    def initial_for(practice: Practice) -> dict:
        data = {
            name: getattr(practice, name)
            for name in (
                "language",
                "title",
                "summary",
                "context",
                "problem",
                "actions",
                "results",
                "resources",
                "contact",
                "discipline",
                "gender_perspective",
                "human_rights",
                "audience",
            )
        }
        data["state"] = practice.state_id
        data["topics"] = list(practice.topics.all())
        data["measures"] = list(practice.measures.values_list("code", flat=True))
        links = list(practice.links.values_list("kind", "page_id"))
        data["curricula"] = [str(pk) for kind, pk in links if kind == LinkKind.CURRICULUM]
        data["courses"] = [str(pk) for kind, pk in links if kind == LinkKind.COURSE]
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Send to the secretariat")), ("return", _("Return to the submitter"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
