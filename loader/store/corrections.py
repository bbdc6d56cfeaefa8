"""Human corrections: recorded with who, when and why in `corrections`, applied at once, and
re-applied after every reload so that a reload never silently undoes them.

What can be corrected:

- a field of an incident (`set_field` on incidents: killed_low, city, attack_type, ...);
- a field of a group (`set_field` on groups: name, description, parent, reviewed, wikidata_id);
- two groups that are one (`merge` on groups: every reference to the first moves to the second,
  its spellings become the second's aliases, the first row goes);
- a spelling of a group or organisation (`add_alias`);
- an incident that is not one (`delete` on incidents).

A correction names its row by id and by a key that finds the row again when a reload gives it a
new id: for an incident, its source (`source_key`) and quote, date, country, city and attack type;
for a group or organisation, its name. Re-applying changes only what differs, so reloading
unchanged content changes no row, corrections included. Corrections can also be kept in a file
under version control (`export_corrections` / `import_corrections`, JSON Lines).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from loader.db.errors import EventsDbError

Outcome = Literal["applied", "in_effect", "target_missing", "failed"]

# Correctable incident columns and their SQL types (values arrive as text or JSON).
INCIDENT_FIELDS: dict[str, str] = {
    "date_start": "date",
    "date_end": "date",
    "date_precision": "text",
    "country": "text",
    "admin1_code": "text",
    "admin1_name": "text",
    "admin2_name": "text",
    "city": "text",
    "latitude": "double precision",
    "longitude": "double precision",
    "location_precision": "text",
    "attack_type": "text",
    "suicide": "boolean",
    "target_type": "text",
    "target_description": "text",
    "killed_low": "integer",
    "killed_high": "integer",
    "wounded_low": "integer",
    "wounded_high": "integer",
    "summary": "text",
}
GROUP_FIELDS: dict[str, str] = {
    "name": "text",
    "description": "text",
    "parent_id": "bigint",
    "reviewed": "boolean",
    "wikidata_id": "text",
}
ActorTable = Literal["groups", "organisations"]


class CorrectionError(EventsDbError):
    """A correction that cannot be made (no such row, a value the column does not take, ...)."""


@dataclass(frozen=True)
class CorrectionRow:
    id: int
    action: str
    target_table: str
    target_id: int | None
    target_key: dict[str, Any] | None
    field: str | None
    old_value: Any
    new_value: Any
    author: str
    reason: str
    created_at: datetime
    applied_at: datetime | None
    last_outcome: str | None
    last_error: str | None


_SELECT = (
    "SELECT id, action, target_table, target_id, target_key, field, old_value, new_value, author, reason, "
    "created_at, applied_at, last_outcome, last_error FROM corrections"
)


def _rows(conn: psycopg.Connection, where: str = "", params: Sequence[Any] = ()) -> list[CorrectionRow]:
    with conn.cursor(row_factory=dict_row) as cursor:
        cursor.execute(f"{_SELECT} {where} ORDER BY id", params)
        return [CorrectionRow(**row) for row in cursor.fetchall()]


def list_corrections(conn: psycopg.Connection) -> list[CorrectionRow]:
    return _rows(conn)


# --- values ---------------------------------------------------------------------------------------


def parse_value(field: str, sql_type: str, text: str | None) -> Any:
    """A command-line value as the JSON value stored for a field of this SQL type ('' or 'null'
    clears the field)."""
    if text is None or text.strip().lower() in ("", "null", "none"):
        return None
    value = text.strip()
    try:
        if sql_type in ("integer", "bigint"):
            return int(value)
        if sql_type == "double precision":
            return float(value)
        if sql_type == "boolean":
            lowered = value.lower()
            if lowered not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(value)
            return lowered in ("true", "yes", "1")
        if sql_type == "date":
            return date.fromisoformat(value).isoformat()
    except ValueError:
        raise CorrectionError(f"{field}: {value!r} is not a valid {sql_type}") from None
    return value


def _sql_error(error: psycopg.Error) -> str:
    diag = error.diag
    return " ".join(str(diag.message_primary or error).split())


# --- finding the corrected row again -----------------------------------------------------------------


def incident_key(conn: psycopg.Connection, incident_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        """
        SELECT s.source_key, i.quote, i.date_start, i.country, i.city, i.attack_type
        FROM incidents i JOIN sources s ON s.id = i.source_id WHERE i.id = %s
        """,
        (incident_id,),
    ).fetchone()
    if row is None:
        return None
    source_key, quote, day, country, city, attack_type = row
    return {
        "source_key": source_key,
        "quote": quote,
        "date_start": day.isoformat() if day else None,
        "country": country,
        "city": city,
        "attack_type": attack_type,
    }


def find_incident(
    conn: psycopg.Connection, target_id: int | None, key: Mapping[str, Any] | None
) -> int | None:
    """The incident a correction is about: the same id if it still exists, else the incident of the
    current version of the keyed source with the same quote, else the only one with the same date,
    country, city and attack type."""
    if target_id is not None:
        row = conn.execute("SELECT id FROM incidents WHERE id = %s", (target_id,)).fetchone()
        if row is not None:
            return int(row[0])
    if not key or not key.get("source_key"):
        return None
    rows = conn.execute(
        """
        SELECT DISTINCT r.incident_id, r.quote, r.date_start, r.country, r.city, r.attack_type
        FROM incident_reports r JOIN sources s ON s.id = r.source_id
        WHERE s.source_key = %s AND s.is_current
        """,
        (key["source_key"],),
    ).fetchall()
    same_quote = {row[0] for row in rows if row[1] == key.get("quote")}
    if len(same_quote) == 1:
        return same_quote.pop()
    wanted = (key.get("date_start"), key.get("country"), key.get("city"), key.get("attack_type"))
    same_facts = {
        row[0] for row in rows if (row[2].isoformat() if row[2] else None, row[3], row[4], row[5]) == wanted
    }
    return same_facts.pop() if len(same_facts) == 1 else None


def find_actor(
    conn: psycopg.Connection, table: ActorTable, target_id: int | None, name: str | None
) -> int | None:
    """A group or organisation by id if it still exists, else by name (through its aliases)."""
    if target_id is not None:
        row = conn.execute(f"SELECT id FROM {table} WHERE id = %s", (target_id,)).fetchone()
        if row is not None:
            return int(row[0])
    if not name:
        return None
    alias_table, id_column = _alias_table(table)
    row = conn.execute(
        f"""
        SELECT coalesce(
            (SELECT {id_column} FROM {alias_table} WHERE alias_normalized = normalize_name(%s)),
            (SELECT id FROM {table} WHERE name_normalized = normalize_name(%s)))
        """,
        (name, name),
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def _alias_table(table: ActorTable) -> tuple[str, str]:
    return ("group_aliases", "group_id") if table == "groups" else ("organisation_aliases", "organisation_id")


def _actor_reference(conn: psycopg.Connection, table: ActorTable, reference: str) -> tuple[int, str]:
    """(id, canonical name) of a group or organisation given by id or by any of its names."""
    target_id = int(reference) if reference.strip().isdigit() else None
    found = find_actor(conn, table, target_id, None if target_id is not None else reference)
    if found is None:
        what = "group" if table == "groups" else "organisation"
        raise CorrectionError(f"no {what} {reference!r} (give its id or one of its names)")
    row = conn.execute(f"SELECT name FROM {table} WHERE id = %s", (found,)).fetchone()
    assert row is not None
    return found, str(row[0])


# --- applying ---------------------------------------------------------------------------------------


def _record_outcome(
    conn: psycopg.Connection,
    correction: CorrectionRow,
    outcome: Outcome,
    *,
    changed: bool,
    error: str | None = None,
    load_run_id: int | None = None,
) -> None:
    """Note how the correction went; untouched when nothing changed and the outcome is the same (so
    that reloading unchanged content changes no row)."""
    if not changed and correction.last_outcome == outcome and correction.last_error == error:
        return
    if not changed and outcome == "in_effect" and correction.last_outcome == "applied":
        return  # still in effect from its last application
    conn.execute(
        "UPDATE corrections SET applied_at = now(), applied_load_run_id = %s, last_outcome = %s, "
        "last_error = %s WHERE id = %s",
        (load_run_id, outcome, error, correction.id),
    )


def _apply_incident_fields(
    conn: psycopg.Connection,
    incident_id: int,
    corrections: list[CorrectionRow],
    load_run_id: int | None,
) -> int:
    """Apply every set_field correction of one incident in one UPDATE (so that killed_low and
    killed_high corrected separately never meet a half-corrected row); the newest wins per field."""
    latest: dict[str, CorrectionRow] = {}
    for correction in corrections:
        if correction.field in INCIDENT_FIELDS:
            latest[correction.field] = correction
    if not latest:
        return 0
    fields = list(latest)
    casts = [f"%s::{INCIDENT_FIELDS[f]}" for f in fields]
    values = [latest[f].new_value for f in fields]
    row = conn.execute(
        f"SELECT {', '.join(f'{f} IS DISTINCT FROM {c}' for f, c in zip(fields, casts, strict=True))} "
        "FROM incidents WHERE id = %s",
        (*values, incident_id),
    ).fetchone()
    assert row is not None
    differing = {f for f, differs in zip(fields, row, strict=True) if differs}
    error: str | None = None
    if differing:
        assignments = ", ".join(f"{f} = {c}" for f, c in zip(fields, casts, strict=True) if f in differing)
        try:
            with conn.transaction():
                conn.execute(
                    f"UPDATE incidents SET {assignments} WHERE id = %s",
                    (*(latest[f].new_value for f in fields if f in differing), incident_id),
                )
        except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as failure:
            error = _sql_error(failure)
    for correction in corrections:
        if correction.field not in latest:
            _record_outcome(
                conn, correction, "failed", changed=False, error=f"unknown field {correction.field}"
            )
        elif error is not None:
            _record_outcome(conn, correction, "failed", changed=False, error=error, load_run_id=load_run_id)
        else:
            changed = latest[correction.field] is correction and correction.field in differing
            outcome: Outcome = "applied" if changed else "in_effect"
            _record_outcome(conn, correction, outcome, changed=changed, load_run_id=load_run_id)
    return 0 if error else len(differing)


def _apply_incident_corrections(
    conn: psycopg.Connection, corrections: list[CorrectionRow], load_run_id: int | None
) -> int:
    """set_field and delete corrections of incidents, in order. Returns the number of rows changed."""
    changed = 0
    by_incident: dict[int, list[CorrectionRow]] = {}
    for correction in corrections:
        incident_id = find_incident(conn, correction.target_id, correction.target_key)
        if incident_id is None:
            outcome: Outcome = "in_effect" if correction.action == "delete" else "target_missing"
            _record_outcome(conn, correction, outcome, changed=False, load_run_id=load_run_id)
            continue
        if correction.action == "delete":
            conn.execute("DELETE FROM incidents WHERE id = %s", (incident_id,))
            by_incident.pop(incident_id, None)
            _record_outcome(conn, correction, "applied", changed=True, load_run_id=load_run_id)
            changed += 1
            continue
        by_incident.setdefault(incident_id, []).append(correction)
    for incident_id, of_incident in by_incident.items():
        exists = conn.execute("SELECT 1 FROM incidents WHERE id = %s", (incident_id,)).fetchone()
        if exists is None:  # deleted by a later correction
            continue
        changed += _apply_incident_fields(conn, incident_id, of_incident, load_run_id)
    return changed


def reapply_for_incidents(
    conn: psycopg.Connection,
    incident_ids: Sequence[int],
    *,
    source_keys: Sequence[str],
    load_run_id: int | None,
) -> int:
    """Re-apply the corrections of these incidents and of the incidents of these sources (found by
    key when the reload gave them new ids), in the caller's transaction. Returns rows changed."""
    corrections = _rows(
        conn,
        "WHERE target_table = 'incidents' AND action IN ('set_field', 'delete') "
        "AND (target_id = ANY(%s) OR target_key->>'source_key' = ANY(%s))",
        (list(incident_ids), list(source_keys)),
    )
    return _apply_incident_corrections(conn, corrections, load_run_id) if corrections else 0


