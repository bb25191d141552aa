"""Template helpers shared by every page: language links and content-language labels."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from django.utils.translation import override as language_override

from lms.languages import language_name

register = template.Library()

# People's pages without a language prefix: their language is asked for with ?lang=.
UNPREFIXED_PAGES = ("/verify/",)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """For the language switcher: each language with the address of this page in it.

    A Wagtail page links to its own translation where one exists; otherwise the language prefix
    is swapped, which keeps the same content with the interface in that language
    (``HomePage.route`` serves a page of another locale under any prefix)."""
    request = context.get("request")
    page = context.get("page")
    current = context.get("LANGUAGE_CODE")
    translations: dict[str, object] = {}
    if page is not None and getattr(page, "translation_key", None) and hasattr(page, "get_translation_or_none"):
        from wagtail.models import Page

        # One query for every translation of the page (not one per language).
        for translation in Page.objects.filter(translation_key=page.translation_key, live=True).select_related(
            "locale"
        ):
            translations[translation.locale.language_code] = translation
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        translation = translations.get(code)
        if translation is not None:
            with language_override(code):
                url = translation.get_url(request=request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path() and request.path_info.startswith(UNPREFIXED_PAGES):
                url = f"{request.path_info}?lang={code}"
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url or f"/{code}/", "current": code == current})
    return links


register.filter("language_name", language_name)


@register.simple_tag(takes_context=True)
def content_language(context) -> str | None:
    """The language of the page's content when it differs from the interface language, else None."""
    from home.models import content_language_of

    page = context.get("page")
    if page is None or not getattr(page, "locale_id", None):
        return None
    code = content_language_of(page)
    return code if code != (context.get("LANGUAGE_CODE") or "")[:2] else None


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in user's unread notices, for the header."""
    from accounts.api import unread_count

    request = context.get("request")
    user = getattr(request, "user", None)
    return unread_count(user) if user is not None else 0


@register.simple_tag(takes_context=True)
def account_capabilities(context) -> dict:
    """What the account menu offers: deciding verification requests, granting roles, the admin."""
    from accounts import access

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"decide": False, "grant": False, "admin": False, "verified": False}
    viewer = access.viewer_for(user)
    return {
        "verified": viewer.is_official,
        "decide": viewer.is_secretariat or bool(viewer.manager_agencies or viewer.coordinator_states),
        "grant": viewer.is_secretariat or bool(viewer.coordinator_states),
        "admin": user.has_perm("wagtailadmin.access_admin"),
    }


@register.filter(is_safe=True)
def site_title(title: str) -> str:
    """The document title: "<page> · Capacitas", or "Capacitas" alone where the page has no title of
    its own or is already called that (the home page), never "Capacitas · Capacitas"."""
    title = (title or "").strip()
    if not title or title == "Capacitas" or title.endswith("· Capacitas"):
        return title or "Capacitas"
    return f"{title} · Capacitas"
