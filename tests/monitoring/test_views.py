"""Scoping, protection seen from each side, exports read back, bad input, and query counts."""

import csv
import datetime
import html as html_lib
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from monitoring.models import Fact, FactRefresh
from tests.accounts.factories import UserFactory, coordinator, grant, official, secretariat, sign_in_with_mfa

Q1, Q2 = datetime.date(2026, 1, 1), datetime.date(2026, 4, 1)


def put(
    state, measure, value, *, quarter=Q1, discipline="police", level="basic", agency_kind="police", gender="female"
):
    Fact.objects.create(
        measure=measure,
        state=state,
        quarter=quarter,
        discipline=discipline,
        level=level,
        agency_kind=agency_kind,
        gender=gender,
        value=value,
    )


@pytest.fixture
def facts(two_states):
    """Mexico: 3 women and 40 men completed police courses in S1 2026 (6 h each), 12 who prefer not
    to say completed a forensic one. Colombia: 20 women, 25 men, 9 who prefer not to say."""
    mx, co = two_states
    put(mx, "completions", 3, gender="female")
    put(mx, "completion_hours", 18, gender="female")
    put(mx, "completions", 40, gender="male", quarter=Q2)
    put(mx, "completion_hours", 240, gender="male", quarter=Q2)
    put(mx, "completions", 12, gender="undisclosed", discipline="forensic")
    put(mx, "completion_hours", 72, gender="undisclosed", discipline="forensic")
    put(co, "completions", 20, gender="female")
    put(co, "completions", 25, gender="male")
    put(co, "completions", 9, gender="undisclosed")
    put(co, "courses_published", 2, gender="")
    FactRefresh.objects.create(finished_at=timezone.now(), rows=10)
    return mx, co


def url(name, **kwargs):
    return reverse(f"monitoring:{name}", kwargs=kwargs or None)


def cells(response, table_key, label):
    """The displayed cells of a row of a table on the page, by parsing the HTML table."""
    import re

    html = response.content.decode()
    start = html.index(f'id="table-{table_key}"')
    table = html[start : html.index("</table>", start)]
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        header = re.search(r"<th scope=\"row\">(.*?)</th>", row, re.S)
        if header and re.sub(r"<[^>]+>", "", header.group(1)).strip() == label:
            return [
                html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            ]
    raise AssertionError(f"no row {label}")


@pytest.mark.django_db
def test_who_sees_what(client, facts):
    mx, co = facts
    mx_coordinator = coordinator(mx)
    sign_in_with_mfa(client, mx_coordinator)
    assert client.get(url("state", code="MX") + "?period=2026-S1").status_code == 200
    assert client.get(url("state", code="CO") + "?period=2026-S1").status_code == 403
    assert client.get(url("hemisphere")).status_code == 403
    assert client.get(url("index")).url.endswith("/monitoring/state/MX/")

    sign_in_with_mfa(client, secretariat())
    assert client.get(url("state", code="MX") + "?period=2026-S1").status_code == 200
    assert client.get(url("state", code="CO") + "?period=2026-S1").status_code == 200
    assert client.get(url("hemisphere") + "?period=2026-S1").status_code == 200

    for user in (official(mx), UserFactory()):
        sign_in_with_mfa(client, user)
        for address in (url("state", code="MX"), url("hemisphere"), url("index"), url("reports")):
            assert client.get(address).status_code == 403, (user, address)
    editor = official(mx)
    grant(editor, Role.CURRICULUM_EDITOR, state=mx)
    sign_in_with_mfa(client, editor)
    assert client.get(url("state", code="MX")).status_code == 403
    client.logout()
    assert client.get(url("state", code="MX")).status_code == 403
    assert client.get(url("state", code="ZZ")).status_code == 404


@pytest.mark.django_db
def test_the_owner_sees_its_small_counts_and_the_secretariat_does_not(client, facts):
    mx, _co = facts
    sign_in_with_mfa(client, coordinator(mx))
    own = client.get(url("state", code="MX") + "?period=2026-S1")
    gender = cells(own, "by-gender", "Officials trained")
    assert gender[:4] == ["3", "40", "0", "12"] and gender[-1] == "55"
    assert "&lt;5" not in own.content.decode()

    sign_in_with_mfa(client, secretariat())
    outside = client.get(url("state", code="MX") + "?period=2026-S1")
    gender = cells(outside, "by-gender", "Officials trained")
    assert gender[0] == "<5"
    assert "3" not in gender[:1]
    # Hours follow the head count: 18 hours would give the three women away (3 x 6 h).
    hours = cells(outside, "by-gender", "Hours of training")
    assert hours[0] in ("x", "<5")
    hemisphere = client.get(url("hemisphere") + "?period=2026-S1&indicator=officials_trained&by=gender")
    mexico = cells(hemisphere, "states-officials_trained-gender", "Mexico")
    assert mexico[0] == "<5"
    # The same cells are hidden on both pages: Mexico's row is the hemisphere's row.
    assert [c for c in cells(outside, "by-gender", "Officials trained") if c in ("x", "<5")] == [
        c for c in mexico if c in ("x", "<5")
    ]