def _merge(conn: psycopg.Connection, table: ActorTable, merged: int, into: int) -> None:
    """Move every reference to row `merged` onto row `into`, then delete `merged`."""
    alias_table, id_column = _alias_table(table)
    name_row = conn.execute(f"SELECT name FROM {table} WHERE id = %s", (merged,)).fetchone()
    assert name_row is not None
    if table == "groups":
        conn.execute("UPDATE claims SET claimant_group_id = %s WHERE claimant_group_id = %s", (into, merged))
        conn.execute("UPDATE claims SET about_group_id = %s WHERE about_group_id = %s", (into, merged))
        conn.execute(
            "UPDATE incident_reports SET perpetrator_group_id = %s WHERE perpetrator_group_id = %s",
            (into, merged),
        )
        conn.execute(
            """
            INSERT INTO incident_perpetrators (incident_id, group_id, attribution, claim_id, load_run_id,
                                               extractor_version, created_at)
            SELECT incident_id, %s, attribution, claim_id, load_run_id, extractor_version, created_at
            FROM incident_perpetrators WHERE group_id = %s
            ON CONFLICT DO NOTHING
            """,
            (into, merged),
        )
        conn.execute("DELETE FROM incident_perpetrators WHERE group_id = %s", (merged,))
        # A relation between the two becomes a relation of a group with itself: it goes.
        conn.execute(
            "DELETE FROM group_relations WHERE (subject_group_id, object_group_id) IN ((%s, %s), (%s, %s))",
            (merged, into, into, merged),
        )
        for column in ("subject_group_id", "object_group_id"):
            conn.execute(
                f"""
                UPDATE group_relations g SET {column} = %(into)s
                WHERE g.{column} = %(merged)s AND NOT EXISTS (
                    SELECT 1 FROM group_relations x
                    WHERE x.subject_group_id = CASE WHEN '{column}' = 'subject_group_id' THEN %(into)s
                                                    ELSE g.subject_group_id END
                      AND x.object_group_id = CASE WHEN '{column}' = 'object_group_id' THEN %(into)s
                                                   ELSE g.object_group_id END
                      AND x.kind = g.kind AND x.claim_id = g.claim_id)
                """,
                {"into": into, "merged": merged},
            )
            conn.execute(f"DELETE FROM group_relations WHERE {column} = %s", (merged,))
    else:
        conn.execute(
            "UPDATE claims SET claimant_organisation_id = %s WHERE claimant_organisation_id = %s",
            (into, merged),
        )
    # The mentions of the row merged away are mentions of the one kept.
    conn.execute(f"UPDATE actor_mentions SET {id_column} = %s WHERE {id_column} = %s", (into, merged))
    conn.execute(f"UPDATE {alias_table} SET {id_column} = %s WHERE {id_column} = %s", (into, merged))
    conn.execute(
        f"INSERT INTO {alias_table} ({id_column}, alias, origin) VALUES (%s, %s, 'correction') "
        "ON CONFLICT (alias_normalized) DO NOTHING",
        (into, name_row[0]),
    )
    conn.execute(f"UPDATE {table} SET parent_id = NULL WHERE id = %s AND parent_id = %s", (into, merged))
    conn.execute(f"UPDATE {table} SET parent_id = %s WHERE parent_id = %s", (into, merged))
    conn.execute(f"DELETE FROM {table} WHERE id = %s", (merged,))


