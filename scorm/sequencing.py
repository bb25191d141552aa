"""The organisation as the learner moves through it: order, navigation rules and rollup.

Pure functions over the ``manifest`` dict that ``scorm.validation`` builds and the statuses of the
SCOs of one attempt. What SCORM 2004 sequencing (IMS Simple Sequencing) this covers:

- flow: "continue" and "previous" move to the next or previous launchable item in the tree's order,
  when every cluster around both items allows flow (``controlMode flow``, false by default in 2004);
- choice: the table of contents lets the learner open an item when every cluster above it allows
  choice (``controlMode choice``, true by default), and hides items marked ``isvisible="false"``;
- rollup: a cluster is complete when every child that counts for completion is; satisfied when every
  child that counts for satisfaction is (and failed when one of them failed); its measure is the
  weighted mean of its children's (``objectiveMeasureWeight``). Untracked items do not count.

SCORM 1.2 has no sequencing: both flow and choice are allowed and every SCO counts.
Pre- and post-condition rules, limit conditions, randomisation and global objectives are not
evaluated; a package that depends on them is played in flow and choice order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class ScoStatus:
    completed: bool = False
    success: bool | None = None
    score_scaled: float | None = None
    attempted: bool = False


@dataclass
class Rollup:
    completed: bool
    success: bool | None
    score_scaled: float | None


def _walk(items: list[dict], ancestors: tuple = ()) -> Iterator[tuple[dict, tuple]]:
    for item in items:
        yield item, ancestors
        yield from _walk(item.get("children", []), ancestors + (item,))


def launchable(manifest: dict) -> list[dict]:
    """The items that launch something, in the organisation's order."""
    return [item for item, _ in _walk(manifest.get("items", [])) if item.get("href")]


def item_by_id(manifest: dict, identifier: str) -> dict | None:
    return next((item for item in launchable(manifest) if item["identifier"] == identifier), None)


def _allows(manifest: dict, ancestors: tuple, key: str, is_2004: bool) -> bool:
    if not is_2004:
        return True
    default = key == "choice"  # SCORM 2004 defaults: choice true, flow false
    clusters = (manifest,) + tuple(ancestors)
    return all(cluster.get("sequencing", {}).get(key, default) for cluster in clusters)


def _ancestors_of(manifest: dict) -> dict[str, tuple]:
    return {item["identifier"]: ancestors for item, ancestors in _walk(manifest.get("items", []))}


def choosable(manifest: dict, identifier: str, *, is_2004: bool) -> bool:
    ancestors = _ancestors_of(manifest).get(identifier)
    if ancestors is None or item_by_id(manifest, identifier) is None:
        return False
    return _allows(manifest, ancestors, "choice", is_2004)


def neighbour(manifest: dict, identifier: str, step: int, *, is_2004: bool) -> str | None:
    """The item "continue" (step 1) or "previous" (step -1) leads to from this one, if flow allows."""
    order = [item["identifier"] for item in launchable(manifest)]
    if identifier not in order:
        return None
    position = order.index(identifier) + step
    if not 0 <= position < len(order):
        return None
    ancestors = _ancestors_of(manifest)
    target = order[position]
    if _allows(manifest, ancestors[identifier], "flow", is_2004) and _allows(
        manifest, ancestors[target], "flow", is_2004
    ):
        return target
    return None


def first_item(manifest: dict) -> str | None:
    items = launchable(manifest)
    return items[0]["identifier"] if items else None


def _tracked(item: dict) -> bool:
    return item.get("sequencing", {}).get("tracked", True) and (item.get("sco", True) or item.get("children"))


def rollup(manifest: dict, statuses: dict[str, ScoStatus]) -> Rollup:
    """The organisation's completion, success and scaled score from its SCOs' statuses."""
    return _rollup_cluster(manifest.get("items", []), statuses)


def _rollup_item(item: dict, statuses: dict[str, ScoStatus]) -> Rollup:
    if item.get("children"):
        return _rollup_cluster(item["children"], statuses)
    status = statuses.get(item["identifier"], ScoStatus())
    return Rollup(completed=status.completed, success=status.success, score_scaled=status.score_scaled)


def _rollup_cluster(children: list[dict], statuses: dict[str, ScoStatus]) -> Rollup:
    completion_parts, satisfaction_parts, measures = [], [], []
    for child in children:
        if not _tracked(child):
            continue
        result = _rollup_item(child, statuses)
        rules = child.get("sequencing", {})
        if rules.get("rollup_completion", True):
            completion_parts.append(result.completed)
        if rules.get("rollup_satisfied", True):
            satisfaction_parts.append(result.success)
        weight = rules.get("measure_weight", 1.0)
        if result.score_scaled is not None and weight > 0:
            measures.append((result.score_scaled, weight))
    completed = bool(completion_parts) and all(completion_parts)
    if any(part is False for part in satisfaction_parts):
        success: bool | None = False
    elif satisfaction_parts and all(part is True for part in satisfaction_parts):
        success = True
    else:
        success = None
    total = sum(weight for _score, weight in measures)
    score = sum(score * weight for score, weight in measures) / total if total else None
    return Rollup(completed=completed, success=success, score_scaled=score)


def after_rollup_status(children: list[dict], statuses: dict[str, ScoStatus]) -> ScoStatus:
    """The rolled-up status of a cluster, as a ``ScoStatus`` (for the table of contents)."""
    rolled = _rollup_cluster(children, statuses)
    return ScoStatus(completed=rolled.completed, success=rolled.success, score_scaled=rolled.score_scaled)
