"""Uploaded zip archives (H5P packages, SCORM packages, cartridges): hostile until proven otherwise.

``archive_read`` checks every entry before reading any: paths (zip slip, absolute, backslashes,
empty or "." segments, NUL), duplicate paths under case folding, symbolic links, device files,
encryption, the file count, the declared total and the compression ratio of each file and of the
whole; then reads each file counting bytes, since declared sizes can lie. It collects every problem
instead of stopping at the first, each naming its file, so an author can fix a package in one go.
Each kind of package keeps its own limits (``ArchiveLimits``, from its settings) and its own notion
of clutter to skip."""

from __future__ import annotations

import io
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: Small files may compress well; the ratio is judged above 1 MiB.
RATIO_FLOOR = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a package: which file (and library, for H5P), what is wrong (translated
    when shown)."""

    message: str | Promise
    params: dict = field(default_factory=dict)
    file: str = ""
    library: str = ""

    def __str__(self) -> str:
        text = str(self.message) % self.params if self.params else str(self.message)
        where = []
        if self.library:
            where.append(str(_("library %(library)s") % {"library": self.library}))
        if self.file:
            where.append(str(_("file %(file)s") % {"file": self.file}))
        return f"{', '.join(where)}: {text}" if where else text


class PackageInvalid(Exception):
    """The package was refused; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))

    @property
    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems]


@dataclass(frozen=True)
class ArchiveLimits:
    """A kind of package's limits, named by its settings (read when used, so tests can override)."""

    package_bytes: str
    files: str
    uncompressed_bytes: str
    compression_ratio: str

    def value(self, setting: str) -> int:
        return int(getattr(settings, setting))


def path_problem(name: str) -> str | Promise | None:
    """Why this path may not be stored, or None."""
    if not name or "\x00" in name:
        return _("The file name is empty or contains a NUL character.")
    if "\\" in name:
        return _("The path uses backslashes.")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return _("The path is absolute.")
    parts = name.rstrip("/").split("/")
    if any(part == ".." for part in parts):
        return _("The path leaves the package (it contains “..”).")
    if any(part in ("", ".") for part in parts):
        return _("The path has an empty or “.” segment.")
    if len(name) > 1024:
        return _("The path is too long.")
    return None


def archive_open(data: bytes, limits: ArchiveLimits, *, not_a_zip: str | Promise) -> zipfile.ZipFile:
    """The zip archive in ``data``, or ``PackageInvalid`` (too large, or not a zip: ``not_a_zip``)."""
    maximum = limits.value(limits.package_bytes)
    if len(data) > maximum:
        raise PackageInvalid(
            [
                Problem(
                    _("The package is %(size)s bytes; the limit is %(limit)s bytes."),
                    {"size": len(data), "limit": maximum},
                )
            ]
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise PackageInvalid([Problem(not_a_zip)]) from None
    return archive


def archive_read(
    archive: zipfile.ZipFile, limits: ArchiveLimits, problems: list[Problem], *, ignored: Callable[[str], bool]
) -> dict[str, bytes]:
    """Every file's bytes by path (directories and ``ignored`` clutter left out), or ``{}`` with the
    problems appended."""
    entries = archive.infolist()
    max_files = limits.value(limits.files)
    max_total = limits.value(limits.uncompressed_bytes)
    max_ratio = limits.value(limits.compression_ratio)
    if len(entries) > max_files:
        problems.append(
            Problem(
                _("The package holds %(count)s files; the limit is %(limit)s."),
                {"count": len(entries), "limit": max_files},
            )
        )
        return {}
    seen: set[str] = set()
    declared_total = compressed_total = 0
    for info in entries:
        name = info.filename
        reason = path_problem(name)
        if reason:
            problems.append(Problem(reason, file=name[:200]))
            continue
        folded = name.casefold()
        if folded in seen:
            problems.append(Problem(_("The archive holds this path twice."), file=name))
        seen.add(folded)
        mode = info.external_attr >> 16
        if mode and info.create_system == 3:
            if stat.S_ISLNK(mode):
                problems.append(Problem(_("Symbolic links are not allowed."), file=name))
                continue
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
                problems.append(Problem(_("Device files, pipes and sockets are not allowed."), file=name))
                continue
        if info.flag_bits & 0x1:
            problems.append(Problem(_("Encrypted files are not allowed."), file=name))
            continue
        if info.is_dir():
            continue
        declared_total += info.file_size
        compressed_total += info.compress_size
        if info.file_size >= RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            problems.append(
                Problem(
                    _("The file expands %(ratio)s times; the limit is %(limit)s (a zip bomb?)."),
                    {"ratio": info.file_size // max(info.compress_size, 1), "limit": max_ratio},
                    file=name,
                )
            )
    if declared_total > max_total:
        problems.append(
            Problem(
                _("The package expands to %(size)s bytes; the limit is %(limit)s bytes."),
                {"size": declared_total, "limit": max_total},
            )
        )
    elif declared_total >= RATIO_FLOOR and declared_total > max_ratio * max(compressed_total, 1):
        problems.append(
            Problem(
                _("The package expands %(ratio)s times; the limit is %(limit)s (a zip bomb?)."),
                {"ratio": declared_total // max(compressed_total, 1), "limit": max_ratio},
            )
        )
    if problems:
        return {}
    files: dict[str, bytes] = {}
    read_total = 0
    for info in entries:
        if info.is_dir():
            continue
        try:
            with archive.open(info) as handle:
                chunks, size = [], 0
                while chunk := handle.read(64 * 1024):
                    size += len(chunk)
                    read_total += len(chunk)
                    if size > info.file_size or read_total > max_total:
                        raise zipfile.BadZipFile("size")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
            problems.append(
                Problem(_("The file is damaged in the archive (it cannot be read intact)."), file=info.filename)
            )
            continue
        if not ignored(info.filename):
            files[info.filename] = b"".join(chunks)
    return files
