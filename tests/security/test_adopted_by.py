"""The public "Adopted by" table of a curriculum lists only published adoptions: a state's draft
copy is its unpublished work, not a public fact."""

import pytest

from curricula.models import CurriculumPage
from curricula.services import state_workflow_ensure
from tests.accounts.factories import editor, sign_in_with_mfa, state
from tests.curricula.factories import curriculum

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(site_frame):
    mx, co = state("MX"), state("CO")
    for s in (mx, co):
        state_workflow_ensure(state=s)
    return mx, co


def _adopted_by(html: str) -> str:
    start = html.index('id="adoptions-heading"')
    return html[start : html.index("</section>", start)]


def test_a_draft_adoption_is_not_listed_until_it_is_published(states, client):
    mx, co = states
    source = curriculum(mx, language="en", title="Chain of custody", version_label="3.4")
    adopter = editor(co)
    sign_in_with_mfa(client, adopter)
    assert client.post(f"/en/curriculum/{source.pk}/adopt/").status_code == 302
    copy = CurriculumPage.objects.get(adopted_from__source_page=source)
    assert not copy.live
    client.logout()

    table = _adopted_by(client.get(source.url).content.decode())
    assert co.name not in table and "3.4" not in table

    copy.save_revision(user=adopter).publish()
    table = _adopted_by(client.get(source.url).content.decode())
    assert co.name in table and "3.4" in table
