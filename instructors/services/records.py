"""The xAPI statement of an exchange's training, handed to ``xapi.api`` once both reports are in
(the host's counts the participants, the instructor's the hours delivered)."""

from __future__ import annotations

from xapi import api as xapi_api

from ..models import Agreement, HostReport, InstructorReport, ParticipantCount


def exchange_activity(agreement: Agreement) -> xapi_api.Activity:
    return xapi_api.Activity(
        kind="exchange",
        key=str(agreement.pk),
        name=agreement.title,
        language=agreement.language or "en",
        extensions={
            xapi_api.extension_iri("home-state"): agreement.home_state.code,
            xapi_api.extension_iri("host-state"): agreement.host_state.code,
            xapi_api.extension_iri("discipline"): agreement.discipline,
            xapi_api.extension_iri("format"): agreement.format,
        },
    )


def exchange_delivered(agreement: Agreement) -> None:
    """The instructor delivered the training of this reported exchange, with its participants."""
    participants = {(row.gender, row.role): row.count for row in ParticipantCount.objects.filter(agreement=agreement)}
    report = InstructorReport.objects.filter(agreement=agreement).first()
    host = HostReport.objects.filter(agreement=agreement).first()
    xapi_api.record_exchange_delivered(
        instructor=agreement.instructor.user,
        exchange=exchange_activity(agreement),
        participants=participants,
        hours=report.hours_delivered if report else agreement.hours,
        when=max(r.submitted_at for r in (report, host) if r is not None) if (report or host) else None,
    )
