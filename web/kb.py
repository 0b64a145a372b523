"""The knowledge base: every pattern's page, rendered from its rule module (one source of truth)."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for

from analyzer.rules import all_rules, lookup

from . import render

bp = Blueprint("kb", __name__)


@bp.get("/kb")
def index():
    return render_template("kb_index.html", rules=all_rules())


@bp.get("/kb/<key>")
def rule(key):
    info = lookup(key)
    if info is None:
        abort(404, description="There is no knowledge-base entry with this code or name.")
    if key != info.code:
        return redirect(url_for("kb.rule", key=info.code), code=301)
    return render_template("kb_rule.html", info=info, kb=info.kb, paragraphs=render.paragraphs,
                           example=render.example_lines(info.kb.example, info.kb.example_language)
                           if info.kb.example else [])
