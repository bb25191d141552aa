"""The public entry point of h5p for other apps: services write, selectors read.

``H5PActivityBlock`` is the block a lesson's body places an activity with; its child blocks are a
contract with courses (h5p/blocks.py)."""

from .blocks import H5PActivityBlock  # noqa: F401
