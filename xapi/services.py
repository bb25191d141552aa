"""Writes for xapi: storing statements (validated, idempotent by id, voiding), client credentials.

``statements_store`` is all or nothing: a batch with one invalid statement, or one whose id is
already stored with different content, stores nothing. The same id with the same content is not an
error: it is stored once (a unique constraint decides between concurrent requests).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.api import platform_mbox_sha1sums, platform_mboxes
from lms.untrusted import UntrustedInput, loads

from . import access, forwarding
from .models import Attachment, AttachmentSender, LRSClient, RelationKind, Statement, StatementRelation
from .validation import VOIDED_VERB, ValidationProblem, parse_timestamp, validate_statement


class StatementInvalid(Exception):
    """A statement (or a request) the LRS refuses: HTTP 400 with ``message``."""

    status = 400

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class StatementRefused(StatementInvalid):
    """A statement this client may not write (its actor is a platform account): HTTP 403."""

    status = 403


class StatementConflict(Exception):
    """A statement id already stored with different content: HTTP 409."""

    status = 409

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


# --- Agents -----------------------------------------------------------------------------------------


def platform_home_page() -> str:
    return settings.SITE_BASE_URL.rstrip("/") + "/"


def actor_for_user(user) -> dict:
    """The xAPI Agent of a platform account: an ``account`` on this site keyed by the user's id.

    No name or e-mail: statements may be forwarded to another LRS, and the id is enough to find
    the person here (docs/decisions/0037-actor-and-authority.md)."""
    return {"objectType": "Agent", "account": {"homePage": platform_home_page(), "name": str(user.pk)}}


def platform_authority() -> dict:
    return {"objectType": "Agent", "name": "Capacitas", "account": {"homePage": platform_home_page(), "name": "lrs"}}


def agent_ifi(agent: dict) -> str | None:
    """A stable string for an Agent's or identified Group's inverse functional identifier."""
    if "mbox" in agent:
        return "mbox:" + agent["mbox"]
    if "mbox_sha1sum" in agent:
        return "mbox_sha1sum:" + agent["mbox_sha1sum"].lower()
    if "openid" in agent:
        return "openid:" + agent["openid"]
    if "account" in agent:
        return "account:" + agent["account"]["homePage"] + "|" + agent["account"]["name"]
    return None


def _agent_ifis(agent: dict | None) -> list[str]:
    """The agent itself and, for a group, its members."""
    if not agent:
        return []
    found = [agent_ifi(agent)]
    found += [agent_ifi(member) for member in agent.get("member", ())]
    return [ifi for ifi in found if ifi]


def _claimed_actors(data: dict):
    """The actor of a statement and of its SubStatement, and the members of such groups."""
    for body in (data, data["object"] if data["object"].get("objectType") == "SubStatement" else None):
        if body is None:
            continue
        actor = body["actor"]
        yield actor
        yield from actor.get("member", ())


def _refuse_platform_actors(prepared: list[Prepared]) -> None:
    """A client speaks for its own users, never for a platform account: refuse a statement whose
    actor is identified by an account or an OpenID on this site, or by the e-mail address of a
    platform user, in the clear (``mbox``) or hashed (``mbox_sha1sum``)."""
    refused = StatementRefused(
        _("A client may not write statements whose actor is an account of this platform; the platform writes those.")
    )
    mboxes, sums = set(), set()
    for item in prepared:
        for agent in _claimed_actors(item.data):
            if "account" in agent and access.is_platform_home_page(agent["account"]["homePage"]):
                raise refused
            if "openid" in agent and access.is_platform_iri(agent["openid"]):
                raise refused
            if "mbox" in agent:
                mboxes.add(agent["mbox"])
            if "mbox_sha1sum" in agent:
                sums.add(agent["mbox_sha1sum"])
    if mboxes and platform_mboxes(mboxes):
        raise refused
    if sums and platform_mbox_sha1sums(sums):
        raise refused


# --- Preparing a statement --------------------------------------------------------------------------


@dataclass
class Prepared:
    statement_id: uuid.UUID
    data: dict
    content_hash: str
    timestamp: datetime.datetime
    verb_id: str
    actor_ifi: str
    object_type: str
    object_statement_id: uuid.UUID | None
    registration: uuid.UUID | None
    is_voiding: bool
    relations: list[tuple[str, str, bool]] = field(default_factory=list)


def _normalise_context_activities(body: dict) -> None:
    """Every contextActivities value as a list (Data 2.4.6.2), copying what it changes so that the
    caller's dict is never modified."""
    context = body.get("context")
    activities = context.get("contextActivities") if isinstance(context, dict) else None
    if isinstance(activities, dict) and any(isinstance(value, dict) for value in activities.values()):
        body["context"] = {
            **context,
            "contextActivities": {k: [v] if isinstance(v, dict) else v for k, v in activities.items()},
        }


