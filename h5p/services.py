"""Writes of h5p: importing packages, saving learners' state, recording statements."""

from __future__ import annotations

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import Audience

from .models import H5PContent, H5PLibrary, H5PUserData
from .validation import PackageInvalid, Problem, ValidPackage, package_validate

logger = logging.getLogger(__name__)

MAX_STATE_BYTES = 1024 * 1024


def library_known(machine_name: str, major: int, minor: int) -> bool:
    return H5PLibrary.objects.filter(machine_name=machine_name, major_version=major, minor_version=minor).exists()


def _files_write(prefix: str, files: dict[str, bytes], written: list[str]) -> None:
    for path, raw in files.items():
        name = f"{prefix}/{path}"
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(raw))
        written.append(saved)
        if saved != name:  # a storage that renames would break the player's paths
            raise OSError(f"storage renamed {name} to {saved}")


def _library_store(library, written: list[str]) -> H5PLibrary:
    meta = library.metadata
    lookup = {
        "machine_name": meta["machineName"],
        "major_version": int(meta["majorVersion"]),
        "minor_version": int(meta["minorVersion"]),
        "patch_version": int(meta["patchVersion"]),
    }
    existing = H5PLibrary.objects.filter(**lookup).first()
    if existing is not None:
        return existing  # stored once per machine name and version; shared from now on
    record = H5PLibrary(
        **lookup,
        title=meta["title"],
        runnable=bool(meta.get("runnable")),
        metadata=meta,
        files=sorted(library.files),
    )
    record.full_clean()
    _files_write(record.storage_prefix, library.files, written)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # stored meanwhile by a concurrent import: use that one
        return H5PLibrary.objects.get(**lookup)
    return record


def _dependencies_resolve(libraries: list[H5PLibrary], wanted: list[tuple[str, int, int]]) -> list[H5PLibrary]:
    """The package's libraries plus installed ones needed by it (the highest patch of each version)."""
    chosen = {(lib.machine_name, lib.major_version, lib.minor_version): lib for lib in libraries}
    queue = list(wanted)
    for library in libraries:
        queue.extend(_library_dependencies(library))
    while queue:
        key = queue.pop()
        if key in chosen:
            continue
        installed = (
            H5PLibrary.objects.filter(machine_name=key[0], major_version=key[1], minor_version=key[2])
            .order_by("-patch_version")
            .first()
        )
        if installed is not None:
            chosen[key] = installed
            queue.extend(_library_dependencies(installed))
    return list(chosen.values())


def _library_dependencies(library: H5PLibrary) -> list[tuple[str, int, int]]:
    found = []
    for key in ("preloadedDependencies", "dynamicDependencies"):
        for dep in library.metadata.get(key, []) or []:
            found.append((dep["machineName"], int(dep["majorVersion"]), int(dep["minorVersion"])))
    return found


def package_import(
    *,
    data: bytes,
    filename: str = "",
    user=None,
    title: str = "",
    state=None,
    audience: str = Audience.PUBLIC,
) -> tuple[H5PContent, bool]:
    """Validate and store an H5P package for a state (None: kept by the secretariat); return
    (content, created).

    A state holds the same package (by SHA-256) once: importing it again returns that state's
    content. Another state importing it gets its own content sharing the stored files.
    Raises ``PackageInvalid`` (listing every problem) before anything is stored."""
    digest = hashlib.sha256(data).hexdigest()
    existing = content_held(state=state, content_hash=digest)
    if existing is not None:
        return existing, False
    package = package_validate(data, known_library=library_known)
    return package_store(package=package, filename=filename, user=user, title=title, state=state, audience=audience)


def content_held(*, state, content_hash: str) -> H5PContent | None:
    """The content a state (None: the secretariat) holds for a package hash, if any."""
    if state is None:
        return H5PContent.objects.filter(content_hash=content_hash, state__isnull=True).first()
    return H5PContent.objects.filter(content_hash=content_hash, state=state).first()