def _apply_actor_correction(
    conn: psycopg.Connection, correction: CorrectionRow, load_run_id: int | None
) -> bool:
    """Apply a merge, add_alias or set_field correction of a group or organisation; True if rows
    changed."""
    table: ActorTable = "groups" if correction.target_table == "groups" else "organisations"
    key = correction.target_key or {}
    if correction.action == "merge":
        into = find_actor(
            conn,
            table,
            (correction.new_value or {}).get("into"),
            (correction.new_value or {}).get("into_name"),
        )
        # The merged row is found by its own name only: its aliases now name the other row.
        merged = conn.execute(
            f"SELECT id FROM {table} WHERE (id = %s OR name_normalized = normalize_name(%s)) AND id <> %s",
            (correction.target_id, key.get("name"), into if into is not None else -1),
        ).fetchone()
        if into is None:
            _record_outcome(conn, correction, "target_missing", changed=False, load_run_id=load_run_id)
            return False
        if merged is None:
            _record_outcome(conn, correction, "in_effect", changed=False, load_run_id=load_run_id)
            return False
        try:
            with conn.transaction():
                _merge(conn, table, int(merged[0]), into)
        except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as failure:
            error = _sql_error(failure)
            _record_outcome(conn, correction, "failed", changed=False, error=error, load_run_id=load_run_id)
            return False
        _record_outcome(conn, correction, "applied", changed=True, load_run_id=load_run_id)
        return True
    target = find_actor(conn, table, correction.target_id, key.get("name"))
    if target is None:
        _record_outcome(conn, correction, "target_missing", changed=False, load_run_id=load_run_id)
        return False
    if correction.action == "add_alias":
        alias_table, id_column = _alias_table(table)
        inserted = conn.execute(
            f"INSERT INTO {alias_table} ({id_column}, alias, origin) VALUES (%s, %s, 'correction') "
            "ON CONFLICT (alias_normalized) DO NOTHING",
            (target, correction.new_value),
        ).rowcount
        owner = conn.execute(
            f"SELECT a.{id_column}, t.name FROM {alias_table} a JOIN {table} t ON t.id = a.{id_column} "
            "WHERE a.alias_normalized = normalize_name(%s)",
            (correction.new_value,),
        ).fetchone()
        if owner is not None and owner[0] != target:
            error = f"the alias {correction.new_value!r} already names {owner[1]!r} (id {owner[0]}): merge them instead"
            _record_outcome(conn, correction, "failed", changed=False, error=error, load_run_id=load_run_id)
            return False
        _record_outcome(
            conn,
            correction,
            "applied" if inserted else "in_effect",
            changed=bool(inserted),
            load_run_id=load_run_id,
        )
        return bool(inserted)
    # set_field
    field = correction.field or ""
    sql_type = GROUP_FIELDS.get(field)
    if sql_type is None or table != "groups":
        _record_outcome(
            conn, correction, "failed", changed=False, error=f"unknown field {field}", load_run_id=load_run_id
        )
        return False
    value = correction.new_value
    if field == "parent_id" and isinstance(value, dict):
        value = find_actor(conn, "groups", value.get("id"), value.get("name"))
    try:
        with conn.transaction():
            changed = conn.execute(
                f"UPDATE groups SET {field} = %s::{sql_type} WHERE id = %s AND {field} IS DISTINCT FROM %s::{sql_type}",
                (value, target, value),
            ).rowcount
            if field == "name" and changed:
                conn.execute(
                    "INSERT INTO group_aliases (group_id, alias, origin) VALUES (%s, %s, 'correction') "
                    "ON CONFLICT (alias_normalized) DO NOTHING",
                    (target, value),
                )
    except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as failure:
        _record_outcome(
            conn, correction, "failed", changed=False, error=_sql_error(failure), load_run_id=load_run_id
        )
        return False
    _record_outcome(
        conn,
        correction,
        "applied" if changed else "in_effect",
        changed=bool(changed),
        load_run_id=load_run_id,
    )
    return bool(changed)


