"""Audience tiers on Wagtail pages, kept in agreement with ``accounts.access``.

A page model that carries a tier mixes in ``AudiencePageMixin`` and names its owning state in
``audience_state_id``. Each publication of the page (and each move of a live page) makes Wagtail's
own view restriction say the same as ``accounts.access`` about the live page: none for public pages,
the law-enforcement and secretariat groups for law-enforcement pages, and the owning state's
officials and the secretariat for state pages. So Wagtail's serving, ``.public()`` and its previews
never contradict the access module.

The restriction is never derived from ``save()``: Wagtail saves drafts through ``save()`` too, with
the draft's values on the instance, and a draft must not change who can read the live page.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from .access import GROUP_LAW_ENFORCEMENT, GROUP_SECRETARIAT, Audience, state_group_name


class AudiencePageMixin(models.Model):
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_("Who may see this: anyone, verified officials of any member state, or only your state's."),
    )

    class Meta:
        abstract = True

    @property
    def audience_state_id(self) -> int | None:  # override where the owning state is named otherwise
        return getattr(self, "state_id", None)

    def get_view_restrictions(self):
        """Wagtail's restrictions on this page and its ancestors (an alias ancestor counts as its
        source page), as Wagtail reads them but in one query: the ancestors' paths are prefixes of
        this page's path, so they need not be fetched first. An alias page itself keeps Wagtail's
        own reading."""
        from django.db.models import Q
        from django.db.models.functions import Coalesce
        from wagtail.models import Page, PageViewRestriction

        if getattr(self, "alias_of_id", None) or not self.pk:
            return super().get_view_restrictions()
        steplen = self.steplen
        ancestor_paths = [self.path[: steplen * depth] for depth in range(1, self.depth)]
        sources = (
            Page.objects.filter(path__in=ancestor_paths).annotate(source=Coalesce("alias_of_id", "id")).values("source")
        )
        return PageViewRestriction.objects.filter(Q(page_id=self.pk) | Q(page_id__in=sources))


def audience_groups(audience: str, state_code: str | None) -> list[Group]:
    if audience == Audience.PUBLIC:
        return []
    names = [GROUP_SECRETARIAT]
    if audience == Audience.LAW_ENFORCEMENT:
        names.append(GROUP_LAW_ENFORCEMENT)
    elif audience == Audience.STATE and state_code:
        names.append(state_group_name("officials", state_code))
    return [Group.objects.get_or_create(name=name)[0] for name in names]


def sync_live_view_restriction(*, page_id: int) -> None:
    """Derive the restriction from the live page as stored, whatever instance a caller holds.

    A page that is not live keeps its restriction: nobody is served it, and it is derived again
    when it goes live."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id, live=True).specific().first()
    if page is None or not isinstance(page, AudiencePageMixin):
        return
    sync_view_restriction(page)


def sync_view_restriction(page) -> None:
    """Make the page's own Wagtail view restriction match its tier."""
    from wagtail.models import PageViewRestriction

    from .models import MemberState

    if not page.pk:
        return
    state_code = None
    if page.audience_state_id:
        state_code = MemberState.objects.filter(pk=page.audience_state_id).values_list("code", flat=True).first()
    wanted = {g.pk for g in audience_groups(page.audience, state_code)}
    restrictions = list(PageViewRestriction.objects.filter(page_id=page.pk))
    if not wanted:
        for restriction in restrictions:
            restriction.delete()
        return
    restriction = restrictions[0] if restrictions else None
    for extra in restrictions[1:]:
        extra.delete()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(page_id=page.pk, restriction_type=PageViewRestriction.GROUPS)
    elif restriction.restriction_type != PageViewRestriction.GROUPS:
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.password = ""
        restriction.save()
    if set(restriction.groups.values_list("pk", flat=True)) != wanted:
        restriction.groups.set(wanted)
