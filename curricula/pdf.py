"""A curriculum as a printable PDF (WeasyPrint), from the same template the site uses for print."""

from __future__ import annotations

from django.template.loader import render_to_string

from .models import CurriculumPage


def curriculum_pdf(*, page: CurriculumPage, base_url: str = "") -> bytes:
    from weasyprint import HTML

    html = render_to_string("curricula/curriculum_pdf.html", {"page": page, "modules": [b.value for b in page.modules]})
    return HTML(string=html, base_url=base_url or None).write_pdf()
