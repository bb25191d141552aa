"""Hostile query strings and poisoned forms thrown at the Wagtail admin, as an editor, a
coordinator and the secretariat (with MFA): never a 500, never a row written.

The admin is crawled from its dashboard for each role (the world of test_fuzz_forms.py: pages,
courses, curricula and snippets of two states); every admin page reached gets GETs with hostile
query parameters (paging, ordering, search, filters), and every form found gets POSTs whose
declared fields carry hostile values with NUL in one of them, which must be refused whole.
``FUZZ_EXAMPLES`` (default 5) times 12 bounds the examples per role."""

from __future__ import annotations

import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import fuzz
from .test_fuzz_forms import _world

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
ROLES = ("editor", "coordinator", "secretariat")
ADMIN_QUERY_KEYS = ["p", "q", "ordering", "page", "locale", "id", "parent", "next", "content_type", "status", "owner"]
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def admin_visitors(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        visitors = _world(crawl=False)
        for role in ROLES:
            visitor = visitors[role]
            found = fuzz.crawl(
                visitor.client(), ["/admin/", *fuzz.admin_pages()], limit=100, per_route=2, area="/admin/"
            )
            visitor.pages, visitor.forms, visitor.errors = found.pages, found.forms, found.errors
        yield {role: visitors[role] for role in ROLES}
        transaction.set_rollback(True)


def test_the_admin_crawl_reaches_pages_and_forms_without_errors(admin_visitors):
    for role, visitor in admin_visitors.items():
        assert len(visitor.pages) > 10, role
        assert any(f.method == "post" for f in visitor.forms), role
        assert not visitor.errors, (role, visitor.errors)


@pytest.mark.parametrize("role", ROLES)
def test_hostile_admin_requests_change_nothing(admin_visitors, role):
    visitor = admin_visitors[role]
    forms = [f for f in visitor.forms if f.method == "post" and set(f.fields) - {"csrfmiddlewaretoken"}]
    targets = [("get", page, None) for page in visitor.pages] + [("post", f.action, f) for f in forms]

    @settings(max_examples=EXAMPLES * 12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(
        target=st.sampled_from(targets),
        query=st.dictionaries(st.sampled_from(ADMIN_QUERY_KEYS), fuzz.hostile_text, min_size=1, max_size=3),
        values=st.lists(fuzz.hostile_text, min_size=60, max_size=60),
        poisoned=st.integers(min_value=0, max_value=10_000),
    )
    def attack(target, query, values, poisoned):
        kind, url, form = target
        client = visitor.client()
        with transaction.atomic():
            before = fuzz.writes()
            if kind == "get":
                response = client.get(fuzz.query(url, query))
            else:
                names = sorted(n for n in form.fields if n != "csrfmiddlewaretoken")
                data = {name: values[i % len(values)] for i, name in enumerate(names)}
                poison = names[poisoned % len(names)]
                data[poison] = "\x00" + data[poison]
                response = client.post(url, fuzz.urlencoded(data), content_type="application/x-www-form-urlencoded")
            changed = fuzz.written(before, fuzz.writes())
            transaction.set_rollback(True)
        assert response.status_code < 500, (role, kind, url, response.status_code)
        if kind == "post":
            assert response.status_code == 400, (role, url, response.status_code)
        assert not changed, (role, kind, url, changed)

    attack()
