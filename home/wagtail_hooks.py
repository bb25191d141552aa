"""Editors see only their own state's part of the page tree in the admin explorer; the admin's
widgets start without inline scripts (the site's CSP)."""

from django.db.models import Q
from django.templatetags.static import static
from django.utils.html import format_html
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


@hooks.register("before_serve_page", order=-2)
def mark_public_pages_for_the_cache(page, request, serve_args, serve_kwargs):
    """Tell the page cache whether every anonymous reader may get this page (home/pagecache.py)."""
    from .pagecache import mark_public

    mark_public(request, page)


@hooks.register("before_serve_page", order=-1)
def explain_audience_refusal(page, request, serve_args, serve_kwargs):
    """A signed-in reader who may not see a tiered page gets a 403 that says why, instead of Wagtail's
    redirect to a login form they have already passed. Anonymous readers still go to the login."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from accounts import access

    # Wagtail hands this hook the specific page it routed to.
    if not hasattr(page, "audience") or not request.user.is_authenticated:
        return None
    if access.can_view_object(request.user, page):
        return None
    if page.audience == access.Audience.LAW_ENFORCEMENT:
        raise PermissionDenied(
            _(
                "This page is for verified law-enforcement officials. Your profile page explains how to be "
                "verified by your agency."
            )
        )
    raise PermissionDenied(_("This page is for verified officials of the member state that published it."))


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_scripts():
    """Wagtail starts date pickers and inline panels with inline scripts, which the CSP blocks; the
    project's copies of those templates (templates/wagtailadmin/) leave data attributes instead,
    and this script starts them (docs/decisions/0002-admin-under-the-site-csp.md)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-init.js"))
