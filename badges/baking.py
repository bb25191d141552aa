"""Baked badges (Open Badges 3.0, "Baked Badge"): the badge image with the signed credential inside.

A PNG carries the compact JWS in one uncompressed ``iTXt`` chunk with the keyword
``openbadgecredential``, placed right after ``IHDR``; an SVG carries it in the ``verify`` attribute
of one ``<openbadges:credential>`` element, first inside ``<svg>``. The image names the course, the
issuing state, the date and the hours, in the holder's language; like the credential, it names no
one. ``extract`` reads a credential back out of an uploaded image, which is hostile: sizes are
bounded, the PNG is walked chunk by chunk within its length, and the SVG is parsed by defusedxml."""

from __future__ import annotations

import io
import struct
import textwrap
import zlib
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.api import CertificateFacts

KEYWORD = b"openbadgecredential"
OB_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: A badge image is a few tens of kilobytes; an upload far above that is not one.
MAX_IMAGE_BYTES = 2 * 1024 * 1024
SIZE = 600
INK, PAPER, ACCENT = "#0b3d5c", "#ffffff", "#c8a24a"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


class NotBaked(ValueError):
    """The upload is not a PNG or SVG image that carries one credential."""


def _plural_count(value, language: str) -> int:
    """A count that picks the right plural form for a decimal ``value`` (gettext takes integers):
    by CLDR, French and Portuguese say "1,5 heure/hora" (integer part 0 or 1), English and Spanish
    "1.5 hours"."""
    whole = int(value)
    if value == whole:
        return whole
    return 1 if language in ("fr", "pt") and whole in (0, 1) else 2


def _layout(title: list[str], details: list[str]) -> list[tuple[int, str, str]]:
    """(y, style, text) of each line, the block centred on the badge: "t" title, "d" detail, "a" the
    platform's name."""
    height = 44 * len(title) + 16 + 36 * len(details)
    y = (SIZE - height) // 2 + 24
    rows = []
    for line in title:
        rows.append((y, "t", line))
        y += 44
    y += 16 - 6
    for index, line in enumerate(details):
        rows.append((y, "a" if index == len(details) - 1 else "d", line))
        y += 36
    return rows


def _lines(facts: CertificateFacts) -> tuple[list[str], list[str]]:
    """The title lines and the detail lines of the badge, in the holder's language."""
    with translation.override(facts.language):
        count = _plural_count(facts.hours, facts.language)
        details = [
            facts.issuer_state,
            formats.date_format(facts.issued_at, "DATE_FORMAT"),
            ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": formats.number_format(facts.hours)},
            settings.BADGES_ISSUER_NAME,
        ]
        title = textwrap.wrap(facts.course_title, 20)[:4] or [_("Course")]
    return title, [line for line in details if line]


# --- PNG ---------------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _font(path: str, size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.load_default(size)


