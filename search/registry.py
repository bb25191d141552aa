"""Discovers the ``providers()`` of every local app's ``indexing`` module."""

from __future__ import annotations

import importlib
from functools import cache

from django.apps import apps

from .documents import Provider


@cache
def providers() -> dict[str, Provider]:
    found: dict[str, Provider] = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.indexing")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.indexing":
                raise
            continue
        for provider in module.providers():
            found[provider.kind] = provider
    return found


def provider(kind: str) -> Provider:
    return providers()[kind]
