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
