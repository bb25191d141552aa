"""Admin forms of course pages: what an editor may place in a lesson is checked on save, not only in
the choosers, since a hand-made POST can name any id."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from lms.owned import OwnedStateForm, refused_in_body


def unusable_h5p(user, body) -> list:
    """The H5P contents of a lesson body that this editor may not place (another state's content
    that is not shared at a tier the editor can read)."""
    from h5p import access as h5p_access

    return refused_in_body(
        body, block_type="h5p", key="content", usable_ids=lambda ids: h5p_access.usable_content_ids(user, ids)
    )


def unusable_scorm(user, body) -> list:
    """The SCORM packages of a lesson body that this editor may not place (another state's)."""
    from scorm import api as scorm_api

    return refused_in_body(
        body, block_type="scorm", key="package", usable_ids=lambda ids: scorm_api.usable_package_ids(user, ids)
    )


def unusable_videos(user, body) -> list:
    """The uploaded videos of a lesson body that this editor may not place (another state's)."""
    from . import selectors

    return refused_in_body(
        body, block_type="video", key="video", usable_ids=lambda ids: selectors.usable_video_ids(user, ids)
    )


class LessonPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        user = getattr(self, "for_user", None)
        if user is not None and unusable_scorm(user, cleaned.get("body")):
            raise ValidationError(
                _(
                    "This lesson places a SCORM package of another state. Choose a package of your own "
                    "state, or one no state owns."
                )
            )
        if user is not None and unusable_videos(user, cleaned.get("body")):
            raise ValidationError(
                _(
                    "This lesson places a video of another state. Choose a video of your own state, or one no state owns."
                )
            )
        if user is not None and unusable_h5p(user, cleaned.get("body")):
            raise ValidationError(
                _(
                    "This lesson places H5P content of another state that is not shared with you. "
                    "Choose content of your own state, or content shared at a tier you can read."
                )
            )
        return cleaned


class VideoForm(OwnedStateForm, WagtailAdminModelForm):
    """An editor files a video under one of their own states; the secretariat under any (or none).

    The files are private (no public URL), so their inputs are plain file inputs: Django's
    "currently: <link>" widget would ask the private storage for a URL and fail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django import forms

        for name, accept in (("file", "video/mp4,video/webm"), ("poster", "image/png,image/jpeg")):
            if name in self.fields:
                self.fields[name].widget = forms.FileInput(attrs={"accept": accept})
        for form in getattr(self, "formsets", {}).get("captions", ()) or ():
            if "file" in form.fields:
                form.fields["file"].widget = forms.FileInput(attrs={"accept": ".vtt,text/vtt"})
        self.owning_state_limit()
