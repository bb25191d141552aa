"""A learner's own records, for people (session, language prefix), apart from the LRS's machine
interface: the download of their statements from their account page."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.views.decorators.http import require_safe

from . import selectors


@login_required
@require_safe
def my_statements(request):
    """Every statement recorded for the signed-in learner, as one xAPI StatementResult (JSON),
    streamed so that a long record needs no memory. No id in the address: the session decides."""
    rows = selectors.learner_statements(user=request.user).values_list("data", flat=True)

    def body():
        yield '{"statements":['
        for index, data in enumerate(rows.iterator(chunk_size=500)):
            yield ("," if index else "") + json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        yield '],"more":""}'

    response = StreamingHttpResponse(body(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="capacitas-learning-records.json"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
