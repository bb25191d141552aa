"""Hostile values thrown at every route and every form of the site, as every kind of visitor:
never a 500, never a row written.

For each role (anonymous, an official, an agency manager, an editor, a coordinator and the
secretariat signed in with MFA, and an xAPI client with its key), the site is crawled once from
its menus and the pages of a small world; every form a page shows is recorded with the fields it
declares. Then, for every route of the resolver (outside the Wagtail admin, which
test_fuzz_admin.py crawls separately) and every URL that reached it in the crawl, hypothesis sends GETs with
hostile query strings and POSTs with hostile values in every declared field: NUL bytes, lone
surrogates (as raw bytes and as JSON escapes), JSON nested 10,000 deep, ``1e999``, integers
beyond 2**63, 200,000-character strings, CSV fields beyond 131,072 characters, hostile files and
wrong content types. PostgreSQL's per-transaction write counters must not move.

``FUZZ_EXAMPLES`` (default 5) bounds the examples per route and role; each (role, route) pair is
its own test, so ``pytest -n`` spreads them."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
ROLES = (*fuzz.ROLES, "xapi_client")
ROUTES = fuzz.routes()
#: Query keys the views read, besides the fields of their forms.
QUERY_KEYS = ["q", "page", "next", "state", "course", "run", "language", "agent", "activityId", "limit", "since"]
HOSTILE_IDS = ["99999999999999999999", str(2**63), "0", "x", "%00", "%ED%A0%80"]
# Every test here uses the database; a run of only some of them still needs it set up.
pytestmark = pytest.mark.django_db


@dataclass
class Visitor:
    role: str
    session_key: str | None
    headers: dict[str, str] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)
    forms: list[fuzz.Form] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def client(self) -> Client:
        client = Client(headers=self.headers, raise_request_exception=False)
        if self.session_key:
            client.cookies[django_settings.SESSION_COOKIE_NAME] = self.session_key
        return client


def _world(*, crawl: bool = True):
    """Two states' worth of content, so that every page has something on it and every form shows:
    courses with a lesson, a quiz and a cohort, a curriculum, an exchange with an agreement,
    pending enrolments and verification requests, a notification, a certificate and a report."""
    from accounts.models import Notification, VerificationRequest
    from courses.models import EnrolmentStatus, Pacing
    from home.api import home_pages_ensure
    from instructors.models import Stage
    from tests.accounts.factories import UserFactory, editor, official, secretariat, sign_in_with_mfa
    from tests.courses.factories import (
        CoursePageFactory,
        CourseRunFactory,
        EnrolmentFactory,
        LessonPageFactory,
        quiz_with_questions,
    )
    from tests.curricula.factories import curriculum
    from tests.instructors.conftest import build_world
    from tests.instructors.factories import OfferFactory, agreement
    from tests.xapi.factories import lrs_client

    home_pages_ensure()
    world = build_world()
    co, cl = world.host_state, world.home_state
    officer = official(agency=world.host_agency, username="fuzz-officer")
    people = {
        "officer": officer,
        "manager": world.host_manager,
        "editor": editor(co, username="fuzz-editor"),
        "coordinator": world.host_coordinator,
        "secretariat": secretariat(username="fuzz-secretariat"),
    }
    for state in (co, cl):
        course = CoursePageFactory(state=state, enrolment_policy="approval")
        LessonPageFactory(parent=course, quiz=quiz_with_questions())
        cohort = CoursePageFactory(state=state, pacing=Pacing.COHORT)
        CourseRunFactory(course=cohort)
        curriculum(state, title=f"Curriculum {state.code}")
        pending = official(agency=world.host_agency if state == co else world.home_agency)
        EnrolmentFactory(user=pending, course=course, status=EnrolmentStatus.PENDING)
        VerificationRequest.objects.create(
            user=UserFactory(), agency=world.host_agency if state == co else world.home_agency, message="Please"
        )
    mine = CoursePageFactory(state=co, title="Officer's course")
    LessonPageFactory(parent=mine)
    EnrolmentFactory(user=officer, course=mine)
    Notification.objects.create(user=officer, kind="test", subject="Hello", body="A notice", url="/en/")
    OfferFactory(agency=world.home_agency, created_by=world.home_manager, topics=world.topics)
    agreement(
        profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager, stage=Stage.PROPOSED
    )

    visitors = {"anonymous": Visitor("anonymous", None)}
    for role, user in people.items():
        client = Client()
        if role in ("manager", "coordinator", "secretariat"):
            sign_in_with_mfa(client, user)
        else:
            client.force_login(user)
        visitors[role] = Visitor(role, client.session.session_key)
    lrs, secret = lrs_client(name="Fuzz partner")
    token = base64.b64encode(f"{lrs.key}:{secret}".encode()).decode()
    visitors["xapi_client"] = Visitor(
        "xapi_client", None, headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
    )
    if not crawl:
        return visitors
    seeds = [fuzz.fill(route, "1") for route in ROUTES if "<" not in route and "(" not in route]
    seeds += [p.url for p in _live_pages()]
    for visitor in visitors.values():
        found = fuzz.crawl(visitor.client(), seeds, limit=150)
        visitor.pages, visitor.forms, visitor.errors = found.pages, found.forms, found.errors
    return visitors


def _live_pages():
    from wagtail.models import Page

    return [p for p in Page.objects.live().filter(depth__gt=1).specific() if p.url and p.url.startswith("/en/")]


@pytest.fixture(scope="module")
def visitors(django_db_setup, django_db_blocker):
    """The world and the crawl, once per module (and per xdist worker), inside a transaction rolled
    back at the end; each test runs in a savepoint within it."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield _world()
        transaction.set_rollback(True)


