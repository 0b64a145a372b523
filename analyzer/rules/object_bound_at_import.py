"""LD003: a module-level object is bound to the first loop that used it."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
from .. import releases as rel
from ..model import FixKind
from ._common import everything_on_loop, finding, mark_modules, prose, story, change_version

INFO = RuleInfo(
    code="LD003",
    pattern=Pattern.OBJECT_BOUND_AT_IMPORT,
    title="A module-level object is bound to the first loop that used it",
    verdict=Verdict.LOOP_MISMATCH,
    kb=KnowledgeBase(
        what="TODO",
        why="TODO",
        example="",
        example_language="python",
        fix="TODO",
        tradeoffs="TODO",
        references=(),
    ),
)


def detect(ctx):
    """A module-level client or primitive bound to the first loop that used it."""
    s = story(ctx)
    if s.kind != "import":
        return None
    objects = [o for p in ctx.sources.files for o in p.module_objects]
    errors = s.loop_errors + s.closed_errors
    evidence = ctx.exception_evidence(errors, limit=4)
    for obj in objects[:3]:
        found = ctx.file_evidence(obj.file, obj.line)
        if found:
            evidence.append(found)
    if objects:
        names = ", ".join(f"{o.name} ({o.constructor})" for o in objects[:3])
        summary = (f"{names} is created when the module is imported and binds to the event loop that "
                   "first uses it. Each test runs on a loop of its own, so the next test awaits an object "
                   "of an earlier, possibly closed, loop.")
    else:
        summary = ("An object shared between tests (a module-level client, lock, queue or event, or a "
                   "cache in the code under test) is bound to the loop of the test that used it first; "
                   "later tests run on other loops and fail when they await it.")
    ctx.crossing_object = objects[0].name if objects else None
    confidence = s.confidence
    options = [
        prose(FixKind.CREATE_OBJECT_IN_FIXTURE, "Create the object in a fixture (or the app's lifespan)",
              "Build the client or primitive inside an async fixture (or lazily, inside the running loop) "
              "instead of at import time, so each test's loop gets its own.",
              "Needs a code change where the object is defined; tests get a fresh object each time."),
        everything_on_loop(ctx, "session", "The shared object's loop then lives as long as all the tests."),
        mark_modules(ctx, "session", "The shared object's loop then lives as long as all the tests."),
    ]
    if ctx.versions.all(rel.event_loop_override_moves_fixtures):
        options.append(change_version(ctx, "0.26", "Release 0.26 can run every test on one loop by configuration."))
    # With the code given, the config change is the verified edit; the code change stays as guidance.
    if objects or ctx.config.files or ctx.facts.header.configfile:
        options = options[1:] + options[:1]
    return finding(ctx, INFO, summary, confidence, evidence, options)
