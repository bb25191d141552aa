"""Lesson video: checking uploads as hostile, reading their size and duration, and turning a
YouTube or Vimeo address into its privacy-enhanced player (docs/decisions/0023-lesson-video.md).

An upload is trusted for nothing it says about itself: its name and the browser's content type are
ignored, the container is recognised from its first bytes (an ISO base-media ``ftyp`` box for MP4,
an EBML header whose DocType is ``webm`` for WebM), its size is bounded, and the duration shown to
learners is read from the container (MP4 ``mvhd``; WebM ``Segment/Info/Duration``). Captions must be
UTF-8 WebVTT, posters PNG or JPEG.
"""

from __future__ import annotations

import re
import struct
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MP4 = "video/mp4"
WEBM = "video/webm"
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"M4V ", b"MSNV"}


def max_video_bytes() -> int:
    return int(getattr(settings, "COURSES_VIDEO_MAX_BYTES", 300 * 1024 * 1024))


def max_captions_bytes() -> int:
    return int(getattr(settings, "COURSES_CAPTIONS_MAX_BYTES", 512 * 1024))


def max_poster_bytes() -> int:
    return int(getattr(settings, "COURSES_POSTER_MAX_BYTES", 2 * 1024 * 1024))


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    return int(size)


def _read(upload, start: int, length: int) -> bytes:
    upload.seek(start)
    return upload.read(length)


def sniff_container(head: bytes) -> str | None:
    """``video/mp4``, ``video/webm`` or None, from the first bytes of a file."""
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return MP4
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"\x42\x82" in head[:64]:
        at = head.index(b"\x42\x82", 4)
        length, width = _ebml_size(head, at + 2)
        if width and head[at + 2 + width : at + 2 + width + length] == b"webm":
            return WEBM
    return None


def _ebml_size(data: bytes, at: int) -> tuple[int, int]:
    """An EBML variable-size integer at ``at``: (value, width); (0, 0) when malformed."""
    if at >= len(data):
        return 0, 0
    first = data[at]
    for width in range(1, 9):
        if first & (0x80 >> (width - 1)):
            value = first & (0xFF >> width)
            if at + width > len(data):
                return 0, 0
            for byte in data[at + 1 : at + width]:
                value = (value << 8) | byte
            return value, width
    return 0, 0


def _ebml_id(data: bytes, at: int) -> tuple[int, int]:
    if at >= len(data):
        return 0, 0
    first = data[at]
    for width in range(1, 5):
        if first & (0x80 >> (width - 1)):
            return int.from_bytes(data[at : at + width], "big"), width
    return 0, 0


def mp4_duration(upload, size: int) -> float | None:
    """Seconds from the ``moov/mvhd`` box, walking top-level boxes (bounded number of steps)."""
    at, steps = 0, 0
    while at + 8 <= size and steps < 10_000:
        steps += 1
        header = _read(upload, at, 16)
        if len(header) < 8:
            return None
        box_size, kind = struct.unpack(">I4s", header[:8])
        header_len = 8
        if box_size == 1 and len(header) >= 16:
            box_size, header_len = struct.unpack(">Q", header[8:16])[0], 16
        elif box_size == 0:
            box_size = size - at
        if box_size < header_len:
            return None
        if kind == b"moov":
            body = _read(upload, at + header_len, min(box_size - header_len, 1024 * 1024))
            return _mvhd_duration(body)
        at += box_size
    return None


def _mvhd_duration(moov: bytes) -> float | None:
    at = 0
    while at + 8 <= len(moov):
        box_size, kind = struct.unpack(">I4s", moov[at : at + 8])
        if box_size < 8:
            return None
        if kind == b"mvhd":
            body = moov[at + 8 : at + box_size]
            version = body[0] if body else 0
            try:
                if version == 1:
                    timescale, duration = struct.unpack(">IQ", body[20:32])
                else:
                    timescale, duration = struct.unpack(">II", body[12:20])
            except struct.error:
                return None
            return duration / timescale if timescale else None
        at += box_size
    return None


SEGMENT, INFO, TIMECODE_SCALE, DURATION = 0x18538067, 0x1549A966, 0x2AD7B1, 0x4489


