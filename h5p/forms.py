"""The admin's upload form: the package is validated completely in ``clean`` and every problem shown.

The owning state is one the editor keeps (h5p.access); the secretariat may leave it empty."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.owned import OwnedStateForm

from .models import H5PContent
from .services import content_held, library_known
from .validation import PackageInvalid, package_validate


class H5PContentForm(OwnedStateForm, WagtailAdminModelForm):
    package = forms.FileField(
        label=_("H5P package (.h5p)"),
        help_text=_("Checked completely before anything is stored; every problem is listed."),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p,application/zip"}),
    )

    class Meta:
        model = H5PContent
        fields = ["title", "state", "audience"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.package = None
        self.package_hash = None
        self.owning_state_limit(help_text=_("The state whose editors keep this content."))
        if self.instance.pk:
            del self.fields["package"]
        else:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Empty: the title in the package's h5p.json.")

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if upload.size > settings.H5P_MAX_PACKAGE_BYTES:
            raise forms.ValidationError(
                _("The package is %(size)s bytes; the limit is %(limit)s bytes."),
                params={"size": upload.size, "limit": settings.H5P_MAX_PACKAGE_BYTES},
            )
        data = upload.read()
        self.package_hash = hashlib.sha256(data).hexdigest()
        try:
            self.package = package_validate(data, known_library=library_known)
        except PackageInvalid as invalid:
            raise forms.ValidationError([forms.ValidationError(message) for message in invalid.messages]) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.package_hash and not self.errors:
            # Only the chosen state's own holding is named: another state's title is not this editor's to read.
            existing = content_held(state=cleaned.get("state"), content_hash=self.package_hash)
            if existing is not None:
                self.add_error(
                    "package",
                    forms.ValidationError(
                        _("This package is already stored as “%(title)s”."), params={"title": existing.title}
                    ),
                )
        return cleaned
