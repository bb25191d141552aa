from accounts.api import Subregion

from .models import MemberStatePage


def state_pages_by_subregion(*, locale) -> list[tuple[str, list[MemberStatePage]]]:
    pages = MemberStatePage.objects.live().filter(locale=locale).select_related("state").order_by("title")
    grouped: dict[str, list[MemberStatePage]] = {value: [] for value in Subregion.values}
    for page in pages:
        grouped[page.state.subregion].append(page)
    return [(Subregion(value).label, grouped[value]) for value in Subregion.values if grouped[value]]


def state_page(*, state, locale) -> MemberStatePage | None:
    return MemberStatePage.objects.filter(state=state, locale=locale).first()


def home_pages() -> dict[str, object]:
    """The home page of each language, by language code (one query)."""
    from .models import HomePage

    return {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}


def state_id_above(page) -> int | None:
    """The member state of the member state page directly above this (unsaved or saved) page, or
    None when its parent is not a member state page: the tree decides which state owns a page."""
    if not (page.path and page.depth and page.depth > 1):
        return None
    parent = MemberStatePage.objects.filter(path=page.path[: -page.steplen]).only("state_id").first()
    return parent.state_id if parent else None
