"""The public entry point of cartridges: a course as an IMS Common Cartridge."""

from .export import Cartridge, course_cartridge, curriculum_cartridge  # noqa: F401
