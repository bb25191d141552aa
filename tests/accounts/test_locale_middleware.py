"""Machine interfaces keep their 404s; people's pages without a prefix still go to their language."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/h5p/no-such-file/", "/api/search/no-such-endpoint/", "/verify/no/such/code/"])
def test_unprefixed_machine_paths_answer_404_not_a_redirect(client, path):
    response = client.get(path)
    assert response.status_code == 404


def test_a_page_without_prefix_is_redirected_to_the_language(client, site_frame):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/"
