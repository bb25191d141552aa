"""Forwarding statements to an external LRS: retries with backoff against a failing local server."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from xapi.api import statement_store, statements_store
from xapi.models import ForwardItem, ForwardTarget
from xapi.tasks import forward_all_pending, forward_pending

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
                status = 503 if failing else outer.final_status
                outer.requests[-1]["status"] = status
                self.send_response(status)
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

    def accepted(self) -> list[dict]:
        """The statements the LRS took, in the order it took them."""
        return [s for r in self.requests if r["status"] < 300 for s in r["body"]]

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


def test_forwarding_gives_up_after_max_retries_without_losing_the_statements():
    with FlakyLRS(failures=100) as lrs:
        target = ForwardTarget.objects.create(name="Down", endpoint=lrs.url)
        stored, _created = statement_store(statement=statement())  # no commit in the test: nothing sent yet
        result = forward_pending.apply(args=[str(target.pk)])
    assert result.failed()
    assert len(lrs.requests) == forward_pending.max_retries + 1
    # Still queued: the next statement's sender, or forward_all_pending, carries it.
    assert list(ForwardItem.objects.values_list("statement_id", flat=True)) == [stored.pk]
    with FlakyLRS(failures=0) as lrs:
        ForwardTarget.objects.filter(pk=target.pk).update(endpoint=lrs.url)
        forward_all_pending.apply()
    assert [s["id"] for s in lrs.accepted()] == [str(stored.statement_id)]
    assert not ForwardItem.objects.exists()


def test_a_refused_batch_is_sent_one_by_one_and_only_the_refused_statements_are_dropped():
    with FlakyLRS(failures=0, final_status=400) as lrs:
        target = ForwardTarget.objects.create(name="Strict", endpoint=lrs.url)
        statements_store(statements=[statement(), statement()])
        assert forward_pending.apply(args=[str(target.pk)]).get() == 2
    assert [len(r["body"]) for r in lrs.requests] == [2, 1, 1]
    assert not ForwardItem.objects.exists()


def test_statements_stored_while_the_lrs_is_down_arrive_in_order(django_capture_on_commit_callbacks):
    """Each learner's statements reach the external LRS in the order they were stored, the
    failed batch first, however the retries fall."""
    learners = [statement()["actor"] | {"mbox": f"mailto:l{n}@example.org"} for n in range(3)]
    sent = []
    with FlakyLRS(failures=4) as lrs:
        ForwardTarget.objects.create(name="Regional LRS", endpoint=lrs.url)
        for _round in range(3):
            batch = [statement(actor=learner) for learner in learners]
            sent += [s["id"] for s in batch]
            with django_capture_on_commit_callbacks(execute=True):
                statements_store(statements=batch)
    accepted = [s["id"] for s in lrs.accepted()]
    assert sorted(accepted) == sorted(sent) and len(accepted) == len(set(accepted))
    for learner in learners:
        mine = [s["id"] for s in lrs.accepted() if s["actor"]["mbox"] == learner["mbox"]]
        assert mine == [i for i in sent if i in set(mine)]
    assert accepted == sent
    assert not ForwardItem.objects.exists()


def test_the_settings_target_is_used(settings, django_capture_on_commit_callbacks):
    with FlakyLRS(failures=1) as lrs:
        settings.XAPI_FORWARD_ENDPOINT = lrs.url
        settings.XAPI_FORWARD_USERNAME = ""
        with django_capture_on_commit_callbacks(execute=True):
            statement_store(statement=statement())
    assert len(lrs.requests) == 2
    assert lrs.requests[-1]["authorization"] is None


def test_a_deleted_target_leaves_no_queue():
    target = ForwardTarget.objects.create(name="Gone", endpoint="http://127.0.0.1:9/xapi/")
    statement_store(statement=statement())
    assert ForwardItem.objects.filter(target=str(target.pk)).count() == 1
    pk = target.pk
    target.delete()
    result = forward_pending.apply(args=[str(pk)])
    assert result.successful(), result.traceback
    assert not ForwardItem.objects.exists()


def test_nothing_is_queued_or_sent_without_a_target(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        statement_store(statement=statement())
    assert callbacks == []
    assert not ForwardItem.objects.exists()


def test_beat_schedule_sends_what_is_still_queued():
    from django.conf import settings

    from lms.celery import app

    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "xapi.tasks.forward_all_pending")
    assert entry["schedule"] == settings.XAPI_FORWARD_SWEEP_MINUTES * 60
    assert "xapi.tasks.forward_all_pending" in app.tasks
    # The monitoring refresh is still scheduled next to it.
    assert any(e["task"] == "monitoring.tasks.facts_refresh" for e in settings.CELERY_BEAT_SCHEDULE.values())