def _comparable(data: dict) -> dict:
    """The statement without what the LRS sets or may rewrite (Data 2.3.1: statement comparison)."""
    comparable = {k: v for k, v in data.items() if k not in {"stored", "authority", "version", "timestamp"}}
    if "timestamp" in data:
        moment = parse_timestamp(data["timestamp"], "timestamp").astimezone(datetime.UTC)
        comparable["timestamp"] = moment.isoformat(timespec="milliseconds")
    comparable["actor"] = {"objectType": "Agent", **data["actor"]}
    obj = data["object"]
    comparable["object"] = {"objectType": "Activity", **obj} if "objectType" not in obj else obj
    return comparable


def content_hash(data: dict) -> str:
    encoded = json.dumps(_comparable(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _relations(data: dict) -> list[tuple[str, str, bool]]:
    relations: set[tuple[str, str, bool]] = set()

    def add_agents(agent, direct):
        for ifi in _agent_ifis(agent):
            relations.add((RelationKind.AGENT, ifi, direct))

    def add_context(context):
        if not context:
            return
        add_agents(context.get("instructor"), False)
        add_agents(context.get("team"), False)
        for items in (context.get("contextActivities") or {}).values():
            for activity in items if isinstance(items, list) else [items]:
                relations.add((RelationKind.ACTIVITY, activity["id"], False))

    def add_body(body, direct):
        add_agents(body["actor"], direct)
        obj = body["object"]
        kind = obj.get("objectType", "Activity")
        if kind == "Activity":
            relations.add((RelationKind.ACTIVITY, obj["id"], direct))
        elif kind in ("Agent", "Group"):
            add_agents(obj, direct)
        elif kind == "SubStatement":
            add_body(obj, False)
        add_context(body.get("context"))

    add_body(data, True)
    add_agents(data.get("authority"), False)
    # A direct relation also counts as a related one: keep only the direct row when both exist.
    direct = {(kind, value) for kind, value, is_direct in relations if is_direct}
    return sorted(r for r in relations if r[2] or (r[0], r[1]) not in direct)


def prepare(statement, *, user=None, client: LRSClient | None = None, stored: datetime.datetime) -> Prepared:
    """Validate one statement and complete it as the LRS stores it; raise ``StatementInvalid``."""
    if not isinstance(statement, dict):
        raise StatementInvalid(_("A statement must be a JSON object."))
    # A shallow copy: only top-level keys (and, below, a normalised context) are replaced, never
    # changed in place, so the caller's statement is left as it was.
    data = dict(statement)
    if user is not None:
        # The learner's own platform account, never what the browser claims.
        data["actor"] = actor_for_user(user)
    try:
        validate_statement(data)
    except ValidationProblem as problem:
        if problem.path:
            raise StatementInvalid(
                _("Invalid statement: %(path)s %(problem)s") % {"path": problem.path, "problem": problem.message}
            )
        raise StatementInvalid(_("Invalid statement: %(problem)s") % {"problem": problem.message})
    statement_id = uuid.UUID(data["id"]) if "id" in data else uuid.uuid4()
    data["id"] = str(statement_id)
    data["stored"] = stored.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    data["authority"] = client.authority() if client is not None else platform_authority()
    data.setdefault("version", "1.0.0")
    _normalise_context_activities(data)
    if data["object"].get("objectType") == "SubStatement":
        data["object"] = dict(data["object"])
        _normalise_context_activities(data["object"])
    digest = content_hash(data)
    data.setdefault("timestamp", data["stored"])
    obj = data["object"]
    kind = obj.get("objectType", "Activity")
    is_voiding = data["verb"]["id"] == VOIDED_VERB
    registration = (data.get("context") or {}).get("registration")
    return Prepared(
        statement_id=statement_id,
        data=data,
        content_hash=digest,
        timestamp=parse_timestamp(data["timestamp"], "timestamp"),
        verb_id=data["verb"]["id"],
        actor_ifi=agent_ifi(data["actor"]) or "",
        object_type=kind,
        object_statement_id=uuid.UUID(obj["id"]) if kind == "StatementRef" else None,
        registration=uuid.UUID(registration) if registration else None,
        is_voiding=is_voiding,
        relations=_relations(data),
    )


def _row(item: Prepared, *, user, client, stored) -> Statement:
    return Statement(
        statement_id=item.statement_id,
        content_hash=item.content_hash,
        data=item.data,
        stored=stored,
        timestamp=item.timestamp,
        verb_id=item.verb_id,
        actor_ifi=item.actor_ifi,
        object_type=item.object_type,
        object_statement_id=item.object_statement_id,
        registration=item.registration,
        is_voiding=item.is_voiding,
        client=client,
        user=user,
    )


def _conflict(statement_id) -> StatementConflict:
    return StatementConflict(
        _("A statement with the id %(id)s is already stored with different content.") % {"id": statement_id}
    )


# --- Storing ------------------------------------------------------------------------------------------


def declared_attachments(data: dict) -> list[dict]:
    """The attachments a statement (and its SubStatement) declares."""
    found = list(data.get("attachments") or [])
    obj = data.get("object") or {}
    if obj.get("objectType") == "SubStatement":
        found += list(obj.get("attachments") or [])
    return found


def _check_attachments(prepared: list[Prepared], attachments: dict[str, tuple[str, bytes]]) -> None:
    """Every attachment declared without a fileUrl has its data in the request, and every part of
    the request is the data of a declared attachment (Data 2.4.11, Communication 1.5.2)."""
    needed, known = set(), set()
    for item in prepared:
        for attachment in declared_attachments(item.data):
            known.add(attachment["sha2"].lower())
            if "fileUrl" not in attachment:
                needed.add(attachment["sha2"].lower())
    missing = needed - set(attachments)
    if missing:
        raise StatementInvalid(
            _("The data of the attachment %(sha2)s is missing: send it as a part of a multipart/mixed request.")
            % {"sha2": sorted(missing)[0]}
        )
    unknown = set(attachments) - known
    if unknown:
        raise StatementInvalid(
            _("The request part %(sha2)s is not the data of any attachment of these statements.")
            % {"sha2": sorted(unknown)[0]}
        )


SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
SIGNATURE_ALGORITHMS = {"RS256", "RS384", "RS512"}


def _b64url_json(segment: str):
    padded = segment + "=" * (-len(segment) % 4)
    try:
        return loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except UntrustedInput as error:
        raise ValueError(str(error)) from None


def _signed_content(data: dict) -> dict:
    """What a signature covers: the statement without its attachments and what the LRS sets."""
    comparable = _comparable({k: v for k, v in data.items() if k != "attachments"})
    _normalise_context_activities(comparable)
    return comparable


def _check_signatures(prepared: list[Prepared], attachments: dict[str, tuple[str, bytes]]) -> None:
    """Signed statements (Data 2.6): the signature attachment is ``application/octet-stream`` and
    holds a compact JWS with an RS256/384/512 header whose payload is this statement.

    The JWS signature itself is not verified against a certificate (docs/decisions/0039)."""
    for item in prepared:
        for attachment in item.data.get("attachments") or []:
            if attachment["usageType"] != SIGNATURE_USAGE:
                continue
            refused = StatementInvalid(
                _("The signature of statement %(id)s is not a valid JWS of this statement.") % {"id": item.statement_id}
            )
            if attachment["contentType"].split(";")[0].strip().lower() != "application/octet-stream":
                raise refused
            part = attachments.get(attachment["sha2"].lower())
            if part is None:
                raise refused
            try:
                header_segment, payload_segment, signature_segment = part[1].decode("ascii").strip().split(".")
                header, payload = _b64url_json(header_segment), _b64url_json(payload_segment)
            except (ValueError, UnicodeDecodeError, binascii.Error):
                raise refused
            if not isinstance(header, dict) or header.get("alg") not in SIGNATURE_ALGORITHMS or not signature_segment:
                raise refused
            if not isinstance(payload, dict):
                raise refused
            payload = {**payload, "id": payload.get("id", item.data["id"])}
            try:
                validate_statement({k: v for k, v in payload.items() if k not in ("stored", "authority")})
                expected = _signed_content(item.data)
                if "timestamp" not in payload:
                    expected.pop("timestamp", None)  # the LRS filled it in
                if _signed_content(payload) != expected:
                    raise refused
            except ValidationProblem:
                raise refused


@transaction.atomic
def statements_store(
    *,
    statements: list,
    user=None,
    client: LRSClient | None = None,
    attachments: dict[str, tuple[str, bytes]] | None = None,
) -> list[tuple[Statement, bool]]:
    """Store a batch of statements: all or nothing. Returns (statement, created) in the given order.

    ``attachments`` maps a SHA-2 hash (lower-case hex) to (content type, data): the raw parts of a
    multipart/mixed request, each the data of an attachment the statements declare."""
    if not isinstance(statements, list) or not statements:
        raise StatementInvalid(_("Send a statement or a non-empty list of statements."))
    stored = timezone.now()
    prepared = [prepare(statement, user=user, client=client, stored=stored) for statement in statements]
    ids = [item.statement_id for item in prepared]
    if len(set(ids)) != len(ids):
        raise StatementInvalid(_("The same statement id appears more than once in this batch."))
    if client is not None:
        _refuse_platform_actors(prepared)
    voidable = access.statements_voidable_q(client=client, user=user)

    attachments = {sha2.lower(): part for sha2, part in (attachments or {}).items()}
    _check_attachments(prepared, attachments)
    _check_signatures(prepared, attachments)
    targets = {item.object_statement_id for item in prepared if item.is_voiding}
    if targets:
        batch_voiding = {item.statement_id for item in prepared if item.is_voiding}
        already_voiding = Statement.objects.filter(voidable, statement_id__in=targets, is_voiding=True)
        if targets & batch_voiding or already_voiding.exists():
            raise StatementInvalid(_("A voiding statement cannot itself be voided."))

    # One lock order for every request (by id), so that concurrent batches never deadlock.
    ordered = sorted(prepared, key=lambda item: item.statement_id)
    rows = [_row(item, user=user, client=client, stored=stored) for item in ordered]
    relations = [(item.statement_id, relation) for item in ordered for relation in item.relations]
    new_pks = _insert_new(rows, relations)
    results: dict[uuid.UUID, tuple[Statement, bool]] = {}
    inserted: list[tuple[Prepared, Statement]] = []
    for item, row in zip(ordered, rows, strict=True):
        if row.statement_id in new_pks:
            row.pk, row.voided = new_pks[row.statement_id]
            row._state.adding, row._state.db = False, "default"
            inserted.append((item, row))
    if len(inserted) < len(ordered):
        # Already stored (earlier, or by a concurrent request that committed first): the same
        # content is fine, other content is a conflict and the whole batch is rolled back.
        hashes = {item.statement_id: item.content_hash for item in ordered if item.statement_id not in new_pks}
        for found in Statement.objects.filter(statement_id__in=hashes):
            if found.content_hash != hashes[found.statement_id]:
                raise _conflict(found.statement_id)
            results[found.statement_id] = (found, False)
    if connection.vendor != "postgresql":  # on PostgreSQL the INSERT above wrote them too
        _insert_relations([(row.pk, relation) for item, row in inserted for relation in item.relations])
    if attachments:
        Attachment.objects.bulk_create(
            [
                Attachment(sha2=sha2, content_type=content_type, length=len(content), content=content)
                for sha2, (content_type, content) in sorted(attachments.items())
            ],
            ignore_conflicts=True,
        )
        if client is not None:
            AttachmentSender.objects.bulk_create(
                [AttachmentSender(sha2=sha2, client_id=client.pk) for sha2 in sorted(attachments)],
                ignore_conflicts=True,
            )
    for _item, row in inserted:
        results[row.statement_id] = (row, True)
    new_targets = {item.object_statement_id for item, _row in inserted if item.is_voiding}
    if new_targets:
        # Only statements this sender may void; a voiding statement aimed at someone else's is
        # stored like one aimed at an unknown id (Data 2.3.2), and voids nothing.
        Statement.objects.filter(voidable, statement_id__in=new_targets, is_voiding=False).update(voided=True)
    # Queued for forwarding in the order given (a learner's statements arrive in order).
    by_id = {row.statement_id: row.pk for _item, row in inserted}
    pks = [by_id[item.statement_id] for item in prepared if item.statement_id in by_id]
    targets = forwarding.enqueue(pks) if pks else []
    if targets:
        from .tasks import forward_pending

        for target in targets:
            transaction.on_commit(lambda target=target: forward_pending.delay(target), robust=True)
    return [results[item.statement_id] for item in prepared]


def statement_store(*, statement: dict, user=None, client: LRSClient | None = None) -> tuple[Statement, bool]:
    """Store one statement (see ``statements_store``). With ``user``, the actor is that user's account."""
    return statements_store(statements=[statement], user=user, client=client)[0]


INSERT_COLUMNS = (
    "statement_id",
    "content_hash",
    "data",
    "stored",
    "timestamp",
    "verb_id",
    "actor_ifi",
    "object_type",
    "object_statement_id",
    "registration",
    "is_voiding",
    "client_id",
    "user_id",
)


def _uuid_param(value: uuid.UUID | None):
    if value is None or connection.features.has_native_uuid_field:
        return value
    return value.hex


# PostgreSQL: one INSERT … SELECT FROM unnest(arrays) whatever the batch size (a short query text,
# so psycopg parses it once); elsewhere (SQLite for `make run`): one multi-row VALUES.
PG_TYPES = (
    "uuid",
    "varchar",
    "jsonb",
    "timestamptz",
    "timestamptz",
    "text",
    "text",
    "varchar",
    "uuid",
    "uuid",
    "boolean",
    "bigint",
    "bigint",
)


def _insert_new(
    rows: list[Statement], relations: list[tuple[uuid.UUID, tuple[str, str, bool]]]
) -> dict[uuid.UUID, tuple[int, bool]]:
    """INSERT … ON CONFLICT (statement_id) DO NOTHING RETURNING, in one round trip: the ids stored
    now, with their primary key and whether an earlier voiding statement already voids them. On
    PostgreSQL the same statement also inserts the relations of the rows it inserted (a CTE).

    A concurrent request inserting the same id makes this one wait for it to finish; then the row
    is skipped, not an error, so no savepoint is needed (docs/decisions/0038)."""
    quote = connection.ops.quote_name
    table = quote(Statement._meta.db_table)
    columns = ", ".join(quote(column) for column in (*INSERT_COLUMNS, "voided"))
    # Voided at once by a voiding statement stored earlier by the same sender (client, or learner).
    voided = (
        f"EXISTS (SELECT 1 FROM {table} v WHERE v.is_voiding AND v.object_statement_id = {{sid}} "
        "AND v.client_id IS NOT DISTINCT FROM {client} AND v.user_id IS NOT DISTINCT FROM {user})"
    )
    if connection.vendor == "postgresql":
        arrays = [
            [row.statement_id for row in rows],
            [row.content_hash for row in rows],
            [json.dumps(row.data, ensure_ascii=False) for row in rows],
            [row.stored for row in rows],
            [row.timestamp for row in rows],
            [row.verb_id for row in rows],
            [row.actor_ifi for row in rows],
            [row.object_type for row in rows],
            [row.object_statement_id for row in rows],
            [row.registration for row in rows],
            [row.is_voiding for row in rows],
            [row.client_id for row in rows],
            [row.user_id for row in rows],
        ]
        unnest = ", ".join(f"%s::{'text' if kind == 'jsonb' else kind}[]" for kind in PG_TYPES)
        names = ", ".join(INSERT_COLUMNS)
        select = ", ".join(f"u.{name}::jsonb" if name == "data" else f"u.{name}" for name in INSERT_COLUMNS)
        relation_table = quote(StatementRelation._meta.db_table)
        sql = (
            f"WITH ins AS (INSERT INTO {table} ({columns}) SELECT {select}, "
            f"{voided.format(sid='u.statement_id', client='u.client_id', user='u.user_id')} "
            f"FROM unnest({unnest}) AS u({names}) "
            "ON CONFLICT (statement_id) DO NOTHING RETURNING id, statement_id, voided), "
            f"rel AS (INSERT INTO {relation_table} (statement_id, kind, value, direct) "
            "SELECT ins.id, r.kind, r.value, r.direct FROM ins JOIN "
            "unnest(%s::uuid[], %s::varchar[], %s::text[], %s::boolean[]) AS r(sid, kind, value, direct) "
            "ON r.sid = ins.statement_id) "
            "SELECT id, statement_id, voided FROM ins"
        )
        params: list = [
            *arrays,
            [sid for sid, _r in relations],
            [r[0] for _sid, r in relations],
            [r[1] for _sid, r in relations],
            [r[2] for _sid, r in relations],
        ]
    else:
        data_field = Statement._meta.get_field("data")
        row_sql = (
            "(" + ", ".join(["%s"] * len(INSERT_COLUMNS)) + f", {voided.format(sid='%s', client='%s', user='%s')})"
        )
        params = []
        for row in rows:
            params += [
                _uuid_param(row.statement_id),
                row.content_hash,
                data_field.get_db_prep_save(row.data, connection),
                connection.ops.adapt_datetimefield_value(row.stored),
                connection.ops.adapt_datetimefield_value(row.timestamp),
                row.verb_id,
                row.actor_ifi,
                row.object_type,
                _uuid_param(row.object_statement_id),
                _uuid_param(row.registration),
                row.is_voiding,
                row.client_id,
                row.user_id,
                _uuid_param(row.statement_id),
                row.client_id,
                row.user_id,
            ]
        sql = (
            f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(rows))} "
            "ON CONFLICT (statement_id) DO NOTHING RETURNING id, statement_id, voided"
        )
    uuid_field = Statement._meta.get_field("statement_id")
    if connection.vendor == "postgresql":
        returned = _pg_binary(sql, params)
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            returned = cursor.fetchall()
    return {uuid_field.to_python(statement_id): (pk, bool(voided)) for pk, statement_id, voided in returned}


