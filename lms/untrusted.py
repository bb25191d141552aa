"""Parsing of untrusted input shared by every endpoint: JSON from requests and uploaded files.

Python's ``json`` accepts what the rest of the stack cannot store or must not spend time on:
nesting thousands deep (a RecursionError, or a slow walk later), ``NaN`` and ``1e999`` (which
become ``Infinity`` and break JSON columns), lone surrogates such as ``"\\ud800"`` (which
PostgreSQL refuses to encode), ``"\\u0000"`` (which PostgreSQL stores in neither text nor jsonb),
and bodies of any size. ``loads`` refuses each of these with
:class:`UntrustedInput`, whose message is translated and safe to show, in time linear in the size
of the input.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.utils.translation import gettext_lazy as _

#: Deeper than any xAPI statement, H5P ``content.json`` or curriculum export needs.
DEFAULT_MAX_DEPTH = 64
#: One megabyte, unless the caller says otherwise.
DEFAULT_MAX_BYTES = 1024 * 1024


class UntrustedInput(ValueError):
    """The input was refused; ``str(error)`` is a translated message for the person who sent it."""

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


def _refuse_constant(name: str):
    raise UntrustedInput(_("Numbers must be finite: %(value)s is not allowed.") % {"value": name}, code="not_finite")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value) or math.isnan(value):
        raise UntrustedInput(
            _("Numbers must be finite: %(value)s is too large.") % {"value": text[:40]}, code="not_finite"
        )
    return value


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UntrustedInput(_("The document is not valid UTF-8."), code="encoding") from None


def _check_structure(value: Any, max_depth: int) -> None:
    """Walk the parsed value without recursion: limit its depth and refuse lone surrogates."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise UntrustedInput(_("Numbers must be finite."), code="not_finite")
        elif isinstance(item, dict | list):
            if depth > max_depth:
                raise UntrustedInput(
                    _("The document is nested too deeply (more than %(depth)d levels).") % {"depth": max_depth},
                    code="too_deep",
                )
            if isinstance(item, dict):
                for key, child in item.items():
                    _check_text(key)
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in item)


def _check_text(text: str) -> None:
    if "\x00" in text:
        # PostgreSQL stores NUL neither in text nor in jsonb ("\u0000" is refused there too).
        raise UntrustedInput(_("The document contains a NUL character, which cannot be stored."), code="nul")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UntrustedInput(
            _("The document contains an invalid character (a lone surrogate)."), code="encoding"
        ) from None


def loads(data: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Parse untrusted JSON, or raise :class:`UntrustedInput` with a message for its sender."""
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise UntrustedInput(
            _("The document is too large (%(size)d bytes; the limit is %(limit)d).")
            % {"size": size, "limit": max_bytes},
            code="too_large",
        )
    text = _decode(data)
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except UntrustedInput:
        raise
    except RecursionError:
        raise UntrustedInput(
            _("The document is nested too deeply (more than %(depth)d levels).") % {"depth": max_depth}, code="too_deep"
        ) from None
    except ValueError as error:
        # json.JSONDecodeError, and ValueError for integers longer than Python converts.
        raise UntrustedInput(_("The document is not valid JSON: %(reason)s.") % {"reason": _reason(error)}) from None
    _check_structure(value, max_depth)
    return value


def _reason(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (line {error.lineno}, column {error.colno})"
    return str(_("a number is too long"))


def check_value(value: Any, *, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Apply the same limits to a value parsed elsewhere (a form field, a query parameter)."""
    _check_structure(value, max_depth)
    return value


#: The largest primary key PostgreSQL's bigint holds; a larger number in a query raises DataError.
MAX_ID = 2**63 - 1


def parse_id(value: Any) -> int | None:
    """A database id from a form field or query parameter, or None when it is not one.

    Only plain decimal digits from 1 to :data:`MAX_ID`: no sign, no spaces, no other numerals."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1 <= value <= MAX_ID else None
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None
