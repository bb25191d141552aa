"""Reads for xapi: statement queries with the xAPI filters, newest first, cursor paging."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Attachment, AttachmentSender, RelationKind, Statement, StatementRelation


@dataclass(frozen=True)
class StatementFilter:
    agent_ifi: str | None = None
    verb: str | None = None
    activity: str | None = None
    registration: uuid.UUID | None = None
    related_activities: bool = False
    related_agents: bool = False
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None
    ascending: bool = False


def statement_by_id(statement_id: uuid.UUID, *, visible: Q, voided: bool = False) -> Statement | None:
    """A statement by id among those the reader may see (``visible``, from ``access``): a voided
    one only through ``voided=True`` (``voidedStatementId``), as xAPI says."""
    found = Statement.objects.filter(visible, statement_id=statement_id, voided=voided)
    return found.only("data", "stored", "client_id").first()


#: A filter naming an agent or activity with at most this many mentions is read from the relations
#: index (its matches, then the newest of them); a broader one scans statements newest first,
#: testing each, which finds a page of dense matches at once (docs/xapi.md, "Filters").
SELECTIVE = 5000


def _mentioning(kind: str, value: str, *, related: bool) -> QuerySet[StatementRelation]:
    """Ids of the statements that mention this agent or activity, read from the relations index."""
    relations = StatementRelation.objects.filter(kind=kind, value=value)
    if not related:
        relations = relations.filter(direct=True)
    return relations.values("statement_id")


def _relation_filters(criteria: StatementFilter) -> list[tuple[str, str, bool]]:
    found = []
    if criteria.agent_ifi:
        found.append((RelationKind.AGENT, criteria.agent_ifi, criteria.related_agents))
    if criteria.activity:
        found.append((RelationKind.ACTIVITY, criteria.activity, criteria.related_activities))
    return found


def _is_selective(kind: str, value: str, related: bool) -> bool:
    """Whether few statements mention this value: a count bounded at SELECTIVE + 1 index entries."""
    return _mentioning(kind, value, related=related)[: SELECTIVE + 1].count() <= SELECTIVE


def _matching(criteria: StatementFilter, *, semi_join: bool) -> Q | None:
    """The non-time conditions, or None when there are none. Agent and activity conditions are a
    semi-join on the relations index (``semi_join``) or a test per statement (EXISTS)."""
    conditions = Q()
    used = False
    for kind, value, related in _relation_filters(criteria):
        if semi_join:
            conditions &= Q(pk__in=_mentioning(kind, value, related=related))
        else:
            relations = StatementRelation.objects.filter(statement=OuterRef("pk"), kind=kind, value=value)
            conditions &= Q(Exists(relations if related else relations.filter(direct=True)))
        used = True
    if criteria.verb:
        conditions &= Q(verb_id=criteria.verb)
        used = True
    if criteria.registration:
        conditions &= Q(registration=criteria.registration)
        used = True
    return conditions if used else None


def statements_query(criteria: StatementFilter, *, visible: Q) -> QuerySet[Statement]:
    """Statements the reader may see (``visible``) matching the filters, voided ones left out,
    ordered by ``stored`` (newest first unless ``ascending``). A statement that targets another by
    StatementRef matches the non-time filters when its target, also visible, does (Data 2.5:
    filter conditions for StatementRefs).

    When an agent or activity filter is selective, the candidates are the union of its matches
    and of the statements referring to them, both read through indexes (relations,
    ``object_statement_id``), and the page is the newest of those; otherwise statements are
    read newest first and each is tested. See docs/xapi.md for the plans at 1,000,000 statements."""
    query = Statement.objects.filter(visible, voided=False)
    selective = any(_is_selective(*relation) for relation in _relation_filters(criteria))
    matching = _matching(criteria, semi_join=selective)
    if matching is not None:
        matches = Statement.objects.filter(visible).filter(matching)
        if selective:
            referring = Statement.objects.filter(object_statement_id__in=matches.values("statement_id")).values("pk")
            query = query.filter(pk__in=matches.values("pk").union(referring))
        else:
            # Per statement read newest first: it matches, or it is a StatementRef whose target
            # (one unique-index lookup) matches. An IN over every match would be materialised and
            # rescanned for each statement read when the matches outgrow work_mem.
            target = Statement.objects.filter(statement_id=OuterRef("object_statement_id")).filter(visible, matching)
            query = query.filter(matching | (Q(object_statement_id__isnull=False) & Exists(target)))
    if criteria.since:
        query = query.filter(stored__gt=criteria.since)
    if criteria.until:
        query = query.filter(stored__lte=criteria.until)
    if criteria.ascending:
        return query.order_by("stored", "id")
    return query.order_by("-stored", "-id")


def statements_page(
    criteria: StatementFilter, *, visible: Q, limit: int, after: tuple[datetime.datetime, int] | None = None
) -> tuple[list[Statement], tuple[datetime.datetime, int] | None]:
    """One page of statements after the cursor (``stored``, ``id``) and the cursor of the next page."""
    query = statements_query(criteria, visible=visible)
    if after is not None:
        stored, pk = after
        if criteria.ascending:
            query = query.filter(Q(stored__gt=stored) | Q(stored=stored, id__gt=pk))
        else:
            query = query.filter(Q(stored__lt=stored) | Q(stored=stored, id__lt=pk))
    rows = list(query.only("id", "data", "stored", "client_id")[: limit + 1])
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, (rows[-1].stored, rows[-1].pk)
    return rows, None


def attachments_for(statements: list[Statement]) -> list[Attachment]:
    """The stored data of the attachments these statements declare, each once (two queries).

    Attachment data is stored once by hash for the whole store. A statement declared without a
    ``fileUrl`` could only be stored with its data, so its sender had that data; one declared
    with a ``fileUrl`` gets the data only if its own client sent it (``AttachmentSender``):
    otherwise declaring a known hash would hand one client a file another client uploaded."""
    from .services import declared_attachments

    hashes: set[str] = set()
    by_url: set[tuple[str, int | None]] = set()
    for row in statements:
        for declared in declared_attachments(row.data):
            if "sha2" not in declared:
                continue
            if "fileUrl" in declared:
                by_url.add((declared["sha2"].lower(), row.client_id))
            else:
                hashes.add(declared["sha2"].lower())
    if by_url:
        senders = AttachmentSender.objects.filter(
            sha2__in={sha2 for sha2, _client in by_url}, client_id__in={c for _s, c in by_url if c is not None}
        ).values_list("sha2", "client_id")
        hashes |= {sha2 for sha2, _client in set(senders) & by_url}
    if not hashes:
        return []
    return list(Attachment.objects.filter(sha2__in=hashes).order_by("sha2"))


#: How many of the newest statements that mention an activity the Activities resource merges.
ACTIVITY_STATEMENTS = 200


def _activities_in(data: dict, activity_id: str):
    """Every Activity object with this id in a statement: object, SubStatement, context."""
    bodies = [data]
    if isinstance(data.get("object"), dict) and data["object"].get("objectType") == "SubStatement":
        bodies.append(data["object"])
    for body in bodies:
        obj = body.get("object") or {}
        if obj.get("objectType", "Activity") == "Activity" and obj.get("id") == activity_id:
            yield obj
        for items in ((body.get("context") or {}).get("contextActivities") or {}).values():
            for activity in items if isinstance(items, list) else [items]:
                if isinstance(activity, dict) and activity.get("id") == activity_id:
                    yield activity


def activity_object(activity_id: str, *, visible: Q) -> dict | None:
    """The Activity as the statements the reader may see describe it (Communication 2.5): the
    definitions of the newest ``ACTIVITY_STATEMENTS`` statements that mention it, merged oldest
    first, language maps entry by entry; None when no such statement mentions it."""
    mentions = StatementRelation.objects.filter(kind=RelationKind.ACTIVITY, value=activity_id).values("statement_id")
    rows = (
        Statement.objects.filter(visible, pk__in=mentions)
        .order_by("-stored", "-id")
        .values_list("data", flat=True)[:ACTIVITY_STATEMENTS]
    )
    found = False
    definition: dict = {}
    for data in reversed(list(rows)):
        for activity in _activities_in(data, activity_id):
            found = True
            for key, value in (activity.get("definition") or {}).items():
                if key in ("name", "description", "extensions") and isinstance(definition.get(key), dict):
                    definition[key] = {**definition[key], **value}
                else:
                    definition[key] = value
    if not found:
        return None
    activity = {"objectType": "Activity", "id": activity_id}
    if definition:
        activity["definition"] = definition
    return activity


def learner_statements(*, user) -> QuerySet:
    """The statements the platform recorded for this learner (not voided), oldest first: what the
    learner downloads from their account. Those of LRS clients are never a learner's (0043)."""
    return Statement.objects.filter(user_id=user.pk, client__isnull=True, voided=False).order_by("stored", "pk")