@dataclass(frozen=True)
class ReapplyReport:
    corrections: int
    rows_changed: int
    not_applicable: list[CorrectionRow]


def reapply_all(conn: psycopg.Connection, *, load_run_id: int | None = None) -> ReapplyReport:
    """Re-apply every correction, in the order entered, changing only what differs. Returns how many
    there are, how many rows changed, and those that could not be applied (target gone, refused)."""
    corrections = _rows(conn)
    changed = 0
    for correction in corrections:
        if correction.target_table in ("groups", "organisations"):
            changed += _apply_actor_correction(conn, correction, load_run_id)
    changed += _apply_incident_corrections(
        conn, [c for c in corrections if c.target_table == "incidents"], load_run_id
    )
    refreshed = {c.id: c for c in _rows(conn)}
    problems = [
        refreshed[c.id] for c in corrections if refreshed[c.id].last_outcome in ("target_missing", "failed")
    ]
    return ReapplyReport(corrections=len(corrections), rows_changed=changed, not_applicable=problems)


# --- recording (and applying at once) ---------------------------------------------------------------


def _insert(
    conn: psycopg.Connection,
    *,
    action: str,
    target_table: str,
    target_id: int | None,
    target_key: Mapping[str, Any] | None,
    author: str,
    reason: str,
    field: str | None = None,
    old_value: Any = None,
    new_value: Any = None,
    created_at: datetime | None = None,
) -> CorrectionRow:
    if not author.strip():
        raise CorrectionError("say who makes the correction (--by NAME)")
    if not reason.strip():
        raise CorrectionError("say why (--why TEXT)")
    row = conn.execute(
        """
        INSERT INTO corrections (action, target_table, target_id, target_key, field, old_value, new_value,
                                 author, reason, created_at)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, coalesce(%s, now()))
        RETURNING id
        """,
        (
            action,
            target_table,
            target_id,
            Jsonb(dict(target_key)) if target_key is not None else None,
            field,
            Jsonb(old_value) if old_value is not None else None,
            Jsonb(new_value) if new_value is not None else None,
            author.strip(),
            reason.strip(),
            created_at,
        ),
    ).fetchone()
    assert row is not None
    return _rows(conn, "WHERE id = %s", (row[0],))[0]


