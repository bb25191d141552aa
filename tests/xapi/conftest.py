"""Fixtures for xapi: an LRS client and an HTTP client that speaks xAPI with its credentials."""

import base64

import pytest
from django.test import Client

from .factories import lrs_client


def basic(key: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


@pytest.fixture
def credentials(db):
    client, secret = lrs_client()
    return client, secret


@pytest.fixture
def lrs(credentials):
    """A Django test client with the xAPI version header and the LRS client's Basic credentials."""
    client, secret = credentials
    return Client(HTTP_AUTHORIZATION=basic(client.key, secret), HTTP_X_EXPERIENCE_API_VERSION="1.0.3")
