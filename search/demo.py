"""Demo: build the search index for the demo content of the other apps (runs after them)."""

from . import api
from .registry import providers


def load(*, stdout) -> None:
    counts = {}

    def progress(kind: str, done: int) -> None:
        counts[kind] = done

    api.reindex(batch_size=200, progress=progress)
    summary = ", ".join(f"{kind}: {counts.get(kind, 0)}" for kind in sorted(providers())) or "no providers"
    stdout.write(f"search: index built ({summary})\n")
