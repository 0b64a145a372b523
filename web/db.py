"""The SQLite connection: one per request on ``g``, closed in teardown; schema made on first use."""
from __future__ import annotations

import sqlite3

from flask import current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS diagnosis (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    deleted_at TEXT,
    delete_hash TEXT NOT NULL,
    analyzer_version TEXT NOT NULL,
    input_json TEXT,            -- the redacted paste, files and hints (NULL once deleted)
    result_json TEXT,           -- the diagnosis of exactly that input
    redactions_json TEXT
);
CREATE INDEX IF NOT EXISTS diagnosis_expires ON diagnosis (expires_at);
"""


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"], timeout=10)
        g.db.row_factory = sqlite3.Row
        g.db.executescript(SCHEMA)
    return g.db


def close_db(exc=None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app) -> None:
    app.teardown_appcontext(close_db)
