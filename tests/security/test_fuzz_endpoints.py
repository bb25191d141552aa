"""Hostile ids, form values and JSON bodies thrown at every URL with a database id: never a 500,
never a row changed.

The URLs are read from the resolver (every pattern with an ``<id:...>`` converter, the one each app
uses for database ids), so a new view is covered without editing this file. Each example signs in
as a verified official of another state, who owns nothing the ids could name."""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.accounts.factories import MemberStateFactory, official

PROJECT_APPS = (
    "accounts",
    "home",
    "curricula",
    "courses",
    "h5p",
    "xapi",
    "instructors",
    "search",
    "monitoring",
    "plan",
)
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _routes(patterns, prefix=""):
    for item in patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            yield from _routes(item.url_patterns, route)
        elif isinstance(item, URLPattern) and "<id:" in route:
            yield "/" + route.lstrip("^")


ROUTES = sorted(set(_routes(get_resolver().url_patterns)))


def _url(route: str, number: str) -> str:
    return CONVERTER.sub(lambda m: number if m.group(1) == "id" else "x", route).replace("en/", "es/", 1)


def _row_counts() -> dict[str, int]:
    models = [m for app in PROJECT_APPS for m in apps.get_app_config(app).get_models()]
    return {m._meta.label: m._default_manager.count() for m in models}


printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
hostile_id = st.one_of(
    st.sampled_from(["99999999999999999999", str(2**63), str(2**63 - 1), "0", "-1", "1e3", "", "٣", "%00"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    printable,
)
json_body = st.sampled_from(
    [
        '{"value": 1e999}',
        '{"value": NaN}',
        '{"text": "\\ud800"}',
        "[" * 3000,
        '{"id": 99999999999999999999}',
        "not json",
        "",
        '{"id": "' + "a" * 200_000 + '"}',
    ]
)
form_keys = st.sampled_from(["id", "run", "state", "language", "action", "next", "page", "email", "q1", "reason"])


def test_routes_are_found():
    assert len(ROUTES) >= 25
    assert any("certificate" in r for r in ROUTES) and any("agreements" in r for r in ROUTES)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    route=st.sampled_from(ROUTES),
    number=st.sampled_from(["99999999999999999999", str(2**63), "1"]),
    data=st.dictionaries(form_keys, st.one_of(hostile_id, printable), max_size=4),
    body=json_body,
    kind=st.sampled_from(["get", "form", "json"]),
)
def test_hostile_requests_are_refused_without_changes(site_frame, client, route, number, data, body, kind):
    client.force_login(official(MemberStateFactory()))
    before = _row_counts()
    url = _url(route, number)
    if kind == "get":
        response = client.get(url, data)
    elif kind == "form":
        response = client.post(url, data)
    else:
        response = client.post(url, body, content_type="application/json")
    assert response.status_code < 500, (url, response.status_code)
    after = _row_counts()
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    # Signing in writes a session (django.contrib.sessions is not a project app) and nothing else.
    assert not changed, (url, changed)