def package_store(
    *,
    package: ValidPackage,
    filename: str = "",
    user=None,
    title: str = "",
    state=None,
    audience: str = Audience.PUBLIC,
) -> tuple[H5PContent, bool]:
    written: list[str] = []
    try:
        with transaction.atomic():
            stored = [_library_store(library, written) for library in package.libraries]
            wanted = [
                (dep["machineName"], int(dep["majorVersion"]), int(dep["minorVersion"]))
                for dep in package.h5p_json.get("preloadedDependencies", [])
            ]
            resolved = _dependencies_resolve(stored, wanted)
            main_name = package.h5p_json["mainLibrary"]
            main_candidates = [lib for lib in resolved if lib.machine_name == main_name]
            if not main_candidates:
                raise PackageInvalid(
                    [Problem(gettext_lazy("The main library %(library)s is not available."), {"library": main_name})]
                )
            content = H5PContent(
                title=(title or package.title)[:255],
                content_hash=package.sha256,
                main_library=max(main_candidates, key=lambda lib: (lib.major_version, lib.minor_version)),
                h5p_json=package.h5p_json,
                files=sorted(package.content_files),
                package_size=package.size,
                original_filename=filename[:255],
                uploaded_by=user if getattr(user, "is_authenticated", False) else None,
                state=state,
                audience=audience,
            )
            content.full_clean(exclude=["content_hash"], validate_constraints=False)
            # Files are addressed by the package's hash: a package another state holds is on disk
            # already, byte for byte, and is shared (never rewritten, never deleted on a failure here).
            if not H5PContent.objects.filter(content_hash=package.sha256).exists():
                _files_write(content.storage_prefix, package.content_files, written)
            content.save()
            content.libraries.set({lib.pk: lib for lib in resolved}.values())
    except IntegrityError:
        _files_delete(written)
        existing = content_held(state=state, content_hash=package.sha256)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        _files_delete(written)
        raise
    return content, True


def _files_delete(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete %s after a failed H5P import", name)


def user_state_save(*, user, lesson_id: int, content: H5PContent, state: str, data_type: str = "state") -> H5PUserData:
    """Save (or, with an empty state, forget) a learner's state of one activity in one lesson."""
    if not isinstance(state, str):
        raise ValidationError(_("The saved state must be text."))
    if len(state.encode("utf-8")) > MAX_STATE_BYTES:
        raise ValidationError(_("The saved state is too large."))
    lookup = {"user": user, "lesson_id": lesson_id, "content": content, "data_type": data_type, "sub_content_id": 0}
    if state in ("", "RESET"):
        H5PUserData.objects.filter(**lookup).delete()
        return H5PUserData(**lookup, data="")
    record, _created = H5PUserData.objects.update_or_create(**lookup, defaults={"data": state})
    return record


def _progress_from(statement: dict) -> dict | None:
    """Score, success and completion from a statement's result, or None when it reports none."""
    result = statement.get("result")
    if not isinstance(result, dict):
        return None
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    scaled = score.get("scaled")
    if not isinstance(scaled, int | float) or isinstance(scaled, bool):
        raw, maximum = score.get("raw"), score.get("max")
        minimum = score.get("min", 0)
        numbers = all(isinstance(x, int | float) and not isinstance(x, bool) for x in (raw, maximum, minimum))
        scaled = (raw - minimum) / (maximum - minimum) if numbers and maximum > minimum else None
    success = result.get("success") if isinstance(result.get("success"), bool) else None
    verb = (statement.get("verb") or {}).get("id", "")
    completed = result.get("completion") is True or verb.rsplit("/", 1)[-1] in {"completed", "passed", "failed"}
    if scaled is None and success is None and not completed:
        return None
    return {
        "score_scaled": None if scaled is None else max(-1.0, min(1.0, float(scaled))),
        "success": success,
        "completed": completed,
    }


def activity_statement_record(*, user, lesson_id: int, content: H5PContent, statement, activity_iri: str) -> dict:
    """Store a statement an activity emitted for ``user`` and move the lesson's progress.

    The actor is always the signed-in user (whatever the client sent). The object must be this
    activity (or one of its sub-contents), so a package cannot write records about other activities.
    Raises ``xapi.api.StatementInvalid`` / ``StatementConflict`` or ``ValidationError``."""
    from courses import api as courses_api
    from xapi import api as xapi_api

    if not isinstance(statement, dict):
        raise ValidationError(_("Send one xAPI statement as a JSON object."))
    target = statement.get("object")
    object_id = target.get("id") if isinstance(target, dict) else None
    if not isinstance(object_id, str) or not (object_id == activity_iri or object_id.startswith(activity_iri + "?")):
        raise ValidationError(_("The statement is about another activity."))
    statement = {key: value for key, value in statement.items() if key not in ("actor", "authority", "stored")}
    statement["actor"] = xapi_api.actor_for_user(user)
    progress = _progress_from(statement) if object_id == activity_iri else None
    with transaction.atomic():
        stored, created = xapi_api.statement_store(statement=statement, user=user)
        if progress is not None:
            courses_api.lesson_activity_record(user=user, lesson_id=lesson_id, content_id=content.pk, **progress)
    return {
        "id": str(getattr(stored, "statement_id", "") or getattr(stored, "pk", "")),
        "created": created,
        "progress": progress is not None,
    }
