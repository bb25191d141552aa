"""The site frame can be rebuilt in a database that transactional tests have emptied (no root page)."""

import pytest
from wagtail.models import Page, Site


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", [1, 2])
def test_home_pages_ensure_after_a_flush(site_frame, run):
    assert set(site_frame) == {"en", "es", "pt", "fr"}
    assert Page.get_first_root_node() is not None
    assert Site.objects.get(is_default_site=True).root_page_id == site_frame["en"].pk
