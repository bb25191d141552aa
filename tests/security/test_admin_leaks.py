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


def test_an_editor_signed_in_does_not_meet_another_states_state_tier_titles(site_frame, client):
    from home.models import StandardPage
    from home.services import state_pages_ensure

    mx, co = f.state("MX"), f.state("CO")
    for s in (mx, co):
        # The real groups and page permissions: without them an editor is turned away from the admin.
        state_pages_ensure(state=s)
    CoursePageFactory(state=co, audience=Audience.STATE, title="Colombian internal protocol")
    CoursePageFactory(state=co, audience=Audience.PUBLIC, title="Colombian public course")
    state_pages_ensure(state=co)["en"].add_child(
        instance=StandardPage(title="Colombian internal note", audience=Audience.STATE)
    )
    reader = f.editor(mx)
    f.sign_in_with_mfa(client, reader)

    for url in ("/admin/pages/search/?q=Colombian", "/admin/choose-page/search/?q=Colombian"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Colombian internal protocol" not in html, url
        assert "Colombian internal note" not in html, url
    chooser = client.get("/admin/choose-page/search/?q=Colombian").content.decode()
    assert "Colombian public course" in chooser
    explorer = client.get(f"/admin/pages/{state_pages_ensure(state=co)['en'].pk}/")
    assert "Colombian internal protocol" not in explorer.content.decode()
    assert "Colombian internal note" not in explorer.content.decode()
