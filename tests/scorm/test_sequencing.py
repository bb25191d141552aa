"""Flow, choice and completion rollup over the shared packages' organisations."""

from __future__ import annotations

from scorm import sequencing
from scorm.sequencing import ScoStatus
from scorm.validation import package_validate

from .conftest import sample


def manifest(name: str) -> dict:
    return package_validate(sample(f"valid/{name}")).manifest


def test_remediation_allows_flow_only():
    tree = manifest("SequencingSimpleRemediation_SCORM20043rdEdition.zip")
    order = [item["identifier"] for item in sequencing.launchable(tree)]
    assert order[0] == "playing_item"
    assert sequencing.neighbour(tree, order[0], 1, is_2004=True) == order[1]
    assert sequencing.neighbour(tree, order[1], -1, is_2004=True) == order[0]
    assert sequencing.neighbour(tree, order[-1], 1, is_2004=True) is None
    assert not sequencing.choosable(tree, order[2], is_2004=True)  # controlMode choice="false"


def test_2004_defaults_allow_choice_and_not_flow():
    tree = manifest("ContentPackagingOneFilePerSCO_SCORM20043rdEdition.zip")
    order = [item["identifier"] for item in sequencing.launchable(tree)]
    assert len(order) > 10
    assert sequencing.choosable(tree, order[3], is_2004=True)
    assert sequencing.neighbour(tree, order[0], 1, is_2004=True) is None


def test_12_allows_both():
    tree = manifest("ContentPackagingOneFilePerSCO_SCORM12.zip")
    order = [item["identifier"] for item in sequencing.launchable(tree)]
    assert sequencing.neighbour(tree, order[0], 1, is_2004=False) == order[1]
    assert sequencing.choosable(tree, order[-1], is_2004=False)


def test_rollup_follows_the_manifests_rules_only_the_post_test_counts():
    tree = manifest("SequencingPostTestRollup4thEd_SCORM20044thEdition.zip")
    order = [item["identifier"] for item in sequencing.launchable(tree)]
    done = {identifier: ScoStatus(completed=True) for identifier in order}
    assert sequencing.rollup(tree, done).completed
    without_content = {order[-1]: ScoStatus(completed=True)}
    assert sequencing.rollup(tree, without_content).completed
    without_test = {identifier: ScoStatus(completed=True) for identifier in order[:-1]}
    assert not sequencing.rollup(tree, without_test).completed
    failed = {**done, order[-1]: ScoStatus(completed=True, success=False, score_scaled=0.2)}
    rolled = sequencing.rollup(tree, failed)
    assert rolled.success is False and rolled.score_scaled == 0.2


def test_rollup_weights_and_untracked_items():
    tree = {
        "items": [
            {"identifier": "a", "href": "a.html", "sco": True, "sequencing": {"measure_weight": 3.0}, "children": []},
            {"identifier": "b", "href": "b.html", "sco": True, "sequencing": {}, "children": []},
            {"identifier": "c", "href": "c.html", "sco": True, "sequencing": {"tracked": False}, "children": []},
        ]
    }
    statuses = {"a": ScoStatus(True, True, 1.0), "b": ScoStatus(True, True, 0.0)}
    rolled = sequencing.rollup(tree, statuses)
    assert rolled.completed and rolled.success is True and rolled.score_scaled == 0.75
