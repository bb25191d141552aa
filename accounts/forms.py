"""Forms for the account pages: they parse and validate; services write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Agency, MemberState, Profile, Role


def _state_choices() -> list[tuple[str, str]]:
    states = sorted(MemberState.objects.all(), key=lambda s: s.name)
    return [("", _("— choose —"))] + [(s.code, s.name) for s in states]


class AgencySelect(forms.Select):
    """Agencies grouped by member state; each option carries its state's code for the page script."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-state"] = instance.state.code
        return option


class ProfileForm(forms.ModelForm):
    member_state = forms.CharField(label=_("Member state"), required=False, widget=forms.Select)

    class Meta:
        model = Profile
        fields = ["display_name", "member_state", "agency", "position", "preferred_language", "gender"]
        widgets = {"agency": AgencySelect, "gender": forms.RadioSelect}
        help_texts = {
            "gender": _(
                "Asked only to count, in aggregated and anonymous statistics, how many women and men "
                "the training reaches. No one else sees your answer."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_state"].widget.choices = _state_choices()
        if self.instance.member_state_id:
            self.initial["member_state"] = self.instance.member_state.code
        self.fields["agency"].queryset = Agency.objects.select_related("state").order_by("state__name_en", "name")
        self.fields["agency"].required = False

    def clean_member_state(self) -> MemberState | None:
        code = (self.cleaned_data.get("member_state") or "").strip()
        if not code:
            return None
        return services.member_state_by_code(code)

    def clean(self):
        cleaned = super().clean()
        state, agency = cleaned.get("member_state"), cleaned.get("agency")
        if agency is not None and state is not None and agency.state_id != state.pk:
            self.add_error("agency", _("This agency belongs to another member state."))
        return cleaned

    def _post_clean(self):
        # The service validates and saves; the model instance is not touched here.
        pass


class VerificationRequestForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Your agency"), queryset=Agency.objects.select_related("state"), widget=AgencySelect
    )
    message = forms.CharField(
        label=_("Message to the agency's training manager"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example your unit and your service number, so that they can recognise you."),
    )


class VerificationDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason when you reject a request."))
        return cleaned


class RoleGrantForm(forms.Form):
    email = forms.CharField(label=_("E-mail address of the person"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    state = forms.CharField(
        label=_("Member state"),
        required=False,
        widget=forms.Select,
        help_text=_("For curriculum editors and national coordinators."),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.select_related("state"),
        widget=AgencySelect,
        help_text=_("For agency training managers."),
    )
    reason = forms.CharField(label=_("Reason (kept in the log)"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].widget.choices = _state_choices()

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(_("“%(email)s” is not a valid e-mail address.") % {"email": email})
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(_("No one has an account with this e-mail address."))
        return user

    def clean_state(self) -> MemberState | None:
        code = (self.cleaned_data.get("state") or "").strip()
        return services.member_state_by_code(code) if code else None

    def clean(self):
        cleaned = super().clean()
        role, state, agency = cleaned.get("role"), cleaned.get("state"), cleaned.get("agency")
        if role in (Role.CURRICULUM_EDITOR, Role.NATIONAL_COORDINATOR) and state is None and "state" not in self.errors:
            self.add_error("state", _("This role needs a member state."))
        if role == Role.AGENCY_MANAGER and agency is None and "agency" not in self.errors:
            self.add_error("agency", _("An agency training manager needs an agency."))
        if role == Role.AGENCY_MANAGER and agency is not None and state is not None and agency.state_id != state.pk:
            self.add_error("agency", _("This agency belongs to another member state."))
        return cleaned
