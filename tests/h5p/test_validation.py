"""The validator: every shared sample as documented, and crafted hostile archives."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest
from django.utils import translation

from h5p.validation import PackageInvalid, package_validate

from .conftest import INVALID, VALID, crafted, sample

EXPECTED_PROBLEMS = {
    "corrupt_archive.h5p": [["not a valid zip"]],
    "broken-h5p-json.h5p": [["h5p.json", "not valid JSON"]],
    "invalid-h5p-json-schema.h5p": [["h5p.json", "mainLibrary"]],
    "invalid-library-json.h5p": [["H5P.GreetingCard-1.0/library.json", "majorVersion"]],
    "malformed-library-directory.h5p": [["library!", "Machine.Name-major.minor"]],
    "missing-preloaded-js.h5p": [["H5P.GreetingCard-1.0", "preloadedJs", "greetingcard.js"]],
    "2-invalid-libraries.h5p": [
        ["H5P.GreetingCard-1.0", "XXX!.json", "language file"],
        ["H5P.GreetingCard2-1.0", "library.json", "title"],
    ],
}


def refused(data: bytes) -> list[str]:
    with pytest.raises(PackageInvalid) as caught:
        package_validate(data)
    assert caught.value.problems
    return caught.value.messages


def test_every_shared_invalid_sample_is_listed_here():
    assert {path.name for path in INVALID} == set(EXPECTED_PROBLEMS)
    assert len(VALID) == 4


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_shared_valid_packages_are_accepted(path):
    package = package_validate(path.read_bytes())
    assert package.title
    assert package.libraries
    assert "content.json" in package.content_files
    assert len(package.sha256) == 64


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_shared_invalid_packages_are_refused_naming_their_problem(path):
    messages = refused(path.read_bytes())
    for fragments in EXPECTED_PROBLEMS[path.name]:
        assert any(all(fragment in message for fragment in fragments) for message in messages), (fragments, messages)


def test_two_invalid_libraries_are_both_named():
    messages = refused(sample("invalid/2-invalid-libraries.h5p"))
    assert any("H5P.GreetingCard-1.0" in message for message in messages)
    assert any("H5P.GreetingCard2-1.0" in message for message in messages)


def test_problems_are_translated():
    with translation.override("es"):
        spanish = refused(sample("invalid/corrupt_archive.h5p"))
    with translation.override("en"):
        english = refused(sample("invalid/corrupt_archive.h5p"))
    assert spanish != english


def test_crafted_minimal_package_is_valid():
    package = package_validate(crafted())
    assert [library.folder for library in package.libraries] == ["H5P.Crafted-1.2"]


def test_zip_slip_is_refused():
    messages = refused(crafted({"../../evil.json": b"{}", "content/../../x.json": b"{}"}))
    assert sum("leaves the package" in message for message in messages) == 2
    assert any("../../evil.json" in message for message in messages)


def test_absolute_paths_are_refused():
    messages = refused(crafted({"/etc/cron.d/evil.json": b"{}", "C:/evil.json": b"{}"}))
    assert sum("absolute" in message for message in messages) == 2


def test_backslash_paths_are_refused():
    assert any("backslash" in message for message in refused(crafted({"content\\..\\evil.json": b"{}"})))


def test_symlinks_are_refused():
    messages = refused(crafted(symlinks={"content/passwd.json": "/etc/passwd"}))
    assert any("Symbolic links" in message and "content/passwd.json" in message for message in messages)


def test_device_files_are_refused():
    messages = refused(
        crafted(modes={"content/dev.json": stat.S_IFCHR | 0o644, "content/pipe.json": stat.S_IFIFO | 0o644})
    )
    assert sum("Device files" in message for message in messages) == 2


def test_zip_bomb_by_ratio_is_refused():
    messages = refused(crafted({"content/zeros.json": b"0" * (20 * 1024 * 1024)}))
    assert any("zeros.json" in message and "zip bomb" in message for message in messages)


def test_total_uncompressed_size_is_limited(settings):
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 1000
    assert any("expands to" in message for message in refused(crafted({"content/big.txt": b"x" * 2000})))


def test_lying_sizes_are_caught():
    data = bytearray(crafted({"content/liar.txt": b"a" * 5000}))
    # Shrink the declared size of liar.txt in its central directory entry (the real data is larger).
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("content/liar.txt")
    offset = bytes(data).rfind(b"PK\x01\x02", 0, bytes(data).rfind(b"content/liar.txt"))
    data[offset + 24 : offset + 28] = (10).to_bytes(4, "little")
    data[info.header_offset + 22 : info.header_offset + 26] = (10).to_bytes(4, "little")
    messages = refused(bytes(data))
    assert any("liar.txt" in message for message in messages)


def test_compressed_size_is_limited(settings):
    settings.H5P_MAX_PACKAGE_BYTES = 100
    assert any("limit is 100 bytes" in message for message in refused(crafted()))


def test_too_many_files_are_refused(settings):
    settings.H5P_MAX_FILES = 10
    extra = {f"content/images/{n}.png": b"\x89PNG" for n in range(20)}
    assert any("holds 25 files" in message for message in refused(crafted(extra)))


def test_disallowed_extensions_are_refused():
    messages = refused(
        crafted(
            {"content/page.html": b"<script>alert(1)</script>", "H5P.Crafted-1.2/tool.exe": b"MZ", "content/x.js": b""}
        )
    )
    assert any(".html" in message and "content/page.html" in message for message in messages)
    assert any(".exe" in message and "H5P.Crafted-1.2" in message for message in messages)
    assert any(".js" in message and "content/x.js" in message for message in messages)


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:alert(1)"><text>x</text></a></svg>',
        b'<!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    ],
)
def test_active_svg_is_refused(svg):
    messages = refused(crafted({"content/images/logo.svg": svg}))
    assert any("SVG" in message and "content/images/logo.svg" in message for message in messages)


def test_plain_svg_with_doctype_is_accepted():
    svg = (
        b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg">'
        b'<circle r="4" style="fill:#000"/></svg>'
    )
    package_validate(crafted({"content/images/dot.svg": svg}))


def test_library_folder_must_match_library_json():
    library = {**__import__("tests.h5p.conftest", fromlist=["x"]).LIBRARY_JSON, "minorVersion": 3}
    messages = refused(crafted(library_json=library))
    assert any("H5P.Crafted-1.2" in message and "H5P.Crafted-1.3" in message for message in messages)


def test_h5p_json_types_are_checked():
    bad = {
        "title": "",
        "language": 7,
        "mainLibrary": "H5P Crafted!",
        "embedTypes": ["window"],
        "preloadedDependencies": [{"machineName": "H5P.Crafted", "majorVersion": "one", "minorVersion": 2}],
    }
    messages = refused(crafted(h5p_json=bad))
    for field in ("title", "language", "mainLibrary", "embedTypes", "majorVersion"):
        assert any(field in message and "h5p.json" in message for message in messages), field


def test_missing_dependency_is_refused():
    h5p_json = {**__import__("tests.h5p.conftest", fromlist=["x"]).H5P_JSON}
    h5p_json["preloadedDependencies"] = [
        *h5p_json["preloadedDependencies"],
        {"machineName": "H5P.Absent", "majorVersion": 1, "minorVersion": 0},
    ]
    assert any("H5P.Absent-1.0" in message for message in refused(crafted(h5p_json=h5p_json)))


def test_duplicate_entries_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("h5p.json", b"{}")
        archive.writestr("H5P.JSON", b"{}")
    assert any("twice" in message for message in refused(buffer.getvalue()))


def test_missing_h5p_json_and_content_are_named():
    messages = refused(crafted(drop=("h5p.json", "content/content.json")))
    assert any("no h5p.json" in message for message in messages)
    assert any("content/content.json" in message for message in messages)
