"""Demo LTI registration: a Moodle of a police academy registered by hand with one deployment, so
that the admin's "LTI platforms" shows a configured platform beside the tool's published key.

The platform lives at an ``.example`` address (RFC 2606), which no one can own: launches from it
cannot happen, and nothing is ever sent to it (scores and rosters follow launches). Safe to run
again: a platform already registered (issuer and client id) is left as it is."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from . import keys
from .models import Deployment, Platform

DATA = Path(__file__).resolve().parent / "demo"


def data(name: str):
    """One of the demo data files, parsed (trusted files of the repository)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@transaction.atomic
def load(*, stdout) -> None:
    keys.current_key()  # a signing key now, so /lti/jwks/ already lists one
    for row in data("platforms"):
        platform, created = Platform.objects.get_or_create(
            issuer=row["issuer"],
            client_id=row["client_id"],
            defaults={field: row[field] for field in ("name", "auth_login_url", "auth_token_url", "key_set_url")},
        )
        for deployment_id in row["deployments"]:
            Deployment.objects.get_or_create(platform=platform, deployment_id=deployment_id)
        if created:
            stdout.write(f"  LTI platform {platform.name} with {len(row['deployments'])} deployment(s)")
