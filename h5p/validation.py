"""Validation of uploaded H5P packages: hostile until proven otherwise.

``package_validate`` reads the whole archive before anything is stored and collects every problem
it finds, each naming the file and the library concerned, instead of stopping at the first. Only a
package with no problem comes back as a ``ValidPackage``, which holds the bytes of the files the
storage step keeps (see ``h5p.services``).

The rules follow the H5P specification (h5p.org/library-definition, h5p.org/documentation/developers/
json-file-definitions) and the checks of H5P's own PHP core (``H5PValidator``): required fields and
their formats in ``h5p.json`` and ``library.json``, library folders named
``Machine.Name-major.minor``, preloaded JS and CSS present, language file names, and H5P's default
allow-list of file extensions. On top of that come limits against archive abuse (size, file count,
compression ratio), path checks against zip-slip, and a refusal of active SVG.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lms import archives, untrusted
from lms.archives import PackageInvalid, Problem

# H5P's default allow-list (H5P core, H5PCore::$defaultContentWhitelist and $defaultLibraryWhitelistExtras).
CONTENT_EXTENSIONS = frozenset(
    [
        "json",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "bmp",
        "tif",
        "tiff",
        "svg",
        "eot",
        "ttf",
        "woff",
        "woff2",
        "otf",
        "webm",
        "mp4",
        "ogg",
        "mp3",
        "m4a",
        "wav",
        "txt",
        "pdf",
        "rtf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "odp",
        "xml",
        "csv",
        "diff",
        "patch",
        "swf",
        "md",
        "textile",
        "vtt",
        "webvtt",
        "gltf",
        "glb",
    ]
)
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}

MACHINE_NAME_RE = re.compile(r"^[\w\-.]{1,255}$", re.ASCII)
MAIN_LIBRARY_RE = re.compile(r"^[$a-z_][0-9a-z_.$]{1,254}$", re.IGNORECASE | re.ASCII)
VERSION_RE = re.compile(r"^[0-9]{1,5}$")
LANGUAGE_RE = re.compile(r"^[-a-zA-Z]{1,10}$")
LIBRARY_FOLDER_RE = re.compile(r"^(?P<name>[\w\-.]{1,255})-(?P<major>[0-9]{1,5})\.(?P<minor>[0-9]{1,5})$", re.ASCII)
LANGUAGE_FILE_RE = re.compile(r"^(-?[a-z]+){1,7}\.json$", re.IGNORECASE)
EMBED_TYPES = {"iframe", "div"}

SVG_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
SVG_LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "data"}


ARCHIVE_LIMITS = archives.ArchiveLimits(
    package_bytes="H5P_MAX_PACKAGE_BYTES",
    files="H5P_MAX_FILES",
    uncompressed_bytes="H5P_MAX_UNCOMPRESSED_BYTES",
    compression_ratio="H5P_MAX_COMPRESSION_RATIO",
)


def _ignored(name: str) -> bool:
    """Operating-system clutter that H5P itself skips (hidden files, macOS resource forks)."""
    return any(part.startswith(".") or part == "__MACOSX" for part in name.rstrip("/").split("/"))


@dataclass
class LibraryInPackage:
    folder: str
    metadata: dict
    files: dict[str, bytes]  # path inside the folder -> bytes

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.metadata["machineName"], int(self.metadata["majorVersion"]), int(self.metadata["minorVersion"]))

    @property
    def patch(self) -> int:
        return int(self.metadata["patchVersion"])


@dataclass
class ValidPackage:
    sha256: str
    size: int
    h5p_json: dict
    content_json: dict
    content_files: dict[str, bytes]  # path inside content/ -> bytes (content.json included)
    libraries: list[LibraryInPackage]

    @property
    def title(self) -> str:
        return self.h5p_json["title"]


# A callable answering: is this library (machine name, major, minor) already installed?
KnownLibrary = Callable[[str, int, int], bool]


def package_validate(data: bytes, *, known_library: KnownLibrary | None = None) -> ValidPackage:
    """Check an uploaded package completely; raise ``PackageInvalid`` listing every problem."""
    archive = archives.archive_open(
        data, ARCHIVE_LIMITS, not_a_zip=_("The file is not a valid zip archive (an .h5p file is a zip).")
    )
    problems: list[Problem] = []
    files = archives.archive_read(archive, ARCHIVE_LIMITS, problems, ignored=_ignored)
    if problems:
        # Structural problems (paths, sizes, integrity): the contents cannot be trusted further.
        raise PackageInvalid(problems)

    package = _package_check(files, problems, known_library)
    if problems:
        raise PackageInvalid(problems)
    package.sha256 = hashlib.sha256(data).hexdigest()
    package.size = len(data)
    return package


#: Limits on each JSON file of a package (h5p.json, library.json, content/content.json).
JSON_MAX_BYTES = 16 * 1024 * 1024
JSON_MAX_DEPTH = 64


def _json_load(raw: bytes, name: str, problems: list[Problem], library: str = "") -> dict | None:
    # Nesting thousands deep, NaN or 1e999, lone surrogates and oversized files are refused by name.
    try:
        value = untrusted.loads(raw, max_bytes=JSON_MAX_BYTES, max_depth=JSON_MAX_DEPTH)
    except untrusted.UntrustedInput as error:
        problems.append(
            Problem(
                _("The file is not valid JSON (%(error)s)."), {"error": str(error)[:200]}, file=name, library=library
            )
        )
        return None
    if not isinstance(value, dict):
        problems.append(Problem(_("The file must hold a JSON object."), file=name, library=library))
        return None
    return value


def _version_ok(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value <= 99999
    return isinstance(value, str) and bool(VERSION_RE.match(value))


def _dependencies_check(value, name: str, key: str, problems: list[Problem], library: str = "") -> list[tuple]:
    found: list[tuple] = []
    if not isinstance(value, list):
        problems.append(Problem(_("“%(field)s” must be a list."), {"field": key}, file=name, library=library))
        return found
    for index, dependency in enumerate(value):
        if not isinstance(dependency, dict):
            problems.append(
                Problem(
                    _("Entry %(index)s of “%(field)s” must be an object."),
                    {"index": index + 1, "field": key},
                    file=name,
                    library=library,
                )
            )
            continue
        ok = True
        machine_name = dependency.get("machineName")
        if not isinstance(machine_name, str) or not MACHINE_NAME_RE.match(machine_name):
            problems.append(
                Problem(
                    _("Entry %(index)s of “%(field)s” has no valid machineName."),
                    {"index": index + 1, "field": key},
                    file=name,
                    library=library,
                )
            )
            ok = False
        for version_key in ("majorVersion", "minorVersion"):
            if not _version_ok(dependency.get(version_key)):
                problems.append(
                    Problem(
                        _("Entry %(index)s of “%(field)s” has no valid %(version)s."),
                        {"index": index + 1, "field": key, "version": version_key},
                        file=name,
                        library=library,
                    )
                )
                ok = False
        if ok:
            found.append((machine_name, int(dependency["majorVersion"]), int(dependency["minorVersion"])))
    return found


def _h5p_json_check(h5p_json: dict, problems: list[Problem]) -> list[tuple]:
    name = "h5p.json"
    title = h5p_json.get("title")
    if not isinstance(title, str) or not 1 <= len(title) <= 255 or "\n" in title:
        problems.append(Problem(_("“title” is required: text of 1 to 255 characters on one line."), file=name))
    language = h5p_json.get("language")
    if not isinstance(language, str) or not LANGUAGE_RE.match(language):
        problems.append(Problem(_("“language” is required: a language code such as “en” or “und”."), file=name))
    main_library = h5p_json.get("mainLibrary")
    if not isinstance(main_library, str) or not MAIN_LIBRARY_RE.match(main_library):
        problems.append(Problem(_("“mainLibrary” is required: the machine name of the main library."), file=name))
    embed_types = h5p_json.get("embedTypes")
    if (
        not isinstance(embed_types, list)
        or not embed_types
        or not all(isinstance(item, str) and item in EMBED_TYPES for item in embed_types)
    ):
        problems.append(Problem(_("“embedTypes” is required: a list of “iframe” and/or “div”."), file=name))
    if "preloadedDependencies" not in h5p_json:
        problems.append(Problem(_("“preloadedDependencies” is required."), file=name))
        dependencies = []
    else:
        dependencies = _dependencies_check(h5p_json["preloadedDependencies"], name, "preloadedDependencies", problems)
    for optional in ("dynamicDependencies", "editorDependencies"):
        if optional in h5p_json:
            _dependencies_check(h5p_json[optional], name, optional, problems)
    if isinstance(main_library, str) and dependencies and main_library not in {dep[0] for dep in dependencies}:
        problems.append(
            Problem(
                _("The main library %(library)s is not among the preloaded dependencies."),
                {"library": main_library},
                file=name,
            )
        )
    return dependencies


def _assets_check(metadata: dict, key: str, extension: str, folder: str, files: dict, problems: list[Problem]):
    value = metadata.get(key)
    if value is None:
        return
    library_json = f"{folder}/library.json"
    if not isinstance(value, list):
        problems.append(Problem(_("“%(field)s” must be a list."), {"field": key}, file=library_json, library=folder))
        return
    for entry in value:
        path = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(path, str) or not path.lower().endswith(f".{extension}") or archives.path_problem(path):
            problems.append(
                Problem(
                    _("“%(field)s” lists an invalid path %(path)s."),
                    {"field": key, "path": json.dumps(path)[:200]},
                    file=library_json,
                    library=folder,
                )
            )
            continue
        if f"{folder}/{path}" not in files:
            problems.append(
                Problem(
                    _("“%(field)s” names %(path)s, which is not in the package."),
                    {"field": key, "path": path},
                    file=f"{folder}/{path}",
                    library=folder,
                )
            )


def _library_check(folder: str, files: dict, problems: list[Problem]) -> dict | None:
    library_json = f"{folder}/library.json"
    before = len(problems)
    metadata = _json_load(files[library_json], library_json, problems, library=folder)
    if metadata is None:
        return None
    title = metadata.get("title")
    if not isinstance(title, str) or not 1 <= len(title) <= 255:
        problems.append(
            Problem(_("“title” is required: text of 1 to 255 characters."), file=library_json, library=folder)
        )
    machine_name = metadata.get("machineName")
    if not isinstance(machine_name, str) or not MACHINE_NAME_RE.match(machine_name):
        problems.append(
            Problem(_("“machineName” is required (letters, digits, “.”, “-”, “_”)."), file=library_json, library=folder)
        )
    for version_key in ("majorVersion", "minorVersion", "patchVersion"):
        if not _version_ok(metadata.get(version_key)):
            problems.append(
                Problem(
                    _("“%(field)s” is required: a whole number of up to 5 digits."),
                    {"field": version_key},
                    file=library_json,
                    library=folder,
                )
            )
    if metadata.get("runnable") not in (0, 1, True, False) or "runnable" not in metadata:
        problems.append(Problem(_("“runnable” is required: 0 or 1."), file=library_json, library=folder))
    if "fullscreen" in metadata and metadata["fullscreen"] not in (0, 1, True, False):
        problems.append(Problem(_("“fullscreen” must be 0 or 1."), file=library_json, library=folder))
    if "embedTypes" in metadata and (
        not isinstance(metadata["embedTypes"], list) or not all(item in EMBED_TYPES for item in metadata["embedTypes"])
    ):
        problems.append(
            Problem(_("“embedTypes” must be a list of “iframe” and/or “div”."), file=library_json, library=folder)
        )
    for key in ("preloadedDependencies", "dynamicDependencies", "editorDependencies"):
        if key in metadata:
            _dependencies_check(metadata[key], library_json, key, problems, library=folder)
    _assets_check(metadata, "preloadedJs", "js", folder, files, problems)
    _assets_check(metadata, "preloadedCss", "css", folder, files, problems)

    match = LIBRARY_FOLDER_RE.match(folder)
    if len(problems) == before and match:
        expected = f"{machine_name}-{int(metadata['majorVersion'])}.{int(metadata['minorVersion'])}"
        if folder != expected:
            problems.append(
                Problem(
                    _("The folder is named %(folder)s but its library.json describes %(expected)s."),
                    {"folder": folder, "expected": expected},
                    file=library_json,
                    library=folder,
                )
            )
    for path in files:
        if path.startswith(f"{folder}/language/") and path.count("/") == 2:
            base = path.rsplit("/", 1)[1]
            if not LANGUAGE_FILE_RE.match(base):
                problems.append(Problem(_("Invalid language file name."), file=path, library=folder))
    return metadata if len(problems) == before else None


def _svg_problem(raw: bytes) -> tuple[str | Promise, dict] | None:
    """SVG is refused if it can run anything: scripts, event handlers, foreign content, DTDs, active links."""
    try:
        root = SafeET.fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, SafeET.ParseError, ValueError):
        return _("The SVG image cannot be parsed safely (malformed, or it declares entities)."), {}
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in SVG_ACTIVE_ELEMENTS:
            return _("The SVG image contains a <%(tag)s> element, which can run code."), {"tag": tag}
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return _("The SVG image has an event handler attribute (%(attribute)s)."), {"attribute": local}
            cleaned = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if local in SVG_LINK_ATTRIBUTES and (
                cleaned.startswith(("javascript:", "vbscript:", "data:text/html", "data:image/svg"))
                or re.match(r"^[a-z][a-z0-9+.-]*:", cleaned)
                and not cleaned.startswith("data:image/")
            ):
                return _("The SVG image links to an external or active resource (%(attribute)s)."), {"attribute": local}
            if local == "style" and ("url(" in cleaned and "url(#" not in cleaned or "expression(" in cleaned):
                return _("The SVG image loads resources from a style attribute."), {}
    return None


def _package_check(
    files: dict[str, bytes], problems: list[Problem], known_library: KnownLibrary | None
) -> ValidPackage:
    # Extensions, from H5P's allow-list; SVG refused when active.
    library_folders: set[str] = set()
    for name in files:
        top = name.split("/", 1)[0]
        if "/" in name and top != "content":
            library_folders.add(top)
        base = name.rsplit("/", 1)[-1]
        extension = base.rsplit(".", 1)[-1].lower() if "." in base else ""
        allowed = CONTENT_EXTENSIONS if top == "content" or "/" not in name else LIBRARY_EXTENSIONS
        if extension not in allowed:
            problems.append(
                Problem(
                    _("Files of type “.%(extension)s” are not allowed in H5P packages."),
                    {"extension": extension or "?"},
                    file=name,
                    library="" if top == "content" or "/" not in name else top,
                )
            )
        elif extension == "svg":
            reason = _svg_problem(files[name])
            if reason:
                problems.append(Problem(reason[0], reason[1], file=name))

    h5p_json: dict = {}
    dependencies: list[tuple] = []
    if "h5p.json" not in files:
        problems.append(Problem(_("The package has no h5p.json at its top level."), file="h5p.json"))
    else:
        loaded = _json_load(files["h5p.json"], "h5p.json", problems)
        if loaded is not None:
            h5p_json = loaded
            dependencies = _h5p_json_check(h5p_json, problems)

    content_json: dict = {}
    if "content/content.json" not in files:
        problems.append(Problem(_("The package has no content/content.json."), file="content/content.json"))
    else:
        content_json = _json_load(files["content/content.json"], "content/content.json", problems) or {}

    libraries: list[LibraryInPackage] = []
    for folder in sorted(library_folders):
        if not LIBRARY_FOLDER_RE.match(folder):
            problems.append(
                Problem(
                    _("A library folder must be named Machine.Name-major.minor (for example H5P.Text-1.1)."),
                    file=f"{folder}/",
                    library=folder,
                )
            )
        if f"{folder}/library.json" not in files:
            problems.append(
                Problem(_("The library folder has no library.json."), file=f"{folder}/library.json", library=folder)
            )
            continue
        metadata = _library_check(folder, files, problems)
        if metadata is not None and LIBRARY_FOLDER_RE.match(folder):
            prefix = f"{folder}/"
            libraries.append(
                LibraryInPackage(
                    folder=folder,
                    metadata=metadata,
                    files={name[len(prefix) :]: raw for name, raw in files.items() if name.startswith(prefix)},
                )
            )

    # Every dependency is bundled or already installed.
    if not problems:
        bundled = {library.key for library in libraries}
        wanted = set(dependencies)
        for library in libraries:
            for key in ("preloadedDependencies", "dynamicDependencies"):
                for dep in library.metadata.get(key, []):
                    wanted.add((dep["machineName"], int(dep["majorVersion"]), int(dep["minorVersion"])))
        for name, major, minor in sorted(wanted - bundled):
            if known_library is None or not known_library(name, major, minor):
                problems.append(
                    Problem(
                        _("The library %(library)s is needed but is neither in the package nor installed."),
                        {"library": f"{name}-{major}.{minor}"},
                        file="h5p.json",
                    )
                )

    content_files = {name[len("content/") :]: raw for name, raw in files.items() if name.startswith("content/")}
    return ValidPackage(
        sha256="",
        size=0,
        h5p_json=h5p_json,
        content_json=content_json,
        content_files=content_files,
        libraries=libraries,
    )
