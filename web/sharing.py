"""Making a share link: redact, diagnose the redacted input, store; the delete token goes to the creator."""
from __future__ import annotations

from flask import current_app, session

from . import store
from .diagnosis import Input, diagnose, redacted


def share(inp: Input, expires_key: str):
    """Redact, diagnose the redacted input, store: (stored, delete token, None) or (None, None, why
    the input could not be read)."""
    clean, redactions = redacted(inp)
    result, reason = diagnose(clean)
    if reason is not None:
        return None, None, reason
    days = int(current_app.config["EXPIRY_CHOICES"][expires_key][1])
    stored, token = store.create(clean.to_dict(), result, redactions, days)
    return stored, token, None


def remember(ident: str, token: str) -> None:
    """Keep the delete token in the creator's session, to be shown once on the next page."""
    created = dict(session.get("created", {}))
    created[ident] = token
    session["created"] = dict(list(created.items())[-5:])
