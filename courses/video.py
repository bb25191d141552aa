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
    moov = next(((start, end) for kind, start, end in _boxes(upload, 0, size, limit=10_000) if kind == b"moov"), None)
    if moov is None:
        return None
    start, end = moov
    return _mvhd_duration(_read(upload, start, min(end - start, 1024 * 1024)))


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


# --- Codecs -------------------------------------------------------------------------------------------
# Nothing is transcoded (docs/decisions/0026-video-formats-without-transcoding.md): an upload must
# already be in a codec every current browser plays, iOS included, or it is refused with the way out.

#: MP4 sample entries (``stsd``) and WebM CodecIDs that Chrome, Firefox, Safari (macOS and iOS) and
#: Edge all play; anything else (HEVC, MPEG-4 Part 2, AV1 on devices without a decoder, AC-3, …) is not.
PLAYABLE = {
    MP4: {"video": {"avc1": "H.264", "avc3": "H.264"}, "audio": {"mp4a": "AAC", "Opus": "Opus"}},
    WEBM: {"video": {"V_VP8": "VP8", "V_VP9": "VP9"}, "audio": {"A_OPUS": "Opus", "A_VORBIS": "Vorbis"}},
}
CODEC_NAMES = {
    "hvc1": "HEVC (H.265)", "hev1": "HEVC (H.265)", "av01": "AV1", "V_AV1": "AV1", "mp4v": "MPEG-4 Part 2",
    "vp09": "VP9 in MP4", "ac-3": "Dolby AC-3", "ec-3": "Dolby E-AC-3", "V_MPEG4/ISO/AVC": "H.264 in Matroska",
    "apcn": "Apple ProRes", "apch": "Apple ProRes", "jpeg": "Motion JPEG", "mjpa": "Motion JPEG",
}  # fmt: skip


def _export_advice() -> str:
    return _(
        "Export it as MP4 with H.264 video and AAC audio (or WebM with VP9 video and Opus audio) and upload it again."
    )


def _boxes(upload, start: int, end: int, limit: int = 4096):
    """(kind, body start, body end) of the ISO boxes between ``start`` and ``end``, read by seeking."""
    at, steps = start, 0
    while at + 8 <= end and steps < limit:
        steps += 1
        header = _read(upload, at, 16)
        if len(header) < 8:
            return
        box_size, kind = struct.unpack(">I4s", header[:8])
        header_len = 8
        if box_size == 1 and len(header) >= 16:
            box_size, header_len = struct.unpack(">Q", header[8:16])[0], 16
        elif box_size == 0:
            box_size = end - at
        if box_size < header_len:
            return
        yield kind, at + header_len, min(at + box_size, end)
        at += box_size


def _child(upload, start: int, end: int, wanted: bytes):
    return next(((s, e) for kind, s, e in _boxes(upload, start, end) if kind == wanted), None)


def mp4_tracks(upload, size: int) -> list[tuple[str, str]]:
    """(handler, sample entry) of each track: ``("vide", "avc1")``, ``("soun", "mp4a")``…"""
    moov = _child(upload, 0, size, b"moov")
    if moov is None:
        return []
    tracks = []
    for kind, start, end in _boxes(upload, *moov):
        if kind != b"trak":
            continue
        mdia = _child(upload, start, end, b"mdia")
        if mdia is None:
            continue
        hdlr = _child(upload, *mdia, b"hdlr")
        handler = _read(upload, hdlr[0] + 8, 4).decode("latin-1") if hdlr else ""
        found = mdia
        for name in (b"minf", b"stbl", b"stsd"):
            found = _child(upload, *found, name) if found else None
        if found is None:
            continue
        # stsd: version and flags (4), entry count (4), then the first sample entry's box header.
        entry = _read(upload, found[0] + 8, 8)
        if len(entry) == 8:
            tracks.append((handler, entry[4:8].decode("latin-1")))
    return tracks


