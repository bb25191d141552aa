"""The certificate PDF: WeasyPrint from an HTML template, in the holder's language, with a QR code
that opens the public verification page."""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def verification_url(code: str) -> str:
    return f"{settings.SITE_BASE_URL.rstrip('/')}{reverse('certificate_verify', args=[code])}"


def qr_svg_data_uri(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def render_certificate_html(certificate) -> str:
    url = verification_url(certificate.code)
    with translation.override(certificate.language or "en"):
        return render_to_string(
            "courses/certificate_pdf.html",
            {
                "certificate": certificate,
                "issuer": certificate.issuer_state.name_in(certificate.language),
                "verify_url": url,
                "qr": qr_svg_data_uri(url),
                "LANGUAGE_CODE": certificate.language,
            },
        )


def render_certificate_pdf(certificate) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_certificate_html(certificate), base_url=str(settings.BASE_DIR)).write_pdf()
