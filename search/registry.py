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


def register(extra: Provider) -> None:
    """Add a provider at run time (tests, plug-ins) and connect its signals."""
    from .signal_handlers import connect_provider

    providers()[extra.kind] = extra
    connect_provider(extra)


def unregister(kind: str) -> None:
    from .signal_handlers import disconnect_provider

    removed = providers().pop(kind, None)
    if removed is not None:
        disconnect_provider(removed)