def test_the_crawl_finds_the_forms(visitors):
    """The fuzzer is only as good as what it reaches: each role is shown the forms of its work."""
    actions = {role: {fuzz.route_of(f.action) for f in v.forms if f.method == "post"} for role, v in visitors.items()}
    assert "en/accounts/login/" in actions["anonymous"] and "en/accounts/signup/" in actions["anonymous"]
    assert "en/learn/course/<id:course_id>/enrol/" in actions["officer"]
    assert "en/accounts/verification/request/" in actions["officer"] or "en/accounts/profile/" in actions["officer"]
    assert "en/learn/manage/enrol-csv/" in actions["manager"]
    assert "en/learn/manage/enrolment/<id:pk>/decide/" in actions["manager"]
    assert "en/accounts/verification/<id:pk>/decide/" in actions["coordinator"]
    assert "en/accounts/roles/" in actions["coordinator"]
    assert "en/exchange/requests/new/" in actions["manager"]
    assert len(visitors["secretariat"].pages) > 20
    assert not {role: v.errors for role, v in visitors.items() if v.errors}


def _candidates(visitor: Visitor, route: str) -> list[str]:
    reached = [p for p in visitor.pages if fuzz.route_of(p) == route]
    reached += [f.action for f in visitor.forms if fuzz.route_of(f.action) == route]
    if "<" in route or "(" in route:
        reached += [fuzz.fill(route, number) for number in HOSTILE_IDS]
    else:
        reached.append(fuzz.fill(route, ""))
    return sorted(set(reached))


def _fields(visitor: Visitor, route: str, method: str) -> tuple[list[str], list[str]]:
    names, files = set(), set()
    for form in visitor.forms:
        if form.method == method and fuzz.route_of(form.action) == route:
            names |= set(form.fields)
            files |= form.files
    names.discard("csrfmiddlewaretoken")
    return sorted(names), sorted(files)


def _request(client: Client, kind: str, url: str, values: dict, files: dict, body: str, content_type: str):
    if kind == "get":
        return client.get(fuzz.query(url, values))
    if kind == "form":
        return client.post(url, fuzz.urlencoded(values), content_type="application/x-www-form-urlencoded")
    if kind == "multipart":
        # The test client encodes multipart fields as UTF-8 and cannot send a lone surrogate.
        data = {k: v.replace("\ud800", "") for k, v in values.items()}
        data.update(files)
        return client.post(url, data)
    if kind == "json":
        return client.post(url, body.encode("utf-8", "surrogatepass"), content_type="application/json")
    return client.post(url, fuzz.urlencoded(values), content_type=content_type)


def _must_change_nothing(kind: str, url: str, *, real: bool, form_route: bool, poison_sent: bool) -> bool:
    """Whether this request is malformed for what it reaches, so that it must write nothing.

    A GET never writes. A URL whose ids name nothing (it was not reached in the crawl) has nothing
    to act on. A form carrying NUL in a field is refused whole. A JSON endpoint (one no page holds
    a form for) refuses every hostile document. What remains are POSTs to real objects whose form
    values were hostile but could be legitimate (a message of 200,000 characters), or which carry
    no value at all (closing a listing, marking notices read, starting a quiz): those act, and
    must only not fail."""
    if kind == "get" or not real or poison_sent:
        return True
    return kind == "json" and not form_route


CASES = [(role, route) for role in ROLES for route in ROUTES]


@pytest.mark.parametrize("role,route", CASES, ids=[f"{role}:{route}" for role, route in CASES])
def test_hostile_requests_change_nothing(visitors, role, route):
    visitor = visitors[role]
    urls = _candidates(visitor, route)
    get_names, _ = _fields(visitor, route, "get")
    post_names, file_names = _fields(visitor, route, "post")
    keys = sorted(set(get_names) | set(post_names) | set(QUERY_KEYS))
    reached = set(visitor.pages) | {f.action for f in visitor.forms}
    form_route = any(fuzz.route_of(f.action) == route for f in visitor.forms if f.method == "post")

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(
        url=st.sampled_from(urls),
        kind=st.sampled_from(["get", "form", "multipart", "json", "wrong_type"]),
        values=st.fixed_dictionaries(dict.fromkeys(post_names or keys[:4], fuzz.hostile_text)),
        poisoned=st.sampled_from(sorted(post_names or keys[:4])) | st.none(),
        query_values=st.dictionaries(st.sampled_from(keys), fuzz.hostile_text, max_size=3),
        files=st.fixed_dictionaries({name: st.sampled_from(fuzz.HOSTILE_FILES) for name in file_names}),
        body=st.sampled_from(fuzz.HOSTILE_JSON),
        content_type=st.sampled_from(fuzz.CONTENT_TYPES),
    )
    def attack(url, kind, values, poisoned, query_values, files, body, content_type):
        client = visitor.client()
        values = dict(values)
        if kind == "get":
            values = query_values
        elif poisoned:
            values[poisoned] = "\x00" + values[poisoned]
        uploads = {name: SimpleUploadedFile("staff.csv", data, "text/csv") for name, data in files.items()}
        with transaction.atomic():
            before = fuzz.writes()
            response = _request(client, kind, url, values, uploads, body, content_type)
            changed = fuzz.written(before, fuzz.writes())
            transaction.set_rollback(True)
        assert response.status_code < 500, (role, kind, url, response.status_code)
        poison_sent = bool(poisoned) and kind in ("form", "multipart")
        if poison_sent:
            # The LRS refuses in its own protocol (400, or 405 for a method a resource does not take).
            expected = range(400, 500) if url.startswith("/xapi/") else (400,)
            assert response.status_code in expected, (role, kind, url, response.status_code)
        if _must_change_nothing(kind, url, real=url in reached, form_route=form_route, poison_sent=poison_sent):
            assert not changed, (role, kind, url, sorted(values), changed)

    attack()
