"""Writes for the page frame: home pages per language and state pages with their permissions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Locale, Page, Site

from accounts.api import state_groups_ensure

from .models import HomePage, MemberStatePage

EDITOR_PERMISSIONS = ("add_page", "change_page")
COORDINATOR_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def locales_ensure() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in settings.LANGUAGE_CODES}


@transaction.atomic
def home_pages_ensure(*, title: str = "Capacitas") -> dict[str, HomePage]:
    """A home page in every language, the default one the root of the default site."""
    locales = locales_ensure()
    default = HomePage.objects.filter(locale=locales[settings.LANGUAGE_CODE]).first()
    if default is None:
        root = Page.get_first_root_node()
        if root is None:  # a database emptied after migrations (e.g. by transactional tests)
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales[settings.LANGUAGE_CODE]))
        # Wagtail's initial "Welcome" page is replaced by ours (its Site goes with it and is made anew).
        for page in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
            page.delete()
        root.refresh_from_db()
        default = HomePage(title=title, slug="home", locale=locales[settings.LANGUAGE_CODE])
        root.add_child(instance=default)
        default.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": default, "site_name": title},
        )
    pages = {settings.LANGUAGE_CODE: default}
    for code, locale in locales.items():
        if code == settings.LANGUAGE_CODE:
            continue
        page = default.get_translation_or_none(locale)
        if page is None:
            page = default.copy_for_translation(locale)
            page.save_revision().publish()
        pages[code] = page.specific
    return pages


def _grant(group, page, codenames) -> None:
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


@transaction.atomic
def state_pages_ensure(*, state) -> dict[str, MemberStatePage]:
    """The state's page under each home page, editable by its editors and coordinators only."""
    homes = home_pages_ensure()
    groups = state_groups_ensure(state=state)
    pages: dict[str, MemberStatePage] = {}
    for code, home in homes.items():
        page = MemberStatePage.objects.filter(state=state, locale=home.locale).first()
        if page is None:
            page = MemberStatePage(
                title=state.name_in(code), slug=slugify(state.name_en), state=state, locale=home.locale
            )
            source = pages.get(settings.LANGUAGE_CODE)
            if source is not None:
                page.translation_key = source.translation_key
            home.add_child(instance=page)
            page.save_revision().publish()
        pages[code] = page
        _grant(groups["editors"], page, EDITOR_PERMISSIONS)
        _grant(groups["coordinators"], page, COORDINATOR_PERMISSIONS)
    return pages
