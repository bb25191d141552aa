"""The public entry point of badges for other apps."""

from .credentials import credential_document, credential_for_code, status_bits  # noqa: F401
from .verification import Verdict, verify  # noqa: F401
