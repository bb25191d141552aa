"""The public entry point of scorm for other apps: services write, selectors read."""

from .blocks import ScormActivityBlock  # noqa: F401
from .selectors import activity_iri, package_by_id, usable_package_ids  # noqa: F401
from .services import package_import  # noqa: F401
from .validation import PackageInvalid  # noqa: F401