@pytest.mark.django_db
def test_csv_and_xlsx_exports_read_back_without_personal_data(client, facts):
    mx, _co = facts
    person = coordinator(mx, username="maria.lopez", email="maria.lopez@policia.gob.mx")
    sign_in_with_mfa(client, person)
    response = client.get(url("state", code="MX") + "?period=2026-S1&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="capacitas-mx-2026-S1.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Mexico"]
    officials = next(r for r in rows if r and r[0] == "Officials trained" and len(r) == 7)
    assert officials[1:] == ["3", "40", "0", "12", "0", "55"] or officials[-1] == "55"
    assert "maria" not in text.lower() and "@" not in text

    response = client.get(url("state", code="MX") + "?period=2026-S1&format=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = next(ws for ws in workbook.worksheets if ws["A1"].value and "gender" in ws["A1"].value)
    values = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["Officials trained"][0] == 3 and values["Officials trained"][-1] == 55
    everything = " ".join(str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    assert "maria" not in everything.lower() and "@" not in everything

    sign_in_with_mfa(client, secretariat())
    response = client.get(url("hemisphere") + "?period=2026-S1&by=gender&format=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    states_sheet = next(ws for ws in workbook.worksheets if ws["A1"].value and "by state" in ws["A1"].value)
    mexico = next(row for row in states_sheet.iter_rows(values_only=True) if row[0] == "Mexico")
    assert mexico[1] == "<5"
    response = client.get(url("hemisphere") + "?period=2026-S1&by=gender&format=csv")
    mexico = next(r for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) if r and r[0] == "Mexico")
    assert mexico[1] == "<5"


@pytest.mark.django_db
def test_bad_input_is_a_clear_400(client, facts):
    sign_in_with_mfa(client, secretariat())
    for query in ("?period=2026-S9", "?indicator=nope", "?by=height", "?kind=W"):
        response = client.get(url("hemisphere") + query)
        assert response.status_code == 400, query
        assert b"message-error" in response.content


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data(client, facts, django_assert_max_num_queries):
    mx, co = facts
    sign_in_with_mfa(client, secretariat())
    client.get(url("hemisphere") + "?period=2026-S1")  # warm the per-request caches
    with django_assert_max_num_queries(20) as small:
        client.get(url("hemisphere") + "?period=2026-S2&by=level")
    for n in range(60):
        put(
            mx if n % 2 else co,
            "completions",
            n + 1,
            gender=("female", "male", "another")[n % 3],
            level=("basic", "advanced")[n % 2],
        )
    FactRefresh.objects.create(finished_at=timezone.now(), rows=70)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("hemisphere") + "?period=2026-S2&by=level")
    sign_in_with_mfa(client, coordinator(mx))
    with django_assert_max_num_queries(20) as own:
        client.get(url("state", code="MX") + "?period=2026-S1")
    put(mx, "completions", 5, gender="another", quarter=Q2)
    with django_assert_max_num_queries(len(own.captured_queries)):
        client.get(url("state", code="MX") + "?period=2026-S1")


@pytest.mark.django_db
def test_only_the_secretariat_recomputes_and_only_by_post(client, facts):
    mx, _co = facts
    sign_in_with_mfa(client, coordinator(mx))
    assert client.post(url("refresh")).status_code == 403
    sign_in_with_mfa(client, secretariat())
    assert client.get(url("refresh")).status_code == 405
    before = FactRefresh.objects.count()
    assert client.post(url("refresh")).status_code == 302
    assert FactRefresh.objects.count() == before + 1
    assert not Fact.objects.filter(value=3).exists()  # rebuilt from the (empty) source records


@pytest.mark.django_db
def test_tables_are_protected_once_for_all_languages_and_before_the_first_reader(client, facts, monkeypatch):
    """The rebuild task protects the current tables; a dashboard in any language then only reads
    them, and shows the same cells hidden in every language."""
    from django.utils import translation

    from monitoring import selectors, suppression
    from monitoring.periods import Period

    audits = []
    real_protect = suppression.protect
    monkeypatch.setattr(suppression, "protect", lambda *a, **kw: audits.append(1) or real_protect(*a, **kw))
    assert selectors.protection_warm([Period.parse("2026-S1")]) > 0
    assert audits
    audits.clear()

    sign_in_with_mfa(client, secretariat())
    hidden = {}
    for language, label in [("en", "Officials trained"), ("es", "Funcionarios capacitados")]:
        with translation.override(language):
            page = client.get(url("state", code="MX") + "?period=2026-S1")
        assert page.status_code == 200
        hidden[language] = cells(page, "by-gender", label)
    assert audits == []
    assert hidden["en"] == hidden["es"] and hidden["en"][0] == "<5"
