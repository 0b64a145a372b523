"""Stored diagnoses behind share links: unguessable ids, expiry, delete tokens kept only as hashes."""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .db import get_db

ID_BYTES = 24          # 192 bits
TOKEN_BYTES = 24


class Gone(Exception):
    """The diagnosis existed but expired or was deleted."""


@dataclass
class Stored:
    id: str
    created_at: datetime
    expires_at: datetime
    analyzer_version: str
    input: dict            # {"paste": str, "files": [{"name", "text"}], "hints": {...}}
    result: dict           # the contract's JSON
    redactions: list[dict]  # [{"kind", "count", "reason"}]


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(input: dict, result: dict, redactions: list[dict], days: int) -> tuple[Stored, str]:
    """Store a diagnosis; returns it and its delete token (the only time the token exists in clear)."""
    ident = secrets.token_urlsafe(ID_BYTES)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    created = now()
    expires = created + timedelta(days=days)
    db = get_db()
    # Expired input is erased as soon as anyone stores something; the rows stay to answer 410.
    db.execute("UPDATE diagnosis SET input_json = NULL, result_json = NULL, redactions_json = NULL"
               " WHERE expires_at <= ? AND result_json IS NOT NULL", (created.isoformat(),))
    db.execute(
        "INSERT INTO diagnosis (id, created_at, expires_at, delete_hash, analyzer_version, input_json, result_json,"
        " redactions_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (ident, created.isoformat(), expires.isoformat(), _hash(token), result.get("analyzer_version", ""),
         json.dumps(input), json.dumps(result), json.dumps(redactions)),
    )
    db.commit()
    return Stored(ident, created, expires, result.get("analyzer_version", ""), input, result, redactions), token


def load(ident: str) -> Stored | None:
    """The stored diagnosis, None for an unknown id; raises Gone when expired or deleted."""
    row = get_db().execute("SELECT * FROM diagnosis WHERE id = ?", (ident,)).fetchone()
    if row is None:
        return None
    expires = datetime.fromisoformat(row["expires_at"])
    if row["deleted_at"]:
        raise Gone("deleted")
    if expires <= now() or row["result_json"] is None:
        if row["result_json"] is not None:
            _forget(ident, deleted=False)
        raise Gone("expired")
    return Stored(row["id"], datetime.fromisoformat(row["created_at"]), expires, row["analyzer_version"],
                  json.loads(row["input_json"]), json.loads(row["result_json"]), json.loads(row["redactions_json"]))


def token_matches(ident: str, token: str) -> bool:
    row = get_db().execute("SELECT delete_hash FROM diagnosis WHERE id = ?", (ident,)).fetchone()
    return row is not None and hmac.compare_digest(row["delete_hash"], _hash(token or ""))


def delete(ident: str, token: str) -> bool:
    """Delete when the token is right; a tombstone stays so the link answers 410."""
    if not token_matches(ident, token):
        return False
    _forget(ident, deleted=True)
    return True


def _forget(ident: str, deleted: bool) -> None:
    db = get_db()
    db.execute(
        "UPDATE diagnosis SET input_json = NULL, result_json = NULL, redactions_json = NULL,"
        " deleted_at = COALESCE(deleted_at, ?) WHERE id = ?",
        (now().isoformat() if deleted else None, ident),
    )
    db.commit()
