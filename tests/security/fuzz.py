"""The parts of the endpoint fuzzer (test_fuzz_forms.py): a small world with something on every
page, the people who visit it, a crawl that finds every form they are shown, hostile values, and a
snapshot of what the database wrote.

Everything is read from the running site: the routes from the resolver, the forms and their
fields from the pages each role is shown. A new view or a new form field is fuzzed without
editing these files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation
from hypothesis import strategies as st

ROLES = ("anonymous", "officer", "manager", "editor", "coordinator", "secretariat")
LANGUAGE = "en"
#: Requests to these never show a form of the platform and never hold one (files, feeds, the sitemap).
NOT_FORMS = re.compile(r"\.(pdf|ics|json|xml|js|css|png|jpg|svg|woff2?)$")
#: Tables that record visits, not changes: the signed-in session, and Wagtail's note of who has a
#: page's edit form open (written by every GET of the form, for its concurrent-editing warning).
VISIT_TABLES = {"django_session", "wagtailadmin_editingsession"}


# --- Routes -------------------------------------------------------------------------------------


def _walk(patterns, prefix=""):
    for item in patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            yield from _walk(item.url_patterns, route)
        elif isinstance(item, URLPattern):
            yield route


def routes() -> list[str]:
    """Every route outside the Wagtail admin, in one language (the others are the same views)."""
    found = set()
    for route in _walk(get_resolver().url_patterns):
        route = route.replace("^", "")
        if route.startswith("admin/"):
            continue
        if route.startswith("en/"):
            route = LANGUAGE + "/" + route[3:]
        found.add(route)
    return sorted(found)


def admin_pages() -> list[str]:
    """The Wagtail admin's addresses that take no parameter (its menu is drawn by script, so a
    crawl from the dashboard alone finds few of them), but for its deliberate 500 (``failwhale``)."""
    found = set()
    for route in _walk(get_resolver().url_patterns):
        route = route.replace("^", "").replace("$", "")
        if route.startswith("admin/") and not re.search(r"[<(*\\]|logout|delete|password_reset|failwhale", route):
            found.add("/" + route)
    return sorted(found)


PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\([^)]*\)")


def fill(route: str, value: str) -> str:
    """A path for a route with every parameter replaced by ``value`` (regex routes included)."""
    path = PLACEHOLDER.sub(value, route)
    path = "/" + path.replace("\\", "").replace("/?", "/").replace("^", "").replace("$", "")
    if route_of(path) != route and "(" in route:
        # Nested groups (Wagtail's page path): the value as the first path segment.
        path = "/" + route.split("(")[0] + (f"{value}/" if value else "")
    return path


def route_of(path: str) -> str | None:
    try:
        with translation.override(LANGUAGE):
            match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    route = match.route.replace("^", "")
    if route.startswith(("en/", "es/", "pt/", "fr/")):
        route = LANGUAGE + "/" + route[3:]
    return route


# --- Forms on pages -----------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> input type
    files: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple:
        return (self.action, self.method, tuple(sorted(self.fields)), tuple(sorted(self.files)))


class _Page(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: set[str] = set()
        self.forms: list[Form] = []
        self._form: Form | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.add(urljoin(self.url, attrs["href"]))
        elif tag == "form":
            action = urljoin(self.url, attrs.get("action") or self.url)
            self._form = Form(action=action, method=(attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            kind = attrs.get("type", tag).lower() if tag == "input" else tag
            if kind == "file":
                self._form.files.add(attrs["name"])
            else:
                self._form.fields[attrs["name"]] = kind

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _local(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Crawl:
    pages: list[str]
    forms: list[Form]
    errors: dict[str, int]  # path -> status of every page that answered with a server error


def crawl(client: Client, seeds: list[str], *, limit: int = 120, per_route: int = 3, area: str | None = None) -> Crawl:
    """Visit the site as ``client`` from ``seeds``, following links: the pages seen, their forms
    and the pages that failed. At most ``per_route`` pages of one route are visited (the forms of
    one view are the same on every object it shows). ``area`` is the path prefix the crawl stays
    in: the site in LANGUAGE by default, or ``/admin/``."""
    area = area or f"/{LANGUAGE}/"
    elsewhere = ("/h5p/files/", "/documents/") + (() if area == "/admin/" else ("/admin/",))
    errors: dict[str, int] = {}
    visits: dict[str | None, int] = {}
    queue = list(dict.fromkeys(seeds))
    seen: set[str] = set()
    pages: list[str] = []
    forms: dict[tuple, Form] = {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        base = urlsplit(path).path
        if base.startswith(elsewhere) or NOT_FORMS.search(base):
            continue
        if "logout" in base or "/delete/" in base or "/unpublish/" in base:
            continue
        route = route_of(path)
        visits[route] = visits.get(route, 0) + 1
        if visits[route] > per_route and route != f"{LANGUAGE}/((?:[\\w\\-]+/)*)$":
            continue
        response = client.get(path)
        if response.status_code >= 500:
            errors[path] = response.status_code
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages.append(path)
        parser = _Page("http://testserver" + path)
        parser.feed(response.content.decode("utf-8", "replace"))
        for form in parser.forms:
            action = _local(form.action)
            if action is None or action.startswith("/admin/") != (area == "/admin/"):
                continue
            form.action = action
            forms.setdefault(form.key, form)
        for link in sorted(parser.links):
            local = _local(link)
            if local and local not in seen and urlsplit(local).path.startswith(area):
                queue.append(local)
    return Crawl(pages, list(forms.values()), errors)


# --- Hostile values -----------------------------------------------------------------------------

HUGE_TEXT = "x" * 200_000
CSV_FIELD = '"' + "a" * 140_000 + '"'
DEEP_JSON = "[" * 10_000 + "]" * 10_000
HOSTILE_TEXT = [
    "\x00",
    "a\x00b",
    "\ud800",  # sent as the bytes of a lone surrogate (ED A0 80), which is not UTF-8
    "\\ud800",  # and as the JSON escape, for fields that carry JSON
    '{"blocks": [{"text": "\\ud800\\u0000"}]}',
    DEEP_JSON,
    '{"a":' * 10_000 + "1" + "}" * 10_000,
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    str(2**63),
    str(2**64),
    "-" + str(2**63),
    "99999999999999999999",
    "1e3",
    "٣",
    "-1",
    "0",
    "",
    " ",
    "9999-12-31T23:59:59+99:00",
    "2026-02-30",
    "../../etc/passwd",
    HUGE_TEXT,
    CSV_FIELD,
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
)
#: Every value a request carries is checked by one rule (lms.middleware): NUL, and lone surrogates.
poison = st.sampled_from(["\x00", "a\x00b", "\x00" + CSV_FIELD])
HOSTILE_JSON = [
    '{"value": 1e999}',
    '{"value": NaN}',
    '{"text": "\\ud800"}',
    '{"text": "\\u0000"}',
    DEEP_JSON,
    '{"id": 99999999999999999999}',
    '{"id": ' + "9" * 5000 + "}",
    "not json",
    "",
    '{"id": "' + "a" * 200_000 + '"}',
    "\xff\xfe",
]
HOSTILE_FILES = [
    b"email\n" + CSV_FIELD.encode() + b"\n",
    b"email\nsomeone@example.org\x00\n",
    b"\xff\xfe\x00bad",
    b"email\n" + b"a@example.org\n" * 20_000,
    DEEP_JSON.encode(),
    b"%PDF-1.4\n" + b"\x00" * 100,
    b"",
]
CONTENT_TYPES = ["application/json", "text/plain", "multipart/form-data", "application/xml", "text/csv"]


def _encode(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def urlencoded(data: dict[str, str]) -> bytes:
    """An ``application/x-www-form-urlencoded`` body, lone surrogates sent as their raw bytes (the
    test client refuses to encode them; a browser or a script need not)."""
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in data.items()).encode("ascii")


def query(path: str, data: dict[str, str]) -> str:
    return f"{path.split('?')[0]}?{urlencoded(data).decode()}" if data else path


# --- What the database wrote --------------------------------------------------------------------


def writes() -> dict[str, tuple[int, int, int]]:
    """Rows inserted, updated and deleted in this transaction, per table (PostgreSQL's counters,
    which count writes rolled back in a savepoint too: a half-written record shows)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables")
        return {name: (ins, upd, dele) for name, ins, upd, dele in cursor.fetchall() if name not in VISIT_TABLES}


def written(before: dict, after: dict) -> dict:
    return {name: (before.get(name), counts) for name, counts in after.items() if before.get(name, (0, 0, 0)) != counts}
