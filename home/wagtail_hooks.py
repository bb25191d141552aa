"""Editors see only their own state's part of the page tree in the admin explorer."""

from django.db.models import Q
from wagtail import hooks
from wagtail.models import GroupPagePermission, Page


@hooks.register("construct_explorer_page_queryset")
def only_pages_on_the_users_paths(parent_page, pages, request):
    """Keep pages the user has a permission under, and the ancestors that lead to them."""
    user = request.user
    if user.is_superuser:
        return pages
    roots = set(GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True))
    if not roots:
        return pages.none()
    allowed = Q()
    ancestors = set()
    for path in roots:
        allowed |= Q(path__startswith=path)
        ancestors.update(path[:end] for end in range(Page.steplen, len(path), Page.steplen))
    return pages.filter(allowed | Q(path__in=ancestors))
