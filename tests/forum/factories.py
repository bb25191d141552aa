"""The forum's world: Mexico and Colombia, the secretariat, their coordinators and officials, an
official of Brazil, someone signed in with no role; one space of each kind; threads with posts
written through the services."""

from __future__ import annotations

from forum import services
from forum.models import SpaceKind
from tests.accounts.factories import UserFactory, coordinator, official, secretariat, state


def forum_people() -> dict:
    mx, co, br = state("MX"), state("CO"), state("BR")
    return {
        "mx": mx,
        "co": co,
        "br": br,
        "secretariat": secretariat(username="sec"),
        "coordinator_mx": coordinator(mx, username="coord-mx"),
        "coordinator_co": coordinator(co, username="coord-co"),
        "official_mx": official(mx, username="official-mx"),
        "official_co": official(co, username="official-co"),
        "official_br": official(br, username="official-br"),
        "nobody": UserFactory(username="nobody"),
    }


def forum_spaces(people) -> dict:
    return {
        "coordinators": services.space_upsert(
            slug="coordinators", kind=SpaceKind.COORDINATORS, title_en="Coordinators", title_es="Coordinadores"
        ),
        "officials": services.space_upsert(
            slug="officials", kind=SpaceKind.OFFICIALS, title_en="Officials", title_es="Funcionarios", questions=True
        ),
        "mx": services.space_upsert(slug="mexico", kind=SpaceKind.STATE, state=people["mx"], title_en="Mexico"),
        "co": services.space_upsert(slug="colombia", kind=SpaceKind.STATE, state=people["co"], title_en="Colombia"),
        "public": services.space_upsert(slug="public", kind=SpaceKind.PUBLIC, title_en="Public", title_es="Público"),
    }


def thread_with_posts(space, author, *, posts: int = 1, title: str = "Chain of custody", language: str = "en"):
    thread = services.thread_create(
        user=author, space=space, title=title, body="<p>How do you train on chain of custody?</p>", language=language
    )
    for n in range(posts - 1):
        services.post_create(user=author, thread=thread, body=f"Reply number {n + 2}", language=language)
    thread.refresh_from_db()
    return thread