def _raise_if_failed(conn: psycopg.Connection, ids: Iterable[int]) -> None:
    for correction in _rows(conn, "WHERE id = ANY(%s)", (list(ids),)):
        if correction.last_outcome in ("failed", "target_missing"):
            raise CorrectionError(
                correction.last_error or f"correction {correction.id}: {correction.last_outcome}"
            )


def correct_incident(
    conn: psycopg.Connection, incident_id: int, changes: Mapping[str, str | None], *, author: str, reason: str
) -> list[int]:
    """Set fields of an incident (values as typed on the command line). Returns the corrections' ids."""
    if not changes:
        raise CorrectionError("nothing to correct: give --field NAME --value VALUE")
    key = incident_key(conn, incident_id)
    if key is None:
        raise CorrectionError(f"no incident {incident_id}")
    unknown = sorted(set(changes) - set(INCIDENT_FIELDS))
    if unknown:
        raise CorrectionError(
            f"incidents have no correctable field {', '.join(unknown)} (fields: {', '.join(INCIDENT_FIELDS)})"
        )
    current = conn.execute(
        f"SELECT {', '.join(f'to_jsonb({f})' for f in changes)} FROM incidents WHERE id = %s", (incident_id,)
    ).fetchone()
    assert current is not None
    recorded = [
        _insert(
            conn,
            action="set_field",
            target_table="incidents",
            target_id=incident_id,
            target_key=key,
            field=field,
            old_value=old,
            new_value=parse_value(field, INCIDENT_FIELDS[field], text),
            author=author,
            reason=reason,
        )
        for (field, text), old in zip(changes.items(), current, strict=True)
    ]
    _apply_incident_fields(conn, incident_id, recorded, None)
    ids = [c.id for c in recorded]
    _raise_if_failed(conn, ids)
    return ids