TRACKS, TRACK_ENTRY, TRACK_TYPE, CODEC_ID, CLUSTER = 0x1654AE6B, 0xAE, 0x83, 0x86, 0x1F43B675


def webm_tracks(upload, size: int) -> list[tuple[str, str]]:
    """(``vide`` or ``soun``, CodecID) of each track, from ``Segment/Tracks`` in the first 256 KB."""
    data = _read(upload, 0, min(size, 256 * 1024))
    element, width = _ebml_id(data, 0)
    length, lwidth = _ebml_size(data, width)
    at = width + lwidth + length
    element, width = _ebml_id(data, at)
    if element != SEGMENT:
        return []
    _length, lwidth = _ebml_size(data, at + width)
    at += width + lwidth
    while at < len(data):
        element, width = _ebml_id(data, at)
        length, lwidth = _ebml_size(data, at + width)
        if not width or not lwidth or element == CLUSTER:
            return []
        body_at = at + width + lwidth
        if element == TRACKS:
            return _webm_track_entries(data[body_at : body_at + length])
        at = body_at + length
    return []


def _webm_elements(data: bytes):
    at = 0
    while at < len(data):
        element, width = _ebml_id(data, at)
        length, lwidth = _ebml_size(data, at + width)
        if not width or not lwidth:
            return
        body = at + width + lwidth
        yield element, data[body : body + length]
        at = body + length


def _webm_track_entries(tracks: bytes) -> list[tuple[str, str]]:
    out = []
    for element, body in _webm_elements(tracks):
        if element != TRACK_ENTRY:
            continue
        kind, codec = "", ""
        for child, value in _webm_elements(body):
            if child == TRACK_TYPE:
                kind = {1: "vide", 2: "soun"}.get(int.from_bytes(value, "big"), "")
            elif child == CODEC_ID:
                codec = value.rstrip(b"\x00").decode("latin-1")
        out.append((kind, codec))
    return out


def check_codecs(kind: str, tracks: list[tuple[str, str]]) -> list[str]:
    """The names of the playable codecs of the video's tracks, or a ValidationError saying what to do."""
    video = [codec for handler, codec in tracks if handler == "vide"]
    audio = [codec for handler, codec in tracks if handler == "soun"]
    if not video:
        raise ValidationError(
            _("No video track could be found in this file.") + " " + _export_advice(), code="no_video_track"
        )
    playable = PLAYABLE[kind]
    names = []
    for codec, table in [(codec, playable["video"]) for codec in video] + [
        (codec, playable["audio"]) for codec in audio
    ]:
        if codec not in table:
            raise ValidationError(
                _("This video uses %(codec)s, which not every browser can play (phones especially).")
                % {"codec": CODEC_NAMES.get(codec, codec.strip() or "?")}
                + " "
                + _export_advice(),
                code="codec",
            )
        names.append(table[codec])
    return names


def inspect_video(upload) -> dict:
    """{"content_type", "size", "duration", "codecs"} of an uploaded video, or a ValidationError."""
    size = _size(upload)
    if size > max_video_bytes():
        raise ValidationError(
            _("The video is too large (%(size)s MB; the limit is %(limit)s MB).")
            % {"size": round(size / 1e6, 1), "limit": round(max_video_bytes() / 1e6)},
            code="too_large",
        )
    head = _read(upload, 0, 64)
    kind = sniff_container(head)
    if kind is None:
        if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] == b"qt  ":
            raise ValidationError(
                _("This is a QuickTime (.mov) file, which not every browser can play.") + " " + _export_advice(),
                code="quicktime",
            )
        raise ValidationError(_("This file is not an MP4 or WebM video."), code="not_video")
    duration = mp4_duration(upload, size) if kind == MP4 else webm_duration(upload, size)
    codecs = check_codecs(kind, mp4_tracks(upload, size) if kind == MP4 else webm_tracks(upload, size))
    upload.seek(0)
    return {"content_type": kind, "size": size, "duration": duration, "codecs": codecs}


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
