from django import forms
from django.utils.translation import gettext_lazy as _

from .verification import MAX_CHARS


class VerifyCredentialForm(forms.Form):
    credential = forms.CharField(
        label=_("Credential"),
        help_text=_("Paste the content of the credential file (.json) or the signed credential text."),
        max_length=MAX_CHARS,
        strip=True,
        widget=forms.Textarea(
            attrs={"rows": 8, "aria-describedby": "id_credential_help", "spellcheck": "false", "autocomplete": "off"}
        ),
        error_messages={
            "required": _("Paste a credential to check."),
            "max_length": _("This is far longer than any credential (at most %(limit_value)d characters)."),
        },
    )
