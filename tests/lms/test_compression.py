"""HTML responses are compressed for clients that accept gzip, and their CSRF token differs on every
response (Django masks it per request), which is why compressing HTML does not open BREACH
(docs/decisions/0034)."""

import gzip
import re

import pytest

pytestmark = pytest.mark.django_db


def _csrf_field(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_html_is_gzipped_and_its_csrf_token_is_masked_per_response(client):
    url = "/en/accounts/login/"
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first.status_code == 200 and first["Content-Type"].startswith("text/html")
    assert first["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first["Vary"]
    html = gzip.decompress(first.content).decode()
    second = gzip.decompress(client.get(url, HTTP_ACCEPT_ENCODING="gzip").content).decode()
    assert _csrf_field(html) != _csrf_field(second)
    assert len(first.content) < len(html) / 2


def test_clients_that_do_not_accept_gzip_get_plain_html(client):
    response = client.get("/en/accounts/login/")
    assert response.status_code == 200 and not response.has_header("Content-Encoding")