def _pg_binary(sql: str, params: list) -> list:
    """Run one statement with the arrays bound server-side in binary (psycopg's ``%b``): Django's
    client-side binding would escape every JSON document into an array literal, which cost more
    than the insert itself for a batch of 100."""
    import psycopg

    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql.replace("%s", "%b"), params)
        return cursor.fetchall() if cursor.description else []


def _insert_relations(relations: list[tuple[int, tuple[str, str, bool]]], chunk: int = 4000) -> None:
    """The agents and activities of new statements, in as few INSERTs as possible."""
    if not relations:
        return
    quote = connection.ops.quote_name
    table = quote(StatementRelation._meta.db_table)
    columns = f"{quote('statement_id')}, {quote('kind')}, {quote('value')}, {quote('direct')}"
    if connection.vendor == "postgresql":
        _pg_binary(
            f"INSERT INTO {table} ({columns}) SELECT * FROM unnest(%s::bigint[], %s::varchar[], %s::text[], %s::boolean[])",
            [
                [pk for pk, _r in relations],
                [r[0] for _pk, r in relations],
                [r[1] for _pk, r in relations],
                [r[2] for _pk, r in relations],
            ],
        )
        return
    with connection.cursor() as cursor:
        for start in range(0, len(relations), chunk):
            part = relations[start : start + chunk]
            params: list = []
            for pk, (kind, value, direct) in part:
                params += [pk, kind, value, direct]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join(['(%s, %s, %s, %s)'] * len(part))}", params
            )