def delete_incident(conn: psycopg.Connection, incident_id: int, *, author: str, reason: str) -> int:
    key = incident_key(conn, incident_id)
    if key is None:
        raise CorrectionError(f"no incident {incident_id}")
    correction = _insert(
        conn, action="delete", target_table="incidents", target_id=incident_id, target_key=key,
        author=author, reason=reason,
    )  # fmt: skip
    _apply_incident_corrections(conn, [correction], None)
    return correction.id


def merge_actors(
    conn: psycopg.Connection,
    merged: str,
    into: str,
    *,
    author: str,
    reason: str,
    table: ActorTable = "groups",
) -> int:
    """Merge the group (or organisation) `merged` into `into`, both given by id or name."""
    merged_id, merged_name = _actor_reference(conn, table, merged)
    into_id, into_name = _actor_reference(conn, table, into)
    if merged_id == into_id:
        raise CorrectionError(
            f"{merged!r} and {into!r} are already the same row ({into_name!r}, id {into_id})"
        )
    correction = _insert(
        conn, action="merge", target_table=table, target_id=merged_id, target_key={"name": merged_name},
        new_value={"into": into_id, "into_name": into_name}, author=author, reason=reason,
    )  # fmt: skip
    _apply_actor_correction(conn, correction, None)
    _raise_if_failed(conn, [correction.id])
    return correction.id


