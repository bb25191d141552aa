"""The Plan of Action's measures, for the apps that tag their records by measure from below the plan.

Good practices and training activities name the measures they serve, and the plan's follow-up
reads those apps; so they cannot import the plan. The plan registers its catalogue here when it is
ready (plan.apps), and the other apps keep a measure's ``code`` (stable, unique) and ask this
module for the choices, the labels in the reader's language and whether a code exists. With no
catalogue registered (the plan app absent) there are no measures to choose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# A source returns the measures in the plan's order as (code, label in the active language).
Source = Callable[[], list[tuple[str, str]]]

_sources: list[Source] = []


def register(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def choices() -> list[tuple[str, str]]:
    """(code, "code label") pairs for a form's choices, in the plan's order."""
    return [(code, f"{code} {label}") for source in _sources for code, label in source()]


def labels(codes: Iterable[str]) -> dict[str, str]:
    """Labels of the given codes in the reader's language; unknown codes are left out."""
    wanted = set(codes)
    return {code: label for code, label in _all() if code in wanted}


def unknown(codes: Iterable[str]) -> list[str]:
    """The codes among these that name no measure of the plan (for validation)."""
    known = {code for code, _label in _all()}
    return sorted(set(codes) - known)


def _all() -> list[tuple[str, str]]:
    return [pair for source in _sources for pair in source()]