def webm_duration(upload, size: int) -> float | None:
    """Seconds from ``Segment/Info/Duration`` (scaled by TimecodeScale), reading the first 64 KB."""
    data = _read(upload, 0, min(size, 64 * 1024))
    at = 0
    element, width = _ebml_id(data, at)
    length, lwidth = _ebml_size(data, at + width)
    at += width + lwidth + length  # skip the EBML header
    element, width = _ebml_id(data, at)
    if element != SEGMENT:
        return None
    _length, lwidth = _ebml_size(data, at + width)
    at += width + lwidth
    while at < len(data):
        element, width = _ebml_id(data, at)
        length, lwidth = _ebml_size(data, at + width)
        if not width or not lwidth:
            return None
        body_at = at + width + lwidth
        if element == INFO:
            return _webm_info_duration(data[body_at : body_at + length])
        at = body_at + length
    return None


def _webm_info_duration(info: bytes) -> float | None:
    at, scale, duration = 0, 1_000_000, None
    while at < len(info):
        element, width = _ebml_id(info, at)
        length, lwidth = _ebml_size(info, at + width)
        if not width or not lwidth:
            break
        body = info[at + width + lwidth : at + width + lwidth + length]
        if element == TIMECODE_SCALE:
            scale = int.from_bytes(body, "big") or scale
        elif element == DURATION and length in (4, 8):
            duration = struct.unpack(">f" if length == 4 else ">d", body)[0]
        at += width + lwidth + length
    return duration * scale / 1e9 if duration is not None else None


def inspect_video(upload) -> dict:
    """{"content_type", "size", "duration"} of an uploaded video, or a ValidationError."""
    size = _size(upload)
    if size > max_video_bytes():
        raise ValidationError(
            _("The video is too large (%(size)s MB; the limit is %(limit)s MB).")
            % {"size": round(size / 1e6, 1), "limit": round(max_video_bytes() / 1e6)},
            code="too_large",
        )
    kind = sniff_container(_read(upload, 0, 64))
    if kind is None:
        raise ValidationError(_("This file is not an MP4 or WebM video."), code="not_video")
    duration = mp4_duration(upload, size) if kind == MP4 else webm_duration(upload, size)
    upload.seek(0)
    return {"content_type": kind, "size": size, "duration": duration}


def inspect_captions(upload) -> str:
    """The text of a WebVTT file, or a ValidationError."""
    size = _size(upload)
    if size > max_captions_bytes():
        raise ValidationError(_("The captions file is too large."), code="too_large")
    raw = _read(upload, 0, size)
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Captions must be a UTF-8 WebVTT file."), code="not_vtt") from None
    if not re.match(r"WEBVTT(?:[ \t][^\n]*)?(?:\r?\n|$)", text) or "\x00" in text:
        raise ValidationError(_("Captions must be a UTF-8 WebVTT file."), code="not_vtt")
    return text


def inspect_poster(upload) -> str:
    """``image/png`` or ``image/jpeg``, or a ValidationError."""
    if _size(upload) > max_poster_bytes():
        raise ValidationError(_("The poster image is too large."), code="too_large")
    head = _read(upload, 0, 8)
    upload.seek(0)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    raise ValidationError(_("The poster must be a PNG or JPEG image."), code="not_image")


# --- Embeds -----------------------------------------------------------------------------------------

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def embed_hosts() -> list[str]:
    """The player hosts a secretariat allows (``COURSES_VIDEO_EMBED_HOSTS``); none by default."""
    return list(getattr(settings, "COURSES_VIDEO_EMBED_HOSTS", []))


def privacy_embed_url(url: str) -> str:
    """The privacy-enhanced player address of a YouTube or Vimeo video, or a ValidationError when
    the address is not one, or its player host is not allowed."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower()
    player = None
    if host in {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}:
        if host == "youtu.be":
            video_id = parts.path.strip("/")
        elif parts.path.startswith(("/embed/", "/shorts/")):
            video_id = parts.path.split("/")[2] if len(parts.path.split("/")) > 2 else ""
        else:
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        if YOUTUBE_ID.match(video_id or ""):
            player = ("www.youtube-nocookie.com", f"https://www.youtube-nocookie.com/embed/{video_id}")
    elif host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        digits = [segment for segment in parts.path.split("/") if segment.isdigit()]
        if digits:
            player = ("player.vimeo.com", f"https://player.vimeo.com/video/{digits[-1]}?dnt=1")
    if player is None or parts.scheme not in ("http", "https"):
        raise ValidationError(_("Give the address of a YouTube or Vimeo video."), code="not_embed")
    if player[0] not in embed_hosts():
        raise ValidationError(
            _("Videos from %(host)s are not allowed on this site.") % {"host": player[0]}, code="host"
        )
    return player[1]
