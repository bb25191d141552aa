"""Duration bands and levels are listed in their own order, not by count."""

from search.views import _facet_order


def test_duration_and_level_keep_their_natural_order():
    values = {"extended": 5, "short": 1, "medium": 9, "long": 2}
    assert [v for v, _c in sorted(values.items(), key=_facet_order("duration"))] == [
        "short",
        "medium",
        "long",
        "extended",
    ]
    levels = {"advanced": 1, "basic": 3, "specialisation": 7, "intermediate": 2}
    assert [v for v, _c in sorted(levels.items(), key=_facet_order("level"))] == [
        "basic",
        "intermediate",
        "advanced",
        "specialisation",
    ]


def test_other_facets_go_by_count_then_value():
    values = {"es": 2, "en": 5, "fr": 2}
    assert [v for v, _c in sorted(values.items(), key=_facet_order("language"))] == ["en", "es", "fr"]
