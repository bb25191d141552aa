"""The StreamField block that places an H5P activity in a lesson.

Its child blocks are a contract with the lessons' StreamField (courses): keep their names and types
stable; rendering may change freely."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class H5PActivityBlock(blocks.StructBlock):
    content = SnippetChooserBlock("h5p.H5PContent", label=_("H5P content"))
    title = blocks.CharBlock(label=_("title"), required=False)
    pass_mark = blocks.IntegerBlock(
        label=_("pass mark (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Score that completes the activity. Empty: the activity's own success or completion counts."),
    )
    required = blocks.BooleanBlock(
        label=_("required"), required=False, default=True, help_text=_("Must be completed for the lesson to be done.")
    )

    class Meta:
        icon = "media"
        label = _("H5P activity")
        template = "h5p/blocks/h5p_activity.html"
