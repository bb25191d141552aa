"""The admin's upload form: the package is validated completely in ``clean`` and every problem shown."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import ScormPackage
from .validation import PackageInvalid, package_validate


class ScormPackageForm(WagtailAdminModelForm):
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
        self._states_limit()

    def _states_limit(self):
        """An editor files a package under one of their own states; the secretariat under any."""
        from accounts import access as accounts_access
        from accounts import api as accounts_api

        field = self.fields.get("state")
        if field is None or self.for_user is None:
            return
        viewer = accounts_access.viewer_for(self.for_user)
        if viewer.is_secretariat:
            return
        allowed = viewer.editor_states | viewer.coordinator_states
        field.queryset = accounts_api.MemberState.objects.filter(pk__in=list(allowed))
        field.required = True
        if len(allowed) == 1 and not self.instance.state_id:
            field.initial = next(iter(allowed))

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
