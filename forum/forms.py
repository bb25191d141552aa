"""Forms of the forum: they parse; the services check and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CHOICES, DigestFrequency
from .richtext import MAX_CHARS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


BODY_HELP = _(
    "Paragraphs, bold, italics, lists, quotes, code and links are kept; other markup is removed. "
    "Write @username to mention someone."
)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your post"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_CHARS, help_text=BODY_HELP
    )
    language = forms.ChoiceField(label=_("Language of the post"), choices=LANGUAGE_CHOICES)
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    files = MultipleFileField(
        label=_("Attachments"), required=False, help_text=_("PDF, PNG, JPEG or plain text; up to five files.")
    )


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=80, required=False)
    measure = forms.TypedChoiceField(label=_("Measure of the plan"), required=False, coerce=int, empty_value=None)
    discipline = forms.ChoiceField(label=_("Discipline"), required=False)
    body = forms.CharField(
        label=_("Your post"), widget=forms.Textarea(attrs={"rows": 8}), max_length=MAX_CHARS, help_text=BODY_HELP
    )
    language = forms.ChoiceField(label=_("Language of the post"), choices=LANGUAGE_CHOICES)
    files = MultipleFileField(
        label=_("Attachments"), required=False, help_text=_("PDF, PNG, JPEG or plain text; up to five files.")
    )

    def __init__(self, *args, measure_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", "—"), *measure_choices]
        from curricula.api import Discipline

        self.fields["discipline"].choices = [("", "—"), *Discipline.choices]


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Your post"), widget=forms.Textarea(attrs={"rows": 8}), max_length=MAX_CHARS, help_text=BODY_HELP
    )
    language = forms.ChoiceField(label=_("Language of the post"), choices=LANGUAGE_CHOICES)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Why should a moderator look at this post?"), max_length=500)


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Digest by e-mail"), choices=DigestFrequency.choices)


class ApproachForm(forms.Form):
    """One block of four fields per language; a language left empty is not published."""

    def __init__(self, *args, measure_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        from .models import LANGUAGES, ApproachText

        names = {"en": _("English"), "es": _("Spanish"), "pt": _("Portuguese"), "fr": _("French")}
        for code in LANGUAGES:
            for name in ("priorities", "institutions", "training_needs", "offers"):
                label = ApproachText._meta.get_field(name).verbose_name
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=f"{label} ({names[code]})",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=10_000,
                )
        self.fields["measures"] = forms.TypedMultipleChoiceField(
            label=_("Measures of the plan the approach addresses"), required=False, coerce=int, choices=measure_choices
        )

    def texts(self) -> dict:
        from .models import LANGUAGES

        data = self.cleaned_data
        return {
            code: {
                name: data.get(f"{name}_{code}", "")
                for name in ("priorities", "institutions", "training_needs", "offers")
            }
            for code in LANGUAGES
        }