# --- Forwarding -----------------------------------------------------------------------------------------


def forward_targets_changed() -> None:
    forwarding.targets_changed()


# --- Client credentials ------------------------------------------------------------------------------------


def secret_digest(secret: str) -> str:
    """HMAC-SHA256 of a client secret under the site's SECRET_KEY (docs/decisions/0035-client-credentials.md)."""
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def lrs_client_secret_reset(*, client: LRSClient) -> str:
    """A new random secret for the client; returns it (shown once, stored only as a keyed hash)."""
    secret = secrets.token_urlsafe(32)
    client.secret_hash = secret_digest(secret)
    if not client.key:
        client.key = secrets.token_hex(10)
    client.full_clean(exclude=["key", "secret_hash"])
    client.save()
    lrs_client_changed(client=client)
    return secret


@transaction.atomic
def lrs_client_create(
    *, name: str, description: str = "", can_read: bool = True, can_write: bool = True, can_read_all: bool = False
) -> tuple[LRSClient, str]:
    """A new client with a random key and secret; returns the client and the secret (shown once)."""
    client = LRSClient(
        name=name, description=description, can_read=can_read, can_write=can_write, can_read_all=can_read_all
    )
    secret = lrs_client_secret_reset(client=client)
    return client, secret


CLIENT_CACHE_SECONDS = 10


