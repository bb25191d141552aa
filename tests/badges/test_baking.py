"""Baked badges: the learner's PNG and SVG carry the signed credential the way OB 3.0 says, read back by
independent code (Pillow for the PNG chunk, the standard library's XML parser for the SVG), and the
/verify/ page checks an uploaded image, refusing what is not one with a clear message."""

import io
import struct
import zlib
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from badges import baking
from courses import services
from tests.accounts.factories import coordinator
from tests.badges.independent import verify_jws

pytestmark = pytest.mark.django_db


def token_of(client, certificate) -> str:
    return client.get(reverse("certificate_credential", args=[certificate.code])).json()["id"].split(",", 1)[1]


def download(client, certificate, kind):
    client.force_login(certificate.user)
    return client.get(reverse(f"badges:download_{kind}", args=[certificate.pk]))


def upload(client, name, data, lang="en"):
    return client.post(
        reverse("credential_verify") + f"?lang={lang}", {"image": SimpleUploadedFile(name, data)}, format="multipart"
    )


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def test_the_png_holds_the_credential_in_one_uncompressed_itxt_chunk(client, certificate):
    token = token_of(client, certificate)
    response = download(client, certificate, "png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert f'{certificate.code}.png"' in response["Content-Disposition"]
    image = Image.open(io.BytesIO(response.content))
    image.load()
    assert image.size == (600, 600)
    assert image.text["openbadgecredential"] == token
    # Uncompressed (the spec's MUST), exactly once, right after IHDR.
    raw = response.content
    assert raw.count(b"iTXtopenbadgecredential\x00\x00\x00") == 1
    assert raw[8 + 25 + 4 : 8 + 25 + 8] == b"iTXt"
    header, payload = verify_jws(image.text["openbadgecredential"], client.get(reverse("badges:jwks")).json())
    assert "OpenBadgeCredential" in payload["type"]


def test_baking_again_replaces_the_credential(client, certificate):
    png = baking.bake_png(baking.bake_png(download(client, certificate, "png").content, "a.b.c"), "d.e.f")
    assert png.count(b"openbadgecredential") == 1
    assert Image.open(io.BytesIO(png)).text["openbadgecredential"] == "d.e.f"


def test_the_svg_carries_the_credential_first_and_names_no_one(client, certificate):
    token = token_of(client, certificate)
    response = download(client, certificate, "svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    first = root[0]
    assert first.tag == "{https://purl.imsglobal.org/ob/v3p0}credential"
    assert first.get("verify") == token
    assert len(root.findall(".//{https://purl.imsglobal.org/ob/v3p0}credential")) == 1
    text = response.content.decode()
    assert "Escena del crimen" in text and "12,5 horas" in text  # the holder's language (es)
    assert certificate.user.email not in text and certificate.holder_name not in text


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_an_uploaded_badge_image_is_verified(client, certificate, kind):
    image = download(client, certificate, kind).content
    response = upload(client, f"badge.{kind}", image, lang="es")
    assert response.status_code == 200
    assert "Escena del crimen" in response.content.decode()
    assert "message-success" in response.content.decode()
    services.certificate_revoke(revoker=coordinator(certificate.issuer_state), certificate=certificate, reason="Fraude")
    assert "message-error" in upload(client, f"badge.{kind}", image).content.decode()


def test_a_baked_credential_that_was_altered_says_so(client, certificate):
    png = download(client, certificate, "png").content
    head, payload, signature = token_of(client, certificate).split(".")
    forged = baking.bake_png(png, f"{head}.{payload[:-4]}AAAA.{signature}")
    assert "has been altered" in upload(client, "badge.png", forged).content.decode()


HOSTILE = {
    "plain.png": b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", b"\x00" * 13) + chunk(b"IEND", b""),
    "length-past-end.png": b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 2**31) + b"iTXt" + b"x" * 20,
    "truncated.png": b"\x89PNG\r\n\x1a\n" + b"\x00\x00",
    "compressed.png": b"\x89PNG\r\n\x1a\n" + chunk(b"iTXt", b"openbadgecredential\x00\x01\x00\x00\x00x\x9c"),
    "not-utf8.png": b"\x89PNG\r\n\x1a\n" + chunk(b"iTXt", b"openbadgecredential\x00\x00\x00\x00\x00\xff\xfe"),
    "no-credential.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>',
    "billion-laughs.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
    "external-entity.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
    b'<openbadges:credential verify="&x;"/></svg>',
    "two.svg": b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:o="https://purl.imsglobal.org/ob/v3p0">'
    b'<o:credential verify="a.b.c"/><o:credential verify="d.e.f"/></svg>',
    "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 100,
    "huge.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * (baking.MAX_IMAGE_BYTES + 1),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_an_upload_that_is_not_a_baked_badge_is_refused_clearly(client, site_frame, name):
    response = upload(client, name, HOSTILE[name], lang="fr")
    assert response.status_code == 400
    body = response.content.decode()
    assert "message-success" not in body
    assert "Cette image" in body or "Ce fichier" in body or "pas un justificatif" in body


def test_nothing_at_all_asks_for_a_credential(client, site_frame):
    response = client.post(reverse("credential_verify") + "?lang=pt", {})
    assert response.status_code == 400
    assert "Cole uma credencial" in response.content.decode()
