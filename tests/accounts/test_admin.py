"""The Wagtail admin: editors work only in their state's tree; the secretariat manages states and
agencies (with their e-mail domains)."""

import pytest
from wagtail.models import Page

from accounts.models import Agency, AgencyDomain
from home.api import state_pages_ensure
from home.models import StandardPage
from tests.accounts import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def trees(site_frame):
    mx, co = f.state("MX"), f.state("CO")
    return mx, co, state_pages_ensure(state=mx)["en"], state_pages_ensure(state=co)["en"]


def _add(client, parent):
    return client.post(
        f"/admin/pages/add/home/standardpage/{parent.pk}/",
        {"title": "Guidance", "slug": "guidance", "body": "{}", "audience": "public", "action-submit": "1"},
    )


def test_editor_cannot_add_or_edit_pages_of_another_state(client, trees):
    mx, co, mx_page, co_page = trees
    editor = f.editor(mx)
    client.force_login(editor)

    assert client.get(f"/admin/pages/{co_page.pk}/add_subpage/").status_code in (302, 403)
    response = _add(client, co_page)
    assert response.status_code in (302, 403)
    assert not StandardPage.objects.child_of(co_page).exists()
    response = client.get(f"/admin/pages/{co_page.pk}/edit/")
    assert response.status_code in (302, 403)
    title = co_page.title
    client.post(f"/admin/pages/{co_page.pk}/edit/", {"title": "Hacked", "slug": co_page.slug, "state": co.pk})
    co_page.refresh_from_db()
    assert co_page.title == title
    assert Page.objects.get(pk=co_page.pk).get_latest_revision().content["title"] == title

    # In their own state's tree they may add a page.
    assert client.get(f"/admin/pages/{mx_page.pk}/add_subpage/").status_code == 200
    _add(client, mx_page)
    assert StandardPage.objects.child_of(mx_page).filter(title="Guidance").exists()


def test_editor_explorer_starts_at_their_state(client, trees):
    mx, co, mx_page, co_page = trees
    client.force_login(f.editor(mx))
    listing = client.get(f"/admin/pages/{mx_page.get_parent().pk}/").content.decode()
    assert f"/admin/pages/{mx_page.pk}/" in listing
    assert f"/admin/pages/{co_page.pk}/" not in listing


def test_secretariat_manages_agencies_with_their_domains(client, trees):
    mx = trees[0]
    f.sign_in_with_mfa(client, f.secretariat())
    listing = client.get("/admin/snippets/accounts/agency/")
    assert listing.status_code == 200, listing.status_code
    response = client.post(
        "/admin/snippets/accounts/agency/add/",
        {
            "state": mx.pk,
            "name": "Policía Cibernética",
            "kind": "police",
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "0",
            "domains-MIN_NUM_FORMS": "0",
            "domains-MAX_NUM_FORMS": "1000",
            "domains-0-domain": "ciber.mx.example",
            "domains-0-id": "",
            "domains-0-ORDER": "1",
            "domains-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agency = Agency.objects.get(name="Policía Cibernética")
    assert list(AgencyDomain.objects.filter(agency=agency).values_list("domain", flat=True)) == ["ciber.mx.example"]


def test_editors_do_not_see_states_and_agencies(client, trees):
    client.force_login(f.editor(trees[0]))
    assert client.get("/admin/snippets/accounts/agency/").status_code in (302, 403)
    assert client.get("/admin/snippets/accounts/memberstate/").status_code in (302, 403)
