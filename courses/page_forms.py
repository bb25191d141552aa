"""Admin forms of course pages: what an editor may place in a lesson is checked on save, not only in
the choosers, since a hand-made POST can name any id."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm


def unusable_h5p(user, body) -> list:
    """The H5P contents of a lesson body that this editor may not place (another state's content
    that is not shared at a tier the editor can read)."""
    from h5p import access as h5p_access

    refused = []
    for block in body or []:
        if block.block_type != "h5p":
            continue
        content = block.value.get("content")
        if content is not None and not h5p_access.can_use(user, content):
            refused.append(content)
    return refused


def unusable_scorm(user, body) -> list:
    """The SCORM packages of a lesson body that this editor may not place (another state's)."""
    from scorm import api as scorm_api

    packages = [block.value.get("package") for block in body or [] if block.block_type == "scorm"]
    packages = [package for package in packages if package is not None]
    if not packages:
        return []
    usable = scorm_api.usable_package_ids(user, [package.pk for package in packages])
    return [package for package in packages if package.pk not in usable]


def unusable_videos(user, body) -> list:
    """The uploaded videos of a lesson body that this editor may not place (another state's)."""
    from . import selectors

    videos = [block.value.get("video") for block in body or [] if block.block_type == "video"]
    videos = [video for video in videos if video is not None]
    if not videos:
        return []
    usable = selectors.usable_video_ids(user, [video.pk for video in videos])
    return [video for video in videos if video.pk not in usable]


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


class VideoForm(WagtailAdminModelForm):
    """An editor files a video under one of their own states; the secretariat under any (or none).

    The files are private (no public URL), so their inputs are plain file inputs: Django's
    "currently: <link>" widget would ask the private storage for a URL and fail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django import forms

        from accounts import access as accounts_access

        for name, accept in (("file", "video/mp4,video/webm"), ("poster", "image/png,image/jpeg")):
            if name in self.fields:
                self.fields[name].widget = forms.FileInput(attrs={"accept": accept})
        for form in getattr(self, "formsets", {}).get("captions", ()) or ():
            if "file" in form.fields:
                form.fields["file"].widget = forms.FileInput(attrs={"accept": ".vtt,text/vtt"})
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
