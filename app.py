"""Loop Doctor's web app: ``flask --app app run``.

Settings come from defaults, then ``LOOP_DOCTOR_*`` environment variables
(``LOOP_DOCTOR_MAX_CONTENT_LENGTH=20000000``, ``LOOP_DOCTOR_RATELIMIT_ENABLED=false`` …),
then the mapping a test passes in.
"""
from __future__ import annotations

import os

from flask import Flask

MB = 1024 * 1024

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 12 * MB,       # checked before the body is read: 413
    "DATABASE": None,                    # None: loop-doctor.sqlite in the instance folder
    # Expiry choices for shared diagnoses: key -> (label, days).
    "EXPIRY_CHOICES": {"1d": ("1 day", 1), "1w": ("1 week", 7), "1m": ("1 month", 30), "6m": ("6 months", 182)},
    "EXPIRY_DEFAULT": "1m",
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_WINDOW": 60,              # seconds
    "RATELIMIT_SHARE": 20,               # stored diagnoses per address and window
    "RATELIMIT_DIAGNOSE": 120,           # unstored (live) diagnoses per address and window
    "RENDER_MAX_LINES": 3000,            # longer inputs show their start and the lines around the evidence
    "MAX_FILES": 20,
    "TRUSTED_PROXIES": 0,                # reverse proxies in front: their X-Forwarded-* headers are believed
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
}


def create_app(test_config=None) -> Flask:
    """The configured application; ``test_config`` overrides everything else."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("LOOP_DOCTOR_INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("LOOP_DOCTOR")
    if test_config is not None:
        app.config.from_mapping(test_config)
    # Form fields are limited separately from the body in Flask 3.1: a paste is one big field.
    app.config.setdefault("MAX_FORM_MEMORY_SIZE", app.config["MAX_CONTENT_LENGTH"])
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]

    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("DATABASE"):
        app.config["DATABASE"] = os.path.join(app.instance_path, "loop-doctor.sqlite")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)

    if int(app.config["TRUSTED_PROXIES"]):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from web import api, db, errors, kb, security, views

    db.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    views.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(kb.bp)
    app.register_blueprint(api.bp)
    return app


def _instance_secret(instance_path: str) -> bytes:
    """A signing key kept in the instance folder, made once."""
    import secrets

    path = os.path.join(instance_path, "secret_key")
    try:
        with open(path, "rb") as handle:
            key = handle.read()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key
