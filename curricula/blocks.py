"""The module block of a curriculum's StreamField.

Its child block names are part of the JSON export format (``curricula.exchange``) and of what
monitoring reads (``gender_perspective``, ``human_rights``): keep them stable."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class ModuleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    hours = blocks.DecimalBlock(label=_("hours"), min_value=0, max_digits=6, decimal_places=1)
    objectives = blocks.TextBlock(label=_("objectives"), help_text=_("One objective per line."))
    topics = blocks.ListBlock(SnippetChooserBlock("curricula.Topic"), label=_("topics"), default=[])
    methods = blocks.TextBlock(label=_("teaching methods"), required=False)
    assessment = blocks.TextBlock(label=_("assessment"), required=False)
    resources = blocks.TextBlock(label=_("resources"), required=False, help_text=_("One resource per line."))
    gender_perspective = blocks.BooleanBlock(label=_("carries the gender perspective"), required=False, default=False)
    human_rights = blocks.BooleanBlock(label=_("carries human-rights content"), required=False, default=False)

    class Meta:
        icon = "list-ul"
        label = _("module")
        template = "curricula/blocks/module.html"


MODULE_FIELDS = (
    "title",
    "hours",
    "objectives",
    "topics",
    "methods",
    "assessment",
    "resources",
    "gender_perspective",
    "human_rights",
)
