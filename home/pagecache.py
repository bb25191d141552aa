"""Public pages for anonymous readers, served from the cache (docs/decisions/0014-public-page-cache.md).

Only what every anonymous reader would get alike is kept: a Wagtail page of the public tier (no view
restriction on it or above it, and a public audience), asked for with GET, without a query string,
by a request that carries no cookie but the CSRF one, answered with a 200 that sets no cookie, used
no CSRF token and is not marked private. Signed-in readers, pages of another tier, forms and
everything else go through as usual.

Every entry is keyed on a generation that changes after any publication, unpublication, move,
deletion or change of view restriction commits, so no reader gets a page from before it. A request
reads the generation when it starts: one that was rendering while a change committed stores its
page under the old generation, which nobody reads again."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
# Headers added inside this middleware (by the view) that a cached copy keeps; the outer middleware
# (security, CSP, locale, clickjacking) adds its own again on every response.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Vary", "Link")
MARK = "_public_page_cacheable"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def generation() -> str:
    """The current generation, made on first use. A random token, not a counter: if the cache
    loses it, the next one cannot bring back pages stored under an earlier one."""
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def invalidate() -> None:
    """Forget every cached page (called once a change to the page tree has committed)."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def mark_public(request, page) -> None:
    """Called for the page Wagtail is about to serve: remember whether every anonymous reader may
    see it, so that the response may be kept."""
    from accounts.access import Audience

    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # A signed-in reader's page is never kept (_may_store): no need to ask about restrictions.
        setattr(request, MARK, False)
        return
    public = getattr(page, "audience", Audience.PUBLIC) == Audience.PUBLIC
    if public and page.get_view_restrictions().exists():
        public = False
    setattr(request, MARK, public)


def _may_serve_from_cache(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _may_store(request, response) -> bool:
    if request.method != "GET" or not getattr(request, MARK, False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # The page carries a CSRF token: it belongs to this reader alone.
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


def _key(request, token: str) -> str:
    return f"pagecache:{token}:{request.scheme}:{request.get_host()}:{get_language()}:{request.path}"


class PublicPageCacheMiddleware:
    """After authentication, CSRF and the locale (so that the language is the page's), before the
    views. Turned off where ``PAGE_CACHE_SECONDS`` is 0."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _seconds() or not _may_serve_from_cache(request):
            return self.get_response(request)
        token = generation()
        key = _key(request, token)
        kept = _cache().get(key)
        if kept is not None:
            response = HttpResponse(b"" if request.method == "HEAD" else kept["content"])
            for name, value in kept["headers"]:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
            _cache().set(key, {"content": response.content, "headers": headers}, _seconds())
            response[HEADER] = "miss"
        return response
