"""The IMS Common Cartridge 1.1 schemas from ../shared/data/cc (see its SOURCES.md), loaded once."""

import io
import zipfile

import pytest
from lxml import etree

from tests.conftest import SHARED

SCHEMAS = SHARED / "data" / "cc" / "schemas11"


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


@pytest.fixture(scope="session")
def cc_schemas():
    if not SCHEMAS.is_dir():
        pytest.skip("The Common Cartridge schemas are not in ../shared/data/cc/schemas11.")
    return {
        "manifest": _schema("ccv1p1_imscp_v1p2_v1p0.xsd"),
        "qti": _schema("ccv1p1_qtiasiv1p2p1_v1p0.xsd"),
        "wl": _schema("ccv1p1_imswl_v1p1.xsd"),
    }


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def assert_valid(schema: etree.XMLSchema, data: bytes) -> etree._Element:
    document = etree.fromstring(data)
    if not schema.validate(document):
        raise AssertionError("\n".join(str(error) for error in schema.error_log))
    return document
