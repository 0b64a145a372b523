"""Errors are answers: a friendly page (or JSON under /api/) for every status, never a stack trace."""
from __future__ import annotations

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: ("That request could not be read", "Something in what was sent is missing or malformed."),
    403: ("Not allowed", "This request is not allowed from here."),
    404: ("Not found", "There is nothing at this address."),
    405: ("Method not allowed", "This address does not accept that kind of request."),
    410: ("Gone", "This diagnosis expired or was deleted by the person who made it."),
    413: ("Too large", "That is more text than Loop Doctor accepts in one go."),
    429: ("Slow down", "Too many diagnoses from your address in a short time; try again in a minute."),
    500: ("Something went wrong", "Loop Doctor failed on its side. Nothing you did caused this."),
}


def init_app(app) -> None:
    for status in MESSAGES:
        app.register_error_handler(status, _handle)
    app.register_error_handler(Exception, _unexpected)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _handle(error: HTTPException):
    status = error.code or 500
    title, text = MESSAGES.get(status, MESSAGES[500])
    # A description set by our own views is written for people; werkzeug's defaults are replaced.
    detail = error.description if status not in (413, 500) and _ours(error) else text
    if status == 413:
        limit = _limit_words()
        detail = f"{text} The limit is {limit}: paste the failing part of the output (the FAILURES and short " \
                 "test summary sections are enough)."
    if _wants_json():
        response = jsonify({"error": detail})
    else:
        response = render_template("error.html", status=status, title=title, detail=detail)
    return response, status, _extra_headers(error)


def _unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return _handle(error)
    from flask import current_app

    current_app.logger.exception("unhandled error")
    return _handle(InternalServerError())


def _ours(error: HTTPException) -> bool:
    return bool(error.description) and error.description != type(error).description


def _extra_headers(error: HTTPException) -> dict:
    headers = {}
    if error.code == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)
    if error.code == 429:
        headers["Retry-After"] = "60"
    return headers


def _limit_words() -> str:
    from flask import current_app

    size = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"
