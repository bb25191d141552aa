"""Package validation against the shared real packages and crafted hostile archives."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from scorm.validation import PackageInvalid, package_validate

from .conftest import INVALID, MANIFEST_12, VALID, crafted, sample

PLAYABLE = [path for path in VALID if path.name != "ComplexNestedOrganization_SCORM12.zip"]


def refusal(data: bytes) -> str:
    with pytest.raises(PackageInvalid) as caught:
        package_validate(data)
    return " | ".join(caught.value.messages)


@pytest.mark.parametrize("path", PLAYABLE, ids=lambda path: path.name)
def test_every_playable_shared_package_is_valid(path):
    package = package_validate(path.read_bytes())
    assert package.version in {"1.2", "2004-3", "2004-4"}
    assert package.manifest["items"]
    assert "imsmanifest.xml" in package.files


def test_declared_versions_are_read():
    assert package_validate(sample("valid/ContentPackagingSingleSCO_SCORM12.zip")).version == "1.2"
    assert package_validate(sample("valid/ContentPackagingSingleSCO_SCORM20043rdEdition.zip")).version == "2004-3"
    assert package_validate(sample("valid/SequencingPostTestRollup4thEd_SCORM20044thEdition.zip")).version == "2004-4"


def test_the_nested_organisation_sample_holds_only_its_manifest_and_is_refused_for_it():
    """ComplexNestedOrganization_SCORM12.zip is a manifest parser's fixture: its resources name
    content/*.html files the archive does not hold, so there is nothing to play. Refused by name."""
    message = refusal(sample("valid/ComplexNestedOrganization_SCORM12.zip"))
    assert "content/module1.html, which is not in the package" in message


def test_the_nested_organisation_is_kept_when_its_files_exist():
    raw = sample("valid/ComplexNestedOrganization_SCORM12.zip")
    manifest = zipfile.ZipFile(io.BytesIO(raw)).read("imsmanifest.xml").decode()
    names = [
        "module1",
        "chapter1_1",
        "section1_1_1",
        "topic1_1_1_1",
        "topic1_1_1_2",
        "section1_1_2",
        "chapter1_2",
        "module2",
        "chapter2_1",
        "section2_1_1",
        "module3",
        "alt1",
    ]
    package = package_validate(
        crafted(manifest, {f"content/{name}.html": b"<html></html>" for name in names}, drop=("index.html",))
    )
    top = package.manifest["items"]
    assert [item["identifier"] for item in top][:1] == ["module_1"] or top[0]["children"]
    assert any(item["children"] and item["children"][0]["children"] for item in top)


@pytest.mark.parametrize(
    "name, reason",
    [
        ("InvalidFileReferences_SCORM12.zip", "launches content/nonexistent.html, which is not in the package"),
        ("InvalidMissingOrgIdentifier_SCORM20043rdEdition.zip", "An organisation has no identifier."),
        ("MalformedXml_SCORM12.zip", "The manifest is not well-formed XML (mismatched tag"),
        ("MissingLaunchUrl_SCORM12.zip", "Item item_1 has no launch file: its resource resource_1 has no href."),
    ],
)
def test_every_invalid_shared_package_is_refused_with_its_reason(name, reason):
    assert reason in refusal(sample(f"invalid/{name}"))


def test_all_invalid_samples_are_covered():
    assert len(INVALID) == 4


def test_refusals_are_in_the_users_language():
    from django.utils import translation

    with translation.override("es"):
        assert "no es XML bien formado" in refusal(sample("invalid/MalformedXml_SCORM12.zip"))


def test_not_a_zip():
    assert "not a valid zip archive" in refusal(b"plain text, not an archive")


def test_no_manifest():
    assert "no imsmanifest.xml" in refusal(crafted(drop=("imsmanifest.xml",)))


def test_zip_slip_and_absolute_paths():
    message = refusal(crafted(extra={"../evil.html": b"x", "/etc/passwd": b"x", "a\\b.html": b"x"}))
    assert "leaves the package" in message
    assert "absolute" in message
    assert "backslashes" in message


def test_symlinks_and_device_files():
    message = refusal(crafted(symlinks={"link": "/etc/passwd"}, modes={"fifo": stat.S_IFIFO | 0o644}))
    assert "Symbolic links are not allowed." in message
    assert "Device files, pipes and sockets are not allowed." in message


def test_zip_bomb(settings):
    settings.SCORM_MAX_COMPRESSION_RATIO = 10
    assert "a zip bomb?" in refusal(crafted(extra={"big.txt": b"0" * (4 * 1024 * 1024)}))


def test_sizes(settings):
    settings.SCORM_MAX_PACKAGE_BYTES = 100
    assert "the limit is 100 bytes" in refusal(crafted())
    settings.SCORM_MAX_PACKAGE_BYTES = 10**9
    settings.SCORM_MAX_FILES = 2
    assert "the limit is 2" in refusal(crafted(extra={"a.txt": b"a"}))


def test_duplicate_paths():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST_12)
        archive.writestr("index.html", b"a")
        archive.writestr("INDEX.html", b"b")
    assert "holds this path twice" in refusal(buffer.getvalue())


def test_entities_and_dtds_are_refused():
    bomb = MANIFEST_12.replace(
        '<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
    )
    assert "DTD or entities" in refusal(crafted(bomb))
    external = MANIFEST_12.replace(
        '<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    )
    assert "DTD or entities" in refusal(crafted(external))


@pytest.mark.parametrize("declared", ["CAM 1.3", "2004 2nd Edition", "1.1", "2004 5th Edition"])
def test_unsupported_versions(declared):
    manifest = MANIFEST_12.replace("<schemaversion>1.2</schemaversion>", f"<schemaversion>{declared}</schemaversion>")
    assert f"SCORM version “{declared}” is not supported" in refusal(crafted(manifest))


def test_a_12_package_without_schemaversion_is_read_from_its_namespace():
    manifest = MANIFEST_12.replace("<schemaversion>1.2</schemaversion>", "")
    assert package_validate(crafted(manifest)).version == "1.2"


def test_launching_outside_the_package_is_refused():
    manifest = MANIFEST_12.replace('href="index.html">', 'href="https://evil.example/sco.html">')
    assert "outside the package" in refusal(crafted(manifest))


def test_an_item_naming_no_resource():
    manifest = MANIFEST_12.replace('identifierref="r1"', 'identifierref="nowhere"')
    assert "references the resource nowhere" in refusal(crafted(manifest))


def test_every_problem_is_listed_at_once():
    manifest = MANIFEST_12.replace('href="index.html">', 'href="missing.html">').replace(
        '<file href="index.html"/>', '<file href="index.html"/><file href="gone.js"/>'
    )
    message = refusal(crafted(manifest))
    assert "missing.html" in message and "gone.js" in message


def test_launch_parameters_and_xml_base_are_kept():
    manifest = (
        MANIFEST_12.replace(
            '<item identifier="one" identifierref="r1">',
            '<item identifier="one" identifierref="r1" parameters="?page=2">',
        )
        .replace('<resource identifier="r1"', '<resource xml:base="sco/" identifier="r1"')
        .replace('<file href="index.html"/>', "")
    )
    package = package_validate(crafted(manifest, {"sco/index.html": b"<html></html>"}))
    item = package.manifest["items"][0]
    assert (item["href"], item["query"]) == ("sco/index.html", "page=2")
