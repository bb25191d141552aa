"""Small media made at run time for the demo and the tests, so that no media file is committed: a
WebM (VP8) video of still frames and a PNG poster, drawn with Pillow.

Pillow encodes each frame as lossy WebP, whose ``VP8 `` chunk is a VP8 key frame; the frames are
muxed into a Matroska/WebM container here (one cluster, one key frame per second), which every
browser that plays WebM can play and seek."""

from __future__ import annotations

import io
import struct

from PIL import Image, ImageDraw

COLOURS = [(11, 79, 138), (23, 107, 63), (122, 46, 20), (70, 40, 120), (20, 90, 100), (90, 90, 20)]


def _vint_size(n: int) -> bytes:
    for width in range(1, 9):
        if n < (1 << (7 * width)) - 1:
            return (n | (1 << (7 * width))).to_bytes(width, "big")
    raise ValueError("element too large")


def _element(element_id: int, payload: bytes) -> bytes:
    width = (element_id.bit_length() + 7) // 8
    return element_id.to_bytes(width, "big") + _vint_size(len(payload)) + payload


def _uint(element_id: int, value: int) -> bytes:
    return _element(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _vp8_frame(image: Image.Image) -> bytes:
    """The VP8 key frame of a lossy WebP encoding of ``image``."""
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=60, method=0)
    data = buffer.getvalue()
    at = 12
    while at + 8 <= len(data):
        kind, size = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        if kind == b"VP8 ":
            return data[at + 8 : at + 8 + size]
        at += 8 + size + (size & 1)
    raise ValueError("Pillow did not write a lossy VP8 frame")


def frame(number: int, size: tuple[int, int], label: str) -> Image.Image:
    image = Image.new("RGB", size, COLOURS[number % len(COLOURS)])
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, size[0] - 8, size[1] - 8], outline=(255, 255, 255), width=3)
    draw.text((20, size[1] // 2 - 10), f"{label}  {number + 1}", fill=(255, 255, 255))
    return image


def tiny_webm(*, seconds: int = 6, size: tuple[int, int] = (320, 180), label: str = "Capacitas") -> bytes:
    """A WebM video of ``seconds`` one-second still frames."""
    header = _element(
        0x1A45DFA3,
        _uint(0x4286, 1)
        + _uint(0x42F7, 1)
        + _uint(0x42F2, 4)
        + _uint(0x42F3, 8)
        + _element(0x4282, b"webm")
        + _uint(0x4287, 2)
        + _uint(0x4285, 2),
    )
    info = _element(
        0x1549A966,
        _uint(0x2AD7B1, 1_000_000)
        + _element(0x4489, struct.pack(">d", seconds * 1000.0))
        + _element(0x4D80, b"capacitas")
        + _element(0x5741, b"capacitas"),
    )
    video = _element(0xE0, _uint(0xB0, size[0]) + _uint(0xBA, size[1]))
    tracks = _element(
        0x1654AE6B,
        _element(0xAE, _uint(0xD7, 1) + _uint(0x73C5, 1) + _uint(0x83, 1) + _element(0x86, b"V_VP8") + video),
    )
    blocks = b"".join(
        _element(0xA3, b"\x81" + struct.pack(">hB", second * 1000, 0x80) + _vp8_frame(frame(second, size, label)))
        for second in range(seconds)
    )
    cluster = _element(0x1F43B675, _uint(0xE7, 0) + blocks)
    return header + _element(0x18538067, info + tracks + cluster)


def poster_png(*, size: tuple[int, int] = (320, 180), label: str = "Capacitas") -> bytes:
    buffer = io.BytesIO()
    frame(0, size, label).save(buffer, "PNG")
    return buffer.getvalue()
