"""Validation of uploaded SCORM packages: hostile until proven otherwise.

``package_validate`` reads the whole archive before anything is stored and collects every problem it
finds, each naming the file concerned. The archive checks are those of H5P packages
(docs/decisions/0030): sizes, file count, compression ratio, zip slip, symbolic links, device files,
encryption, duplicate paths. Then ``imsmanifest.xml`` is parsed with defusedxml (no DTDs, entities
or external references) and read as IMS Content Packaging with the ADL SCORM extensions:

- the declared schema version must be SCORM 1.2 or SCORM 2004 3rd or 4th Edition;
- the default organisation exists and has an identifier; every item has an identifier;
- every leaf item references a resource, which has a launch file (``href``) inside the package;
- every ``<file href>`` of a resource and every dependency exists.

What comes back is a ``ValidPackage`` with the files' bytes and a plain description of the
organisation (``manifest``) that the player and the sequencing read (see ``scorm.sequencing``).
"""

from __future__ import annotations

import contextlib
import hashlib
import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lms import archives
from lms.archives import PackageInvalid, Problem

MANIFEST = "imsmanifest.xml"
SCORM_12 = "1.2"
SCORM_2004_3 = "2004-3"
SCORM_2004_4 = "2004-4"
VERSIONS = {SCORM_12, SCORM_2004_3, SCORM_2004_4}
#: Manifest texts that declare each supported version (compared without case and spaces).
SCHEMA_VERSIONS = {"1.2": SCORM_12, "2004 3rd edition": SCORM_2004_3, "2004 4th edition": SCORM_2004_4}
MANIFEST_MAX_BYTES = 4 * 1024 * 1024
MAX_ITEMS = 2000
MAX_DEPTH = 20


ARCHIVE_LIMITS = archives.ArchiveLimits(
    package_bytes="SCORM_MAX_PACKAGE_BYTES",
    files="SCORM_MAX_FILES",
    uncompressed_bytes="SCORM_MAX_UNCOMPRESSED_BYTES",
    compression_ratio="SCORM_MAX_COMPRESSION_RATIO",
)


def _ignored(name: str) -> bool:
    """Operating-system clutter (macOS resource forks, .DS_Store), never served."""
    parts = name.rstrip("/").split("/")
    return any(part == "__MACOSX" or part == ".DS_Store" for part in parts)


@dataclass
class ValidPackage:
    sha256: str
    size: int
    version: str
    title: str
    manifest: dict
    files: dict[str, bytes]


def package_validate(data: bytes) -> ValidPackage:
    """Check an uploaded package completely; raise ``PackageInvalid`` listing every problem."""
    archive = archives.archive_open(
        data, ARCHIVE_LIMITS, not_a_zip=_("The file is not a valid zip archive (a SCORM package is a zip).")
    )
    problems: list[Problem] = []
    files = archives.archive_read(archive, ARCHIVE_LIMITS, problems, ignored=_ignored)
    if problems:
        raise PackageInvalid(problems)
    if MANIFEST not in files:
        raise PackageInvalid([Problem(_("The package has no imsmanifest.xml at its top level."), file=MANIFEST)])
    version, title, manifest = _manifest_read(files, problems)
    if problems:
        raise PackageInvalid(problems)
    return ValidPackage(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        version=version,
        title=title,
        manifest=manifest,
        files=files,
    )


# --- the archive -------------------------------------------------------------------------------------


