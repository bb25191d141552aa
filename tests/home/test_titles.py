"""Document titles: "<page> · Capacitas", and the home page is "Capacitas" alone, never twice."""

import re

import pytest

pytestmark = pytest.mark.django_db


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_home_page_title_is_not_doubled(client, site_frame, language):
    assert title(client.get(f"/{language}/")) == "Capacitas"


def test_other_pages_name_themselves_then_the_site(client, site_frame):
    assert title(client.get("/en/accounts/login/")).endswith(" · Capacitas")
    assert title(client.get("/en/accounts/login/")) != " · Capacitas"
    assert title(client.get("/en/no-such-page/")).endswith(" · Capacitas")
