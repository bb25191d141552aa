"""import_catalog and generate_catalog: idempotent by external_id, every bad line reported with its
number and reason, imported courses published and found by search."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search import api
from search.backends import set_backend
from search.backends.postgres import PostgresBackend
from search.catalog import generate
from search.documents import Provider, SearchDocument
from search.importer import import_lines
from search.registry import providers, register, unregister
from tests.accounts.factories import state


def course_documents(ids):
    """Used only while courses has no indexing module of its own."""
    from courses.models import CoursePage

    pages = CoursePage.objects.live().select_related("state", "locale")
    if ids is not None:
        pages = pages.filter(pk__in=list(ids))
    for page in pages:
        yield SearchDocument(
            kind="course",
            object_id=page.pk,
            title=page.title,
            url=page.url or "",
            language=page.locale.language_code,
            audience=page.audience,
            state_id=page.state_id,
            state_code=page.state.code,
            subregion=page.state.subregion,
            summary=page.summary,
            body=strip_tags(page.body),
            discipline=page.discipline,
            level=page.level,
            scope=page.scope,
            delivery=page.delivery,
            hours=float(page.estimated_hours),
            group_key=str(page.translation_key),
            published_at=page.last_published_at,
        )


@pytest.fixture
def course_index(db, site_frame):
    from courses.models import CoursePage

    own = "course" not in providers()
    if own:
        register(Provider(kind="course", label=_("Course"), model=CoursePage, documents=course_documents, is_page=True))
    set_backend(PostgresBackend())
    yield
    set_backend(None)
    if own:
        unregister("course")


def record(n: int, **changes) -> dict:
    base = next(iter(generate(1, seed=n)))
    base.update({"external_id": f"ext-{n}", "state": "MX", "language": "es", "audience": "public"}, **changes)
    return base


def lines(*records) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]


def test_import_is_idempotent_and_searchable(course_index, django_capture_on_commit_callbacks):
    from courses.models import CoursePage

    state("MX")
    state("BR")
    first = lines(
        record(1, title="Balística forense para peritos"),
        record(2, title="Perícia em local de crime", state="BR", language="pt"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = import_lines(first)
    assert (report.created, report.updated, report.rejected) == (2, 0, [])
    assert CoursePage.objects.filter(external_id__in=["ext-1", "ext-2"]).live().count() == 2
    assert [h.title for h in api.search("balistica", language="es").hits] == ["Balística forense para peritos"]
    assert api.search("pericia", language="pt").total == 1

    again = lines(
        record(1, title="Balística forense aplicada"),
        record(2, title="Perícia em local de crime", state="BR", language="pt"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = import_lines(again)
    assert (report.created, report.updated) == (0, 2)
    assert CoursePage.objects.filter(external_id="ext-1").count() == 1
    assert [h.title for h in api.search("balística", language="es").hits] == ["Balística forense aplicada"]


def test_bad_lines_are_reported_with_number_and_reason(course_index):
    from courses.models import CoursePage

    state("MX")
    report = import_lines(
        lines(
            record(1),
            "{not json",
            record(3, state="ZZ"),
            record(4, level="expert"),
            "",
            json.dumps({"external_id": "x"}),
            record(7, hours="many"),
            "[1, 2]",
        )
    )
    reasons = dict(report.rejected)
    assert report.created == 1
    assert sorted(reasons) == [2, 3, 4, 6, 7, 8]
    assert "JSON" in reasons[2]
    assert "ZZ" in reasons[3]
    assert "level" in reasons[4]
    assert "missing" in reasons[6]
    assert "hours" in reasons[7]
    assert CoursePage.objects.filter(external_id__in=["ext-3", "ext-4", "ext-7"]).count() == 0


def test_command_prints_the_report(course_index, tmp_path, capsys):
    state("MX")
    path = tmp_path / "catalogue.jsonl"
    path.write_text("\n".join(lines(record(1), record(2, discipline="astrology"))) + "\n", encoding="utf-8")
    call_command("import_catalog", str(path))
    captured = capsys.readouterr()
    assert "1 created, 0 updated, 1 rejected" in captured.out
    assert "line 2: rejected: discipline" in captured.err


def test_command_fails_when_nothing_imports(course_index, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("nonsense\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_catalog", str(path))


def test_generate_catalog_writes_valid_multilingual_lines(tmp_path):
    path = tmp_path / "generated.jsonl"
    call_command("generate_catalog", "--courses", "40", "--output", str(path))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 40
    assert {r["language"] for r in records} == {"en", "es", "pt", "fr"}
    assert len({r["external_id"] for r in records}) == 40
    assert all(len(r["body"].split()) >= 250 for r in records)


def test_import_maps_labels_in_four_languages_and_common_spellings(course_index, tmp_path):
    from courses.models import CoursePage

    state("MX")
    rows = [
        record(1, level="Especialización", discipline="Cross-cutting", delivery="self-paced", language="Español"),
        record(2, level="specialization", discipline="Transversal", delivery="À distance", language="fr"),
        record(3, level="Especialização", scope="Sous-régional", delivery="Presencial", language="Português"),
        record(4, level="Spécialisation", audience="Law-enforcement officials", delivery="hybrid", language="en-US"),
    ]
    path = tmp_path / "catalog.jsonl"
    path.write_text("\n".join(lines(*rows)), encoding="utf-8")
    from io import StringIO

    out = StringIO()
    call_command("import_catalog", str(path), stdout=out)
    output = out.getvalue()
    assert "4 created, 0 updated, 0 rejected" in output
    assert "line 1: mapped level: “Especialización” → specialisation" in output
    assert "line 1: mapped delivery: “self-paced” → online" in output
    assert "line 2: mapped level: “specialization” → specialisation" in output
    assert "line 3: mapped scope: “Sous-régional” → subregional" in output
    assert "line 4: mapped language: “en-US” → en" in output
    courses = list(CoursePage.objects.order_by("pk"))
    assert [c.level for c in courses] == ["specialisation"] * 4
    assert [c.locale.language_code for c in courses] == ["es", "fr", "pt", "en"]
    assert courses[0].discipline == "cross_cutting" and courses[0].delivery == "online"
    assert courses[2].delivery == "in_person" and courses[3].delivery == "blended"
    assert courses[3].audience == "law_enforcement"


def test_an_unknown_spelling_is_still_refused_with_the_field(course_index):
    state("MX")
    report = import_lines(lines(record(1, level="expert-ish")))
    assert report.created == 0 and report.rejected and "level" in report.rejected[0][1]
