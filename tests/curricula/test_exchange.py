"""JSON export and import: a round trip gives the same curriculum; a malformed file names the line
and the field, and creates nothing."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from curricula.exchange import ImportProblem, curriculum_export, curriculum_export_json, curriculum_import
from curricula.models import CurriculumPage
from tests.accounts.factories import editor
from tests.curricula.conftest import admin_login
from tests.curricula.factories import CompetencyFactory, TopicFactory, curriculum, module

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(states):
    mx, _co = states
    topic = TopicFactory(slug="chain-of-custody")
    return curriculum(
        mx,
        language="es",
        title="Cadena de custodia",
        discipline="forensic",
        level="advanced",
        total_hours=Decimal("20"),
        modules=[module("Escena", "12.5", topics=[topic], gender_perspective=True), module("Embalaje", "7.5")],
        competencies=[CompetencyFactory(code="FOR-01")],
    )


def without_slug(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    data["curriculum"].pop("slug")
    return data


def test_round_trip_gives_an_equal_curriculum(source):
    text = curriculum_export_json(source)
    source_data = curriculum_export(source)
    source.delete()  # as on another instance
    imported = curriculum_import(text=text)
    assert not imported.live
    assert curriculum_export(CurriculumPage.objects.get(pk=imported.pk)) == source_data


def test_import_into_another_state_keeps_everything_else(states, source):
    _mx, co = states
    imported = curriculum_import(text=curriculum_export_json(source), state=co)
    data = curriculum_export(imported)
    assert data["curriculum"]["state"] == "CO"
    data["curriculum"]["state"] = "MX"
    assert without_slug(data) == without_slug(curriculum_export(source))


def broken(source, change) -> str:
    data = curriculum_export(source)
    change(data["curriculum"])
    return json.dumps(data, ensure_ascii=False, indent=2)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_malformed_module_field_names_line_and_field(source):
    text = broken(source, lambda c: c["modules"][1].update(hours="seven"))
    before = CurriculumPage.objects.count()
    with pytest.raises(ImportProblem) as raised:
        curriculum_import(text=text)
    assert raised.value.field == "curriculum.modules.1.hours"
    assert raised.value.line == line_of(text, '"seven"')
    assert f"Line {raised.value.line}" in str(raised.value)
    assert CurriculumPage.objects.count() == before


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        (lambda c: c.update(discipline="astrology"), "curriculum.discipline", '"astrology"'),
        (lambda c: c.update(state="ZZ"), "curriculum.state", '"ZZ"'),
        (lambda c: c["modules"][0]["topics"].append("unknown-topic"), "curriculum.modules.0.topics.1", "unknown-topic"),
        (lambda c: c.update(competencies=["NOPE-1"]), "curriculum.competencies.0", "NOPE-1"),
        (lambda c: c["modules"][0].update(colour="red"), "curriculum.modules.0.colour", '"red"'),
    ],
)
def test_each_kind_of_problem_is_located(source, change, field, fragment):
    text = broken(source, change)
    with pytest.raises(ImportProblem) as raised:
        curriculum_import(text=text)
    assert raised.value.field == field
    assert raised.value.line == line_of(text, fragment)


def test_missing_field_and_broken_json(source):
    text = broken(source, lambda c: c["modules"][0].pop("title"))
    with pytest.raises(ImportProblem) as raised:
        curriculum_import(text=text)
    assert raised.value.field == "curriculum.modules.0.title"
    assert raised.value.line == line_of(text, '"modules"') + 1  # the module object that lacks it
    text = curriculum_export_json(source).replace('"level": "advanced",', '"level": "advanced"', 1)
    with pytest.raises(ImportProblem) as raised:
        curriculum_import(text=text)
    assert raised.value.line == line_of(text, '"level"') + 1


def test_management_command(source, tmp_path):
    path = tmp_path / "curriculum.json"
    path.write_text(curriculum_export_json(source), encoding="utf-8")
    out = StringIO()
    call_command("curriculum_import", str(path), "--state", "CO", stdout=out)
    assert CurriculumPage.objects.filter(state__code="CO", title="Cadena de custodia").count() == 1
    path.write_text(broken(source, lambda c: c.update(level="expert")), encoding="utf-8")
    with pytest.raises(CommandError, match="curriculum.level"):
        call_command("curriculum_import", str(path), stdout=out)
    assert CurriculumPage.objects.count() == 2


def test_admin_import_view(states, source, client):
    _mx, co = states
    admin_login(client, editor(co))
    url = reverse("curricula_admin:import")
    assert client.get(url).status_code == 200
    bad = broken(source, lambda c: c.update(total_hours=-3))
    response = client.post(url, {"text": bad, "state": co.pk})
    assert response.status_code == 400
    assert "curriculum.total_hours" in response.content.decode()
    assert CurriculumPage.objects.count() == 1
    response = client.post(url, {"text": curriculum_export_json(source), "state": co.pk})
    assert response.status_code == 302
    assert CurriculumPage.objects.filter(state=co).count() == 1
    # Another state's tree is refused.
    response = client.post(url, {"text": curriculum_export_json(source), "state": source.state_id})
    assert response.status_code == 400
    assert CurriculumPage.objects.count() == 2


def test_json_download_follows_the_audience(source, client):
    source.audience = "state"
    source.save_revision().publish()
    url = reverse("curricula:export_json", args=[source.pk])
    assert client.get(url).status_code == 404
    client.force_login(editor(source.state))
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["curriculum"]["title"] == "Cadena de custodia"
