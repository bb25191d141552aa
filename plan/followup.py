"""The hemispheric follow-up report for the Committee on Hemispheric Security: the indicators'
progress (small counts protected), the coverage of curricula, and what the accepted state reports
say measure by measure; a PDF and an XLSX in the report's language, built by a Celery task."""

from __future__ import annotations

import io
import logging

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from monitoring.api import Period

from .models import FollowUpReport, ReportEntry, StateReport, WorkPlan
from .progress import coverage_table, progress

log = logging.getLogger(__name__)


def contents(period_key: str) -> dict:
    period = Period.parse(period_key)
    work_plan = WorkPlan.objects.filter(start_year__in=[period.year, period.year - 1]).first()
    start_year = work_plan.start_year if work_plan else period.year
    reports = list(
        StateReport.objects.filter(period=period.key, status=StateReport.Status.ACCEPTED)
        .select_related("state")
        .order_by("state__name_en")
    )
    entries = (
        ReportEntry.objects.filter(report__in=reports)
        .exclude(narrative="", obstacles="", needs="")
        .select_related("measure", "report__state")
        .order_by("measure__objective__order", "measure__order", "report__state__name_en")
    )
    by_measure: dict = {}
    for entry in entries:
        by_measure.setdefault(entry.measure, []).append(entry)
    return {
        "period": period,
        "work_plan": work_plan,
        "start_year": start_year,
        "progress": progress(start_year),
        "coverage": coverage_table(),
        "reports": reports,
        "by_measure": list(by_measure.items()),
        "generated_at": timezone.now(),
    }


def _xlsx(data: dict) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = _("About")[:31]
    about.append([_("Hemispheric follow-up report"), data["period"].label])
    about.append([_('"<5": a count from 1 to 4. "x": hidden so that a small count cannot be worked out.')])
    about.append([_("States whose report was accepted"), ", ".join(r.state.name for r in data["reports"])])
    about["A1"].font = Font(bold=True)
    tables = [item.table for item in data["progress"]] + [data["coverage"]]
    for n, table in enumerate(tables, start=1):
        sheet = workbook.create_sheet(f"{n} {table.key}"[:31])
        sheet.append([table.title])
        sheet.append([table.corner, *table.columns])
        for row in table.rows:
            sheet.append([row.label, *[cell.export_value for cell in row.cells]])
        sheet["A1"].font = Font(bold=True)
        sheet.column_dimensions["A"].width = 34
    narrative = workbook.create_sheet(_("State reports")[:31])
    narrative.append([_("Measure"), _("Member state"), _("What was done"), _("Obstacles"), _("Needs")])
    for measure, entries in data["by_measure"]:
        for entry in entries:
            narrative.append([measure.code, entry.report.state.name, entry.narrative, entry.obstacles, entry.needs])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build(report_id: int) -> FollowUpReport | None:
    report = FollowUpReport.objects.filter(pk=report_id).first()
    if report is None or report.status == FollowUpReport.Status.DONE:
        return report
    FollowUpReport.objects.filter(pk=report_id).update(status=FollowUpReport.Status.RUNNING)
    try:
        with translation.override(report.language):
            data = contents(report.period)
            from monitoring.api import bars

            charts = [{"table": item.table, "chart": bars(item.table)} for item in data["progress"]]
            html = render_to_string("plan/followup_pdf.html", {**data, "charts": charts, "report": report})
            from weasyprint import HTML

            pdf = HTML(string=html).write_pdf()
            stem = f"capacitas-follow-up-{report.period}-{report.language}"
            report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            report.xlsx.save(f"{stem}.xlsx", ContentFile(_xlsx(data)), save=False)
        report.status, report.finished_at = FollowUpReport.Status.DONE, timezone.now()
        report.save(update_fields=["pdf", "xlsx", "status", "finished_at"])
    except Exception as error:  # the page must say it failed rather than wait for ever
        log.exception("follow-up report %s failed", report_id)
        FollowUpReport.objects.filter(pk=report_id).update(status=FollowUpReport.Status.FAILED, error=str(error)[:2000])
        report.status = FollowUpReport.Status.FAILED
    return report
