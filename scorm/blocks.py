"""The StreamField block that places a SCORM package in a lesson.

Its child blocks are a contract with the lessons' StreamField (courses): keep their names and types
stable; rendering may change freely."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class ScormActivityBlock(blocks.StructBlock):
    package = SnippetChooserBlock("scorm.ScormPackage", label=_("SCORM package"))
    title = blocks.CharBlock(label=_("title"), required=False)
    pass_mark = blocks.IntegerBlock(
        label=_("pass mark (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Score that completes the package. Empty: the package's own success or completion counts."),
    )
    required = blocks.BooleanBlock(
        label=_("required"), required=False, default=True, help_text=_("Must be completed for the lesson to be done.")
    )

    class Meta:
        icon = "media"
        label = _("SCORM package")
        template = "scorm/blocks/scorm_activity.html"