def add_alias(
    conn: psycopg.Connection, name: str, alias: str, *, author: str, reason: str, table: ActorTable = "groups"
) -> int:
    target_id, target_name = _actor_reference(conn, table, name)
    if not alias.strip():
        raise CorrectionError("the alias is empty")
    correction = _insert(
        conn, action="add_alias", target_table=table, target_id=target_id, target_key={"name": target_name},
        new_value=alias.strip(), author=author, reason=reason,
    )  # fmt: skip
    _apply_actor_correction(conn, correction, None)
    _raise_if_failed(conn, [correction.id])
    return correction.id


def correct_group(
    conn: psycopg.Connection, group: str, changes: Mapping[str, str | None], *, author: str, reason: str
) -> list[int]:
    """Set fields of a group: name, description, parent (a group's id or name), reviewed, wikidata_id."""
    target_id, target_name = _actor_reference(conn, "groups", group)
    ids = []
    for field, text in changes.items():
        column = "parent_id" if field in ("parent", "parent_id") else field
        if column not in GROUP_FIELDS:
            raise CorrectionError(
                f"groups have no correctable field {field} (fields: name, description, parent, reviewed, wikidata_id)"
            )
        value: Any
        if column == "parent_id":
            value = None
            if text is not None and text.strip().lower() not in ("", "null", "none"):
                parent_id, parent_name = _actor_reference(conn, "groups", text)
                value = {"id": parent_id, "name": parent_name}
        else:
            value = parse_value(field, GROUP_FIELDS[column], text)
        old = conn.execute(f"SELECT to_jsonb({column}) FROM groups WHERE id = %s", (target_id,)).fetchone()
        correction = _insert(
            conn, action="set_field", target_table="groups", target_id=target_id,
            target_key={"name": target_name}, field=column, old_value=old[0] if old else None,
            new_value=value, author=author, reason=reason,
        )  # fmt: skip
        _apply_actor_correction(conn, correction, None)
        ids.append(correction.id)
    _raise_if_failed(conn, ids)
    return ids


# --- a corrections file under version control ---------------------------------------------------------

_FILE_FIELDS = ("action", "target_table", "target_id", "target_key", "field", "old_value", "new_value",
                "author", "reason", "created_at")  # fmt: skip


def export_corrections(conn: psycopg.Connection, path: Path) -> int:
    """Write every correction to `path` as JSON Lines, oldest first (a file to keep in git)."""
    lines = []
    for correction in list_corrections(conn):
        record = {name: getattr(correction, name) for name in _FILE_FIELDS}
        record["created_at"] = correction.created_at.isoformat()
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def _identity(record: Mapping[str, Any]) -> str:
    """What makes two correction records the same, whichever database they were made in."""
    created = record["created_at"]
    same = {
        name: record.get(name)
        for name in _FILE_FIELDS
        if name not in ("target_id", "created_at", "new_value", "old_value")
    }
    value = record.get("new_value")
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k not in ("into", "id")}
    same["new_value"] = value
    return json.dumps(same, sort_keys=True, default=str) + "@" + created.isoformat()


def import_corrections(
    conn: psycopg.Connection, path: Path, *, load_run_id: int | None = None
) -> tuple[int, int]:
    """Add the corrections of a JSON Lines file that the database does not have yet (same action,
    target, field, value, author, reason and time), then re-apply all. Returns (added, total)."""
    existing = {_identity({name: getattr(c, name) for name in _FILE_FIELDS}) for c in list_corrections(conn)}
    added = total = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        total += 1
        try:
            record = json.loads(line)
            created_at = datetime.fromisoformat(record["created_at"])
            record["created_at"] = created_at
            identity = _identity(record)
        except (ValueError, KeyError, TypeError) as error:
            raise CorrectionError(f"{path}:{number}: not a correction record ({error})") from None
        if identity in existing:
            continue
        # Row ids belong to the database the file came from: here rows are found by their keys.
        new_value = record.get("new_value")
        if record["action"] == "merge" and isinstance(new_value, dict):
            new_value = {**new_value, "into": None}
        _insert(
            conn,
            action=record["action"],
            target_table=record["target_table"],
            target_id=None if record.get("target_key") else record.get("target_id"),
            target_key=record.get("target_key"),
            field=record.get("field"),
            old_value=record.get("old_value"),
            new_value=new_value,
            author=record.get("author", ""),
            reason=record.get("reason", ""),
            created_at=created_at,
        )
        added += 1
    reapply_all(conn, load_run_id=load_run_id)
    return added, total
