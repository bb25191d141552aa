"""Forwarding statements to an external LRS: retries with backoff against a failing local server."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from xapi.api import statement_store, statements_store
from xapi.models import ForwardTarget, Statement
from xapi.tasks import forward_statements

from .factories import statement

pytestmark = pytest.mark.django_db


class FlakyLRS:
    """A threaded http.server on 127.0.0.1 that answers 503 the first ``failures`` times, then 200."""

    def __init__(self, failures: int, final_status: int = 200):
        self.failures = failures
        self.final_status = final_status
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append(
                    {
                        "path": self.path,
                        "version": self.headers.get("X-Experience-API-Version"),
                        "authorization": self.headers.get("Authorization"),
                        "body": json.loads(body),
                    }
                )
                failing = len(outer.requests) <= outer.failures
                self.send_response(503 if failing else outer.final_status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"[]")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _forwarding_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _eager_retries(monkeypatch):
    """Eager tasks retry in place (countdowns skipped) only when their errors are not propagated."""
    from lms.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


def test_statements_are_forwarded_after_commit_with_retries(django_capture_on_commit_callbacks):
    with FlakyLRS(failures=3) as lrs:
        ForwardTarget.objects.create(name="Regional LRS", endpoint=lrs.url, username="cap", password="s3cret")
        batch = [statement(), statement()]
        with django_capture_on_commit_callbacks(execute=True):
            statements_store(statements=batch)
    assert len(lrs.requests) == 4  # three 503s, then accepted
    delivered = lrs.requests[-1]
    assert delivered["path"] == "/xapi/statements"
    assert delivered["version"] == "1.0.3"
    assert delivered["authorization"] == "Basic " + base64.b64encode(b"cap:s3cret").decode()
    assert {s["id"] for s in delivered["body"]} == {s["id"] for s in batch}
    assert all(s["authority"] for s in delivered["body"])


def test_forwarding_gives_up_after_max_retries_without_losing_the_statements(django_capture_on_commit_callbacks):
    with FlakyLRS(failures=100) as lrs:
        target = ForwardTarget.objects.create(name="Down", endpoint=lrs.url)
        stored, _created = statement_store(statement=statement())
        result = forward_statements.apply(args=[str(target.pk), [stored.pk]])
    assert result.failed()
    assert len(lrs.requests) == forward_statements.max_retries + 1
    assert Statement.objects.filter(pk=stored.pk).exists()


def test_a_refusal_that_retrying_cannot_fix_is_not_retried():
    with FlakyLRS(failures=0, final_status=400) as lrs:
        target = ForwardTarget.objects.create(name="Strict", endpoint=lrs.url)
        stored, _created = statement_store(statement=statement())
        result = forward_statements.apply(args=[str(target.pk), [stored.pk]])
    assert result.get() == 0
    assert len(lrs.requests) == 1


def test_the_settings_target_is_used(settings, django_capture_on_commit_callbacks):
    with FlakyLRS(failures=1) as lrs:
        settings.XAPI_FORWARD_ENDPOINT = lrs.url
        settings.XAPI_FORWARD_USERNAME = ""
        with django_capture_on_commit_callbacks(execute=True):
            statement_store(statement=statement())
    assert len(lrs.requests) == 2
    assert lrs.requests[-1]["authorization"] is None


def test_nothing_is_sent_without_a_target(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        statement_store(statement=statement())
    assert callbacks == []