# --- the manifest ------------------------------------------------------------------------------------


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _attr(element, name: str, default: str | None = None) -> str | None:
    """An attribute by its local name, whatever namespace prefix the package gave it."""
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value
    return default


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _bool(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() in ("true", "1")


def _version_of(root) -> str | Promise:
    """The supported version the manifest declares, or a translated refusal."""
    metadata = _child(root, "metadata")
    declared = _text(_child(metadata, "schemaversion")) if metadata is not None else ""
    if not declared:
        # SCORM 1.2 made <schemaversion> optional; its ADL namespace still says what the package is.
        names = " ".join(str(el.tag) + " " + " ".join(map(str, el.attrib)) for el in root.iter())
        if "adlcp_rootv1p2" in names or "imscp_rootv1p1p2" in names:
            return SCORM_12
        return _("The manifest declares no SCORM version (<schemaversion>).")
    version = SCHEMA_VERSIONS.get(" ".join(declared.lower().split()))
    if version is None:
        return _("SCORM version “%(version)s” is not supported: use SCORM 1.2 or SCORM 2004 3rd or 4th Edition.") % {
            "version": declared[:60]
        }
    return version


def _launch_path(base: str, href: str) -> tuple[str, str]:
    """(path inside the package, query string) of a resource's href under its xml:base."""
    parts = urlsplit(href)
    path = unquote(posixpath.join(base, parts.path)) if base else unquote(parts.path)
    return posixpath.normpath(path) if path else "", parts.query


def _sequencing_of(element, collection: dict) -> dict:
    """The parts of IMS Simple Sequencing the player follows: control modes, completion rollup."""
    found = _child(element, "sequencing")
    if found is None:
        return {}
    referenced = _attr(found, "IDRef")
    sources = [collection[referenced]] if referenced in collection else []
    sources.append(found)
    result: dict = {}
    for source in sources:
        control = _child(source, "controlMode")
        if control is not None:
            for key, name in (("choice", "choice"), ("flow", "flow"), ("choice_exit", "choiceExit")):
                value = _attr(control, name)
                if value is not None:
                    result[key] = _bool(value, True)
        rollup = _child(source, "rollupRules")
        if rollup is not None:
            for key, name in (
                ("rollup_completion", "rollupProgressCompletion"),
                ("rollup_satisfied", "rollupObjectiveSatisfied"),
            ):
                value = _attr(rollup, name)
                if value is not None:
                    result[key] = _bool(value, True)
            weight = _attr(rollup, "objectiveMeasureWeight")
            if weight is not None:
                with contextlib.suppress(ValueError):
                    result["measure_weight"] = max(0.0, min(1.0, float(weight)))
        delivery = _child(source, "deliveryControls")
        if delivery is not None:
            tracked = _attr(delivery, "tracked")
            if tracked is not None:
                result["tracked"] = _bool(tracked, True)
    return result


def _manifest_read(files: dict[str, bytes], problems: list[Problem]) -> tuple[str, str, dict]:
    raw = files[MANIFEST]
    if len(raw) > MANIFEST_MAX_BYTES:
        problems.append(Problem(_("The manifest is larger than %(limit)s bytes."), {"limit": MANIFEST_MAX_BYTES}))
        return "", "", {}
    try:
        root = SafeET.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        problems.append(Problem(_("The manifest declares a DTD or entities, which are not allowed."), file=MANIFEST))
        return "", "", {}
    except (SafeET.ParseError, ValueError) as error:
        problems.append(
            Problem(_("The manifest is not well-formed XML (%(error)s)."), {"error": str(error)[:200]}, file=MANIFEST)
        )
        return "", "", {}
    if _local(root.tag) != "manifest":
        problems.append(Problem(_("The manifest's root element is not <manifest>."), file=MANIFEST))
        return "", "", {}
    version = _version_of(root)
    if version not in VERSIONS:
        problems.append(Problem(version, file=MANIFEST))
        return "", "", {}

    # Resources.
    resources: dict[str, dict] = {}
    resources_element = _child(root, "resources")
    manifest_base = _attr(root, "base") or ""
    base_all = posixpath.join(manifest_base, _attr(resources_element, "base") or "") if resources_element else ""
    for resource in _children(resources_element, "resource") if resources_element is not None else []:
        identifier = _attr(resource, "identifier")
        if not identifier:
            problems.append(Problem(_("A resource has no identifier."), file=MANIFEST))
            continue
        base = posixpath.join(base_all, _attr(resource, "base") or "") if base_all or _attr(resource, "base") else ""
        href = _attr(resource, "href")
        entry = {
            "identifier": identifier,
            "scorm_type": (_attr(resource, "scormType") or "asset").lower(),
            "href": "",
            "query": "",
            "dependencies": [_attr(dep, "identifierref") or "" for dep in _children(resource, "dependency")],
        }
        if href:
            if urlsplit(href).scheme or href.startswith("//"):
                problems.append(
                    Problem(
                        _("Resource %(resource)s launches an address outside the package (%(href)s)."),
                        {"resource": identifier, "href": href[:200]},
                        file=MANIFEST,
                    )
                )
            else:
                path, query = _launch_path(base, href)
                if archives.path_problem(path) or path not in files:
                    problems.append(
                        Problem(
                            _("Resource %(resource)s launches %(href)s, which is not in the package."),
                            {"resource": identifier, "href": href[:200]},
                            file=MANIFEST,
                        )
                    )
                entry["href"], entry["query"] = path, query
        for listed in _children(resource, "file"):
            file_href = _attr(listed, "href") or ""
            if urlsplit(file_href).scheme or file_href.startswith("//"):
                continue  # an external asset: never fetched by the player
            path, _query = _launch_path(base, file_href)
            if not file_href or archives.path_problem(path) or path not in files:
                problems.append(
                    Problem(
                        _("Resource %(resource)s lists the file %(href)s, which is not in the package."),
                        {"resource": identifier, "href": file_href[:200]},
                        file=MANIFEST,
                    )
                )
        resources[identifier] = entry
    for entry in resources.values():
        for dependency in entry["dependencies"]:
            if dependency not in resources:
                problems.append(
                    Problem(
                        _("Resource %(resource)s depends on %(dependency)s, which the manifest does not define."),
                        {"resource": entry["identifier"], "dependency": dependency[:200]},
                        file=MANIFEST,
                    )
                )

    # Sequencing collection (SCORM 2004): shared rules that items point to with IDRef.
    collection: dict = {}
    for block in _children(root, "sequencingCollection"):
        for sequencing in _children(block, "sequencing"):
            if _attr(sequencing, "ID"):
                collection[_attr(sequencing, "ID")] = sequencing

    # The default organisation.
    organizations = _child(root, "organizations")
    candidates = _children(organizations, "organization") if organizations is not None else []
    if not candidates:
        problems.append(Problem(_("The manifest has no organisation (<organization>)."), file=MANIFEST))
        return version, "", {}
    unnamed = [organization for organization in candidates if not _attr(organization, "identifier")]
    if unnamed:
        problems.append(Problem(_("An organisation has no identifier."), file=MANIFEST))
        return version, "", {}
    default = _attr(organizations, "default")
    chosen = next((org for org in candidates if _attr(org, "identifier") == default), None)
    if default and chosen is None:
        problems.append(
            Problem(
                _("The default organisation %(organization)s does not exist."),
                {"organization": default[:200]},
                file=MANIFEST,
            )
        )
        return version, "", {}
    chosen = chosen if chosen is not None else candidates[0]

    seen: set[str] = set()
    count = [0]

    def item_read(element, depth: int) -> dict | None:
        count[0] += 1
        identifier = _attr(element, "identifier")
        if not identifier:
            problems.append(Problem(_("An item has no identifier."), file=MANIFEST))
            return None
        if identifier in seen:
            problems.append(
                Problem(_("The identifier %(item)s is used twice."), {"item": identifier[:200]}, file=MANIFEST)
            )
        seen.add(identifier)
        if depth > MAX_DEPTH or count[0] > MAX_ITEMS:
            problems.append(Problem(_("The organisation is too large or too deeply nested."), file=MANIFEST))
            return None
        children = [item_read(child, depth + 1) for child in _children(element, "item")]
        item = {
            "identifier": identifier,
            "title": _text(_child(element, "title"))[:255] or identifier[:255],
            "visible": _bool(_attr(element, "isvisible"), True),
            "sequencing": _sequencing_of(element, collection),
            "children": [child for child in children if child],
        }
        reference = _attr(element, "identifierref")
        if not children:
            resource = resources.get(reference or "")
            if not reference:
                problems.append(
                    Problem(
                        _("Item %(item)s has nothing to launch (no identifierref)."),
                        {"item": identifier[:200]},
                        file=MANIFEST,
                    )
                )
                return None
            if resource is None:
                problems.append(
                    Problem(
                        _("Item %(item)s references the resource %(resource)s, which the manifest does not define."),
                        {"item": identifier[:200], "resource": reference[:200]},
                        file=MANIFEST,
                    )
                )
                return None
            if not resource["href"]:
                problems.append(
                    Problem(
                        _("Item %(item)s has no launch file: its resource %(resource)s has no href."),
                        {"item": identifier[:200], "resource": reference[:200]},
                        file=MANIFEST,
                    )
                )
                return None
            parameters = (_attr(element, "parameters") or "").lstrip("?&")
            query = "&".join(part for part in (resource["query"], parameters) if part)
            mastery = _text(_child(element, "masteryscore"))
            threshold = _child(element, "completionThreshold")
            item.update(
                {
                    "href": resource["href"],
                    "query": query,
                    "sco": resource["scorm_type"] == "sco",
                    "data_from_lms": _text(_child(element, "dataFromLMS") or _child(element, "datafromlms"))[:4096],
                    "mastery_score": _number(mastery),
                    "completion_threshold": _number(
                        _attr(threshold, "minProgressMeasure") or _text(threshold) if threshold is not None else ""
                    ),
                }
            )
        return item

    items = [item_read(element, 1) for element in _children(chosen, "item")]
    items = [item for item in items if item]
    if not items and not problems:
        problems.append(Problem(_("The organisation has no item to launch."), file=MANIFEST))
    title = _text(_child(chosen, "title"))[:255] or (_attr(root, "identifier") or MANIFEST)[:255]
    manifest = {
        "identifier": (_attr(root, "identifier") or "")[:255],
        "organization": _attr(chosen, "identifier"),
        "title": title,
        "sequencing": _sequencing_of(chosen, collection),
        "items": items,
    }
    return version, title, manifest


def _number(text: str | None) -> float | None:
    try:
        value = float((text or "").strip())
    except ValueError:
        return None
    return value if value == value and abs(value) < 1e9 else None
