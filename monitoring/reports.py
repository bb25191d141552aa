"""The periodic report: a PDF of a semester's dashboard (charts and tables) in the reader's language,
built by a Celery task that records its progress on the ``Report``."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import selectors
from .models import Report
from .periods import Period
from .services import report_progress
from .views_support import charts_for

log = logging.getLogger(__name__)


def build(report_id: int) -> Report | None:
    report = Report.objects.select_related("state").filter(pk=report_id).first()
    if report is None or report.status == Report.Status.DONE:
        return report
    try:
        with translation.override(report.language):
            report_progress(report, progress=10, step=_("Reading the figures"))
            period = Period.parse(report.period)
            if report.state_id:
                dashboards = [selectors.state_dashboard(report.state, period, owner=not report.protected)]
            else:
                dashboard = selectors.hemisphere_dashboard(period)
                dashboards = [dashboard]
            report_progress(report, progress=40, step=_("Drawing the charts"))
            sections = [{"dashboard": d, "charts": charts_for(d)} for d in dashboards]
            html = render_to_string(
                "monitoring/report_pdf.html",
                {"report": report, "sections": sections, "period": period, "generated_at": timezone.now()},
            )
            report_progress(report, progress=70, step=_("Writing the PDF"))
            from weasyprint import HTML

            pdf = HTML(string=html).write_pdf()
            scope = report.state.code if report.state_id else "hemisphere"
            report.file.save(f"capacitas-{scope}-{report.period}-{report.language}.pdf", ContentFile(pdf), save=False)
            report.status, report.progress, report.step = Report.Status.DONE, 100, ""
            report.finished_at = timezone.now()
            report.save(update_fields=["file", "status", "progress", "step", "finished_at"])
    except Exception as error:  # the page must say it failed rather than spin for ever
        log.exception("monitoring report %s failed", report_id)
        Report.objects.filter(pk=report_id).update(status=Report.Status.FAILED, error=str(error)[:2000])
        report.status = Report.Status.FAILED
    return report
