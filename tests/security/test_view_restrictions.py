"""Who may read a live page follows its published revision, never a draft.

An editor saving a draft of a law-enforcement course with ``audience=public`` through the Wagtail
admin must not open the live page to anonymous readers; publishing is what changes it."""

from html.parser import HTMLParser

import pytest
from wagtail.models import PageViewRestriction

from accounts.api import Audience
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """The fields of the admin edit form as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "page-edit-form":
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def _edit_form(client, page) -> dict:
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    parser = _FormFields()
    parser.feed(response.content.decode())
    data = {k: v if len(v) != 1 else v[0] for k, v in parser.data.items()}
    data.pop("csrfmiddlewaretoken", None)
    return data


def _sign_in_editor(client, state):
    editor = f.editor(state)
    f.sign_in_with_mfa(client, editor)
    return editor


def test_a_draft_with_a_public_audience_keeps_the_live_course_restricted(client, site_frame):
    mx = f.state("MX")
    course = CoursePageFactory(state=mx, audience=Audience.LAW_ENFORCEMENT, title="Interview techniques")
    url = course.get_url()
    assert PageViewRestriction.objects.filter(page=course).exists()
    assert client.get(url).status_code == 302

    _sign_in_editor(client, mx)
    data = _edit_form(client, course)
    data["audience"] = Audience.PUBLIC
    response = client.post(f"/admin/pages/{course.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    course.refresh_from_db()
    assert course.has_unpublished_changes

    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert "Interview techniques" not in anonymous.content.decode()

    # Publishing the revision is what opens it.
    course.get_latest_revision().publish()
    assert not PageViewRestriction.objects.filter(page=course).exists()
    assert client.get(url).status_code == 200
