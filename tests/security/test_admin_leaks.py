"""The admin explorer and page chooser never list another state's state-tier titles to an editor."""

import pytest
from django.test import RequestFactory
from wagtail import hooks
from wagtail.models import Page

from accounts.api import Audience
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def _listed(user, hook_name):
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = Page.objects.all()
    for hook in hooks.get_hooks(hook_name):
        if hook_name == "construct_explorer_page_queryset":
            pages = hook(Page.get_first_root_node(), pages, request)
        else:
            pages = hook(pages, request)
    return set(pages.values_list("title", flat=True))


@pytest.mark.parametrize("hook_name", ["construct_explorer_page_queryset", "construct_page_chooser_queryset"])
def test_other_states_state_tier_titles_are_left_out(site_frame, hook_name):
    mx, co = f.state("MX"), f.state("CO")
    CoursePageFactory(state=co, audience=Audience.STATE, title="Colombian internal protocol")
    CoursePageFactory(state=co, audience=Audience.LAW_ENFORCEMENT, title="Colombian shared course")
    CoursePageFactory(state=co, audience=Audience.PUBLIC, title="Colombian public course")

    titles = _listed(f.editor(mx), hook_name)
    assert "Colombian internal protocol" not in titles

    assert "Colombian internal protocol" in _listed(f.editor(co), hook_name)
