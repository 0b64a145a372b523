"""The JSON API (CONTRACT.md): diagnose, fetch a shared diagnosis, the OpenAPI description."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for

from . import store
from .diagnosis import BadInput, build_input, diagnose
from .openapi import description
from .security import rate_limit
from .sharing import share

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _error(status: int, message: str):
    return jsonify({"error": message}), status


@bp.post("/diagnose")
def api_diagnose():
    if not request.is_json:
        return _error(400, "Send a JSON object with Content-Type: application/json.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _error(400, "The body must be a JSON object like {\"paste\": \"…\"}.")
    files = body.get("files")
    files = [] if files is None else files
    hints = body.get("hints")
    hints = {} if hints is None else hints
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        return _error(400, "\"files\" must be a list of {\"name\": str, \"text\": str} objects.")
    if not isinstance(hints, dict):
        return _error(400, "\"hints\" must be an object.")
    wants_share = body.get("share", False)
    if not isinstance(wants_share, bool):
        return _error(400, "\"share\" must be true or false.")
    try:
        inp = build_input(body.get("paste"), [(f.get("name"), f.get("text")) for f in files],
                          hints.get("pytest_asyncio_version"), current_app.config["MAX_FILES"])
    except BadInput as exc:
        return _error(400, str(exc))
    if "python_version" in hints and isinstance(hints["python_version"], str):
        inp.hints["python_version"] = hints["python_version"][:20]

    if not wants_share:
        rate_limit("diagnose")
        result, _reason = diagnose(inp)
        return jsonify(result)

    rate_limit("share")
    choices = current_app.config["EXPIRY_CHOICES"]
    expires = body.get("expires", current_app.config["EXPIRY_DEFAULT"])
    if expires not in choices:
        return _error(400, f"\"expires\" must be one of {', '.join(choices)}.")
    stored, token, reason = share(inp, expires)
    if stored is None:
        return _error(422, reason)
    answer = dict(stored.result)
    answer["share"] = {
        "id": stored.id,
        "url": url_for("pages.show", ident=stored.id, _external=True),
        "delete_url": url_for("pages.confirm_delete", ident=stored.id, token=token, _external=True),
        "expires_at": stored.expires_at.isoformat(),
    }
    answer["redactions"] = stored.redactions
    return jsonify(answer)


@bp.get("/d/<ident>")
def api_get(ident):
    try:
        stored = store.load(ident)
    except store.Gone as gone:
        return _error(410, f"This diagnosis was {gone}.")
    if stored is None:
        return _error(404, "There is no diagnosis with this id.")
    answer = dict(stored.result)
    answer["share"] = {"id": stored.id, "url": url_for("pages.show", ident=stored.id, _external=True),
                       "expires_at": stored.expires_at.isoformat()}
    answer["redactions"] = stored.redactions
    return jsonify(answer)


@bp.get("/openapi.json")
def openapi():
    return jsonify(description(request.host_url.rstrip("/")))
