"""Admin forms of course pages: what an editor may place in a lesson is checked on save, not only in
the choosers, since a hand-made POST can name any id."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


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
        if user is not None and unusable_h5p(user, cleaned.get("body")):
            raise ValidationError(
                _(
                    "This lesson places H5P content of another state that is not shared with you. "
                    "Choose content of your own state, or content shared at a tier you can read."
                )
            )
        return cleaned
