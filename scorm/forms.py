"""The admin's upload form: the package is validated completely in ``clean`` and every problem shown."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.owned import OwnedStateForm

from .models import ScormPackage
from .validation import PackageInvalid, package_validate


class ScormPackageForm(OwnedStateForm, WagtailAdminModelForm):
    package = forms.FileField(
        label=_("SCORM package (.zip)"),
        help_text=_("SCORM 1.2 or SCORM 2004 3rd or 4th Edition. Checked completely before anything is stored."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    class Meta:
        model = ScormPackage
        fields = ["title", "state"]

    def __init__(self, *args, **kwargs):
        self.for_user = kwargs.get("for_user")
        super().__init__(*args, **kwargs)
        self.package = None
        if self.instance.pk:
            del self.fields["package"]
        else:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Empty: the title of the package's organisation.")
        self.owning_state_limit()

    def clean_package(self):
        upload = self.cleaned_data["package"]
        if upload.size > settings.SCORM_MAX_PACKAGE_BYTES:
            raise forms.ValidationError(
                _("The package is %(size)s bytes; the limit is %(limit)s bytes."),
                params={"size": upload.size, "limit": settings.SCORM_MAX_PACKAGE_BYTES},
            )
        data = upload.read()
        existing = ScormPackage.objects.filter(content_hash=hashlib.sha256(data).hexdigest()).first()
        if existing is not None:
            raise forms.ValidationError(
                _("This package is already stored as “%(title)s”."), params={"title": existing.title}
            )
        try:
            self.package = package_validate(data)
        except PackageInvalid as invalid:
            raise forms.ValidationError([forms.ValidationError(message) for message in invalid.messages]) from None
        return upload
