"""A practice as a PDF (WeasyPrint), as curricula and agreements are printed."""

from __future__ import annotations

from django.template.loader import render_to_string


def practice_pdf(*, detail, base_url: str = "") -> bytes:
    from weasyprint import HTML

    html = render_to_string("practices/practice_pdf.html", {"detail": detail, "practice": detail.practice})
    return HTML(string=html, base_url=base_url or None).write_pdf()
