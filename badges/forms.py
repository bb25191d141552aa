from django import forms
from django.utils.translation import gettext_lazy as _

from . import baking
from .verification import MAX_CHARS


class VerifyCredentialForm(forms.Form):
    """A pasted credential, or a badge image (PNG or SVG) with one baked in: ``text`` is what to check."""

    credential = forms.CharField(
        label=_("Credential"),
        help_text=_("Paste the content of the credential file (.json) or the signed credential text."),
        max_length=MAX_CHARS,
        required=False,
        strip=True,
        widget=forms.Textarea(
            attrs={"rows": 8, "aria-describedby": "id_credential_help", "spellcheck": "false", "autocomplete": "off"}
        ),
        error_messages={
            "max_length": _("This is far longer than any credential (at most %(limit_value)d characters)."),
        },
    )
    image = forms.FileField(
        label=_("Or a badge image"),
        help_text=_("A badge image (PNG or SVG) downloaded from this platform: the credential inside it is checked."),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/svg+xml", "aria-describedby": "id_image_help"}
        ),
    )

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        if upload.size > baking.MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("This file is far larger than any badge image (at most 2 MB)."))
        data = upload.read(baking.MAX_IMAGE_BYTES + 1)
        try:
            return baking.extract(data)
        except baking.NotBaked:
            raise forms.ValidationError(
                _("This image carries no credential: choose a PNG or SVG badge downloaded from this platform.")
            ) from None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        text, baked = cleaned.get("credential"), cleaned.get("image")
        if not text and not baked:
            raise forms.ValidationError(_("Paste a credential to check."), code="required")
        if baked and len(baked) > MAX_CHARS:
            raise forms.ValidationError(
                _("This is far longer than any credential (at most %(limit_value)d characters).")
                % {"limit_value": MAX_CHARS}
            )
        cleaned["text"] = text or baked
        return cleaned
