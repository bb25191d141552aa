"""CSV and XLSX exports of a dashboard: every table of the page, as shown (protected cells as "<5"
or "x"), with no personal data: the tables are built from the fact table, which holds counts only."""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .selectors import Dashboard, Table


def _header(dashboard: Dashboard) -> list[list[str]]:
    lines = [[dashboard.title], [_("Period"), dashboard.period.label]]
    if dashboard.refreshed_at:
        lines.append([_("Figures as of"), dashboard.refreshed_at.strftime("%Y-%m-%d %H:%M UTC")])
    if dashboard.protected:
        lines.append([_('"<5": a count from 1 to 4. "x": hidden so that a small count cannot be worked out.')])
    return lines


def _table_lines(table: Table) -> list[list]:
    lines = [[table.title], [table.corner, *table.columns]]
    for row in table.rows:
        lines.append([row.label, *[cell.export_value for cell in row.cells]])
    return lines


def to_csv(dashboard: Dashboard) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _header(dashboard):
        writer.writerow(line)
    for table in dashboard.tables:
        writer.writerow([])
        writer.writerows(_table_lines(table))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # a BOM, so that spreadsheets read UTF-8


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:28].strip() or "Sheet"
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name[:25]} {n}", n + 1
    used.add(candidate)
    return candidate


def to_xlsx(dashboard: Dashboard) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = _sheet_name(_("About"), set())
    used = {about.title}
    for line in _header(dashboard):
        about.append(line)
    about["A1"].font = Font(bold=True)
    for table in dashboard.tables:
        sheet = workbook.create_sheet(_sheet_name(table.title, used))
        for line in _table_lines(table):
            sheet.append(line)
        sheet["A1"].font = Font(bold=True)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 34
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
