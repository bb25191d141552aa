"""Home pages in four languages and a page for each member state."""

from django.utils.translation import gettext, override

from accounts.api import member_states

from . import services

INTRO = "Training for the citizen-security institutions of the Americas: curricula, distance courses and instructor exchange."


def load(*, stdout) -> None:
    homes = services.home_pages_ensure()
    for code, page in homes.items():
        with override(code):
            intro = gettext(INTRO)
        if page.intro != intro:
            page.intro = intro
            page.save_revision().publish()
    for state in member_states():
        services.state_pages_ensure(state=state)
    stdout.write(f"  {len(homes)} home pages, {member_states().count()} member states in each language")