def badge_png(facts: CertificateFacts) -> bytes:
    """The badge drawn as a PNG, without a credential."""
    from PIL import Image, ImageDraw

    title, details = _lines(facts)
    image = Image.new("RGB", (SIZE, SIZE), PAPER)
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, SIZE - 10, SIZE - 10), fill=INK)
    draw.ellipse((34, 34, SIZE - 34, SIZE - 34), outline=ACCENT, width=6)
    fonts = {"t": _font(FONT_BOLD, 34), "d": _font(FONT, 26), "a": _font(FONT, 26)}
    for y, style, line in _layout(title, details):
        draw.text((SIZE / 2, y), line, font=fonts[style], fill=ACCENT if style == "a" else PAPER, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def bake_png(png: bytes, token: str) -> bytes:
    """``png`` with the credential in one uncompressed iTXt chunk right after IHDR (any earlier
    credential chunk removed, so there is only ever one)."""
    chunks = list(_png_chunks(png))
    data = KEYWORD + b"\x00" + b"\x00\x00" + b"\x00" + b"\x00" + token.encode("utf-8")
    out = [PNG_SIGNATURE]
    for kind, body in chunks:
        if kind == b"iTXt" and body.split(b"\x00", 1)[0] == KEYWORD:
            continue
        out.append(_chunk(kind, body))
        if kind == b"IHDR":
            out.append(_chunk(b"iTXt", data))
    return b"".join(out)


def _png_chunks(png: bytes):
    """(type, data) of each chunk, within the file's bounds; ``NotBaked`` for anything else."""
    if not png.startswith(PNG_SIGNATURE):
        raise NotBaked("not a PNG")
    position = len(PNG_SIGNATURE)
    while position < len(png):
        if position + 12 > len(png):
            raise NotBaked("truncated chunk")
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        end = position + 12 + length
        if length > len(png) or end > len(png):
            raise NotBaked("chunk past the end")
        yield kind, png[position + 8 : position + 8 + length]
        position = end
        if kind == b"IEND":
            return
    raise NotBaked("no IEND")


def _png_credential(png: bytes) -> str:
    for kind, body in _png_chunks(png):
        if kind != b"iTXt":
            continue
        keyword, _, rest = body.partition(b"\x00")
        if keyword != KEYWORD:
            continue
        if len(rest) < 2 or rest[0] != 0:
            raise NotBaked("compressed or malformed credential chunk")
        # compression flag, method, language tag \0, translated keyword \0, text
        parts = rest[2:].split(b"\x00", 2)
        if len(parts) != 3:
            raise NotBaked("malformed credential chunk")
        try:
            return parts[2].decode("utf-8")
        except UnicodeDecodeError:
            raise NotBaked("credential is not UTF-8") from None
    raise NotBaked("no credential in the PNG")


# --- SVG ---------------------------------------------------------------------------------------------


def badge_svg(facts: CertificateFacts, token: str) -> bytes:
    """The badge as an SVG with the credential baked in."""
    title, details = _lines(facts)
    texts = [
        f'<text x="300" y="{y}" class="{style}">{escape(line)}</text>' for y, style, line in _layout(title, details)
    ]
    label = escape(" – ".join([facts.course_title, *details]))
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{OB_NAMESPACE}" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}" role="img" aria-labelledby="badge-title" lang="{escape(facts.language)}">'
        f'<openbadges:credential verify="{escape(token)}"></openbadges:credential>'
        f'<title id="badge-title">{label}</title>'
        "<style>text{font-family:'DejaVu Sans',Arial,sans-serif;text-anchor:middle;dominant-baseline:middle}"
        f".t{{font-size:34px;font-weight:bold;fill:{PAPER}}}.d{{font-size:26px;fill:{PAPER}}}"
        f".a{{font-size:26px;fill:{ACCENT}}}</style>"
        f'<circle cx="300" cy="300" r="290" fill="{INK}"/>'
        f'<circle cx="300" cy="300" r="263" fill="none" stroke="{ACCENT}" stroke-width="6"/>'
        + "".join(texts)
        + "</svg>\n"
    )
    return svg.encode("utf-8")


def _svg_credential(svg: bytes) -> str:
    try:
        root = SafeET.fromstring(svg, forbid_dtd=True)
    except (SafeET.ParseError, DefusedXmlException, ValueError):
        raise NotBaked("not well-formed SVG") from None
    if not isinstance(root, Element) or root.tag != "{http://www.w3.org/2000/svg}svg":
        raise NotBaked("not an SVG")
    found = root.findall(f".//{{{OB_NAMESPACE}}}credential")
    if len(found) != 1:
        raise NotBaked("no single credential element")
    element = found[0]
    value = element.get("verify") or (element.text or "")
    return value.strip()


def extract(upload: bytes) -> str:
    """The credential text baked into an uploaded PNG or SVG; ``NotBaked`` otherwise."""
    if len(upload) > MAX_IMAGE_BYTES:
        raise NotBaked("too large")
    if upload.startswith(PNG_SIGNATURE):
        return _png_credential(upload)
    head = upload[:512].lstrip()
    if head.startswith((b"<?xml", b"<svg", b"<!--")):
        return _svg_credential(upload)
    raise NotBaked("neither PNG nor SVG")
