"""The pages: paste, diagnosis (share link), patch download, delete, re-run, knowledge base."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

import analyzer
from analyzer.report import LIKELY_WORDS

from . import render, store
from .diagnosis import BadInput, Input, build_input, is_outdated
from .page import diagnosis_page
from .security import check_same_origin, rate_limit
from .sharing import remember, share

bp = Blueprint("pages", __name__)
DEFAULT_BOXES = 2
MAX_BOXES = 20


def init_app(app) -> None:
    app.jinja_env.globals.update(
        diff_tokens=render.diff_lines,
        analyzer_version=analyzer.__version__,
        verdict_words=VERDICT_WORDS,
        likely_words=LIKELY_WORDS,
    )


VERDICT_WORDS = {
    "loop-mismatch": ("Event-loop mismatch", "Something made on one event loop was used on another."),
    "asyncio-misconfiguration": ("pytest-asyncio is misconfigured",
                                 "The plugin is missing, disabled or set up in a way that changes which loop runs what."),
    "not-loop-related": ("Not an event-loop problem", "The failure is real, but its cause is not a loop mismatch."),
    "no-failure": ("No failure found", "The output shows no failing or erroring test."),
    "unknown": ("Not recognised", "Loop Doctor could not tell what went wrong from this input."),
}


def _expiry_choices():
    return current_app.config["EXPIRY_CHOICES"]


def _form_state(form=None, boxes: int | None = None) -> dict:
    """What the paste form shows: the values sent back, or empty boxes."""
    form = form or {}
    names = form.getlist("file_name") if form else []
    texts = form.getlist("file_text") if form else []
    files = [{"name": n, "text": t} for n, t in zip(names, texts)]
    want = max(boxes or DEFAULT_BOXES, len(files))
    files += [{"name": "", "text": ""} for _ in range(min(want, MAX_BOXES) - len(files))]
    expires = form.get("expires") if form else None
    return {
        "paste": form.get("paste", "") if form else "",
        "files": files[:MAX_BOXES],
        "version": form.get("pytest_asyncio_version", "") if form else "",
        "expires": expires if expires in _expiry_choices() else current_app.config["EXPIRY_DEFAULT"],
        "choices": _expiry_choices(),
    }


@bp.get("/")
def index():
    return render_template("index.html", state=_form_state())


@bp.post("/diagnose")
def create():
    check_same_origin()
    form = request.form
    if form.get("action") == "add-box":
        count = len(form.getlist("file_text")) + 1
        return render_template("index.html", state=_form_state(form, count), focus_box=count - 1)
    rate_limit("share")
    try:
        # A browser sends every line break of a text box as CRLF, whatever the file on disk has: the diff
        # offered on the page is for files with the usual LF ends (the API keeps the ends it is given).
        texts = [text.replace("\r\n", "\n") for text in form.getlist("file_text")]
        inp = build_input(form.get("paste", ""), zip(form.getlist("file_name"), texts),
                          form.get("pytest_asyncio_version"), current_app.config["MAX_FILES"])
    except BadInput as exc:
        return render_template("index.html", state=_form_state(form), error=str(exc)), 400
    expires = form.get("expires")
    if expires not in _expiry_choices():
        expires = current_app.config["EXPIRY_DEFAULT"]
    shared, token, reason = share(inp, expires)
    if shared is None:
        return render_template("index.html", state=_form_state(form), error=reason, unreadable=True), 422
    remember(shared.id, token)
    return redirect(url_for("pages.show", ident=shared.id), code=303)


def _load(ident: str) -> store.Stored:
    try:
        stored = store.load(ident)
    except store.Gone as gone:
        abort(410, description=f"This diagnosis was {gone}.")
    if stored is None:
        abort(404, description="There is no diagnosis with this link.")
    return stored


@bp.get("/d/<ident>")
def show(ident):
    stored = _load(ident)
    created = dict(session.get("created", {}))
    token = created.pop(ident, None)
    if token is not None:
        session["created"] = created
    page = diagnosis_page(stored, current_app.config["RENDER_MAX_LINES"])
    delete_url = url_for("pages.confirm_delete", ident=ident, token=token, _external=True) if token else None
    return render_template("diagnosis.html", page=page, result=stored.result, stored=stored,
                           delete_url=delete_url, outdated=is_outdated(stored.analyzer_version),
                           share_url=url_for("pages.show", ident=ident, _external=True))


@bp.get("/d/<ident>/fix/<int:finding>/<int:fix>.patch")
def patch(ident, finding, fix):
    stored = _load(ident)
    try:
        item = stored.result["findings"][finding]
        diff = item["fixes"][fix]["diff"]
    except (IndexError, KeyError, TypeError):
        abort(404, description="This diagnosis has no such fix.")
    if not diff:
        abort(404, description="This fix is explained in words and has no diff.")
    name = f"loop-doctor-{item.get('code', 'fix')}-{item['fixes'][fix].get('kind', 'fix')}.patch"
    name = "".join(ch for ch in name if ch.isalnum() or ch in "-._") or "fix.patch"
    response = current_app.response_class(diff, mimetype="text/x-diff")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/d/<ident>/delete")
def confirm_delete(ident):
    _load(ident)
    token = request.args.get("token", "")
    if not store.token_matches(ident, token):
        abort(403, description="This delete link is not valid for this diagnosis.")
    return render_template("delete.html", ident=ident, token=token)


@bp.post("/d/<ident>/delete")
def delete(ident):
    check_same_origin()
    _load(ident)
    if not store.delete(ident, request.form.get("token", "")):
        abort(403, description="This delete link is not valid for this diagnosis.")
    return render_template("deleted.html")


@bp.post("/d/<ident>/rerun")
def rerun(ident):
    check_same_origin()
    rate_limit("share")
    stored = _load(ident)
    days = max(1, (stored.expires_at - store.now()).days) or 1
    expires = min(_expiry_choices(), key=lambda k: abs(int(_expiry_choices()[k][1]) - days))
    shared, token, reason = share(Input.from_dict(stored.input), expires)
    if shared is None:
        abort(400, description=reason)
    remember(shared.id, token)
    return redirect(url_for("pages.show", ident=shared.id), code=303)