def _client_cache_key(key: str) -> str:
    return "xapi:client:" + hashlib.sha256(key.encode()).hexdigest()


def lrs_client_changed(*, client: LRSClient) -> None:
    """Forget the cached credentials of a client (after an edit, a new secret or a deletion)."""
    cache.delete(_client_cache_key(client.key))


def lrs_client_authenticate(*, key: str, secret: str) -> LRSClient | None:
    """The active client with this key whose secret matches, else None (constant-time comparison).

    The client row is cached for ``CLIENT_CACHE_SECONDS`` so that a statement POST costs no query
    for credentials; edits through the admin clear it at once (docs/decisions/0035)."""
    cache_key = _client_cache_key(key)
    cached = cache.get(cache_key)
    if cached is None:
        found = LRSClient.objects.filter(key=key, active=True).first()
        cached = (
            {
                f: getattr(found, f)
                for f in ("pk", "name", "key", "secret_hash", "can_read", "can_write", "can_read_all")
            }
            if found
            else {}
        )
        cache.set(cache_key, cached, CLIENT_CACHE_SECONDS)
    digest = secret_digest(secret)
    if not cached or not hmac.compare_digest(cached["secret_hash"], digest):
        return None
    client = LRSClient(active=True, **{("id" if f == "pk" else f): v for f, v in cached.items()})
    client._state.adding = False
    client._state.db = "default"
    return client
