"""A hostile course catalogue (manage.py import_catalog) is refused line by line with a reason,
changes nothing for the refused lines, and cannot fill the memory or crash the import.

Before, each line went to ``json.loads`` unchecked: a line nested thousands deep, ``1e999`` in
``hours``, ``"\\u0000"`` or a lone surrogate in a title, a title that is a number or a list, or an
undecodable byte ended the whole import with a traceback, and one endless line was read whole."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from courses.models import CoursePage
from search import importer
from search.importer import MAX_LINE_BYTES, file_lines, import_lines
from tests.accounts.factories import state
from tests.search.test_import import record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "line,fragment",
    [
        ("[" * 5000 + "]" * 5000, "nested"),
        (json.dumps(record(1, hours=5)).replace('"hours": 5', '"hours": 1e999'), "finite"),
        (json.dumps(record(1, title="\x00Use of force")), "NUL"),
        (json.dumps(record(1)).replace('"external_id": "ext-1"', '"external_id": "\\ud800"'), "surrogate"),
        (json.dumps(record(1, title=7)), "title"),
        (json.dumps(record(1, summary=["a"], level={"x": 1})), "summary, level"),
        (json.dumps(record(1, hours=[1])), "hours"),
        (json.dumps(record(1, topics=[{"slug": "x"}])), "topics"),
        (json.dumps(record(1, external_id=True)), "external_id"),
        (b'{"title": "\xff\xfe"}', "UTF-8"),
    ],
)
def test_a_hostile_line_is_refused_with_its_reason(site_frame, line, fragment):
    state("MX")
    report = import_lines([json.dumps(record(2)), line])
    assert [number for number, _reason in report.rejected] == [2]
    assert fragment in report.rejected[0][1]
    assert report.created == 1
    assert list(CoursePage.objects.values_list("external_id", flat=True)) == ["ext-2"]


def test_an_endless_line_is_read_in_bounded_pieces(site_frame):
    state("MX")
    endless = b'{"title": "' + b"a" * (3 * MAX_LINE_BYTES) + b'"}\n'
    data = io.BytesIO(endless + json.dumps(record(3)).encode() + b"\n")
    pieces = list(file_lines(data))
    assert len(pieces) == 2 and all(len(piece) <= MAX_LINE_BYTES + 1 for piece in pieces)
    report = import_lines(pieces)
    assert report.rejected[0][0] == 1 and "longer than" in report.rejected[0][1]
    assert report.created == 1


def test_a_file_with_too_many_lines_stops_at_the_limit(site_frame, monkeypatch):
    state("MX")
    monkeypatch.setattr(importer, "MAX_LINES", 2)
    report = import_lines([json.dumps(record(n)) for n in (4, 5, 6)])
    assert report.created == 2
    assert report.rejected == [(3, "the file has more than 2 lines; the rest was not read")]


def test_the_command_reports_hostile_lines_instead_of_crashing(site_frame, tmp_path, capsys):
    state("MX")
    path = tmp_path / "catalogue.jsonl"
    path.write_bytes(b"\xff\xfe not utf-8\n" + ("[" * 5000).encode() + b"\n" + json.dumps(record(7)).encode() + b"\n")
    call_command("import_catalog", str(path))
    captured = capsys.readouterr()
    assert "1 created, 0 updated, 2 rejected" in captured.out
    assert "line 1: rejected" in captured.err and "line 2: rejected" in captured.err
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\x00" * 10)
    with pytest.raises(CommandError):
        call_command("import_catalog", str(bad))
