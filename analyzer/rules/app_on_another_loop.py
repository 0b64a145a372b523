"""LD004: the code under test runs on a loop of its own."""
from __future__ import annotations

from ..model import Pattern, Verdict
from .base import KnowledgeBase, Reference, RuleInfo
from ..fixes import async_test_client_edits, make_fix
from ..model import FixKind
from ._common import APP_LOOP_FRAMES, APP_LOOP_MESSAGES, Option, finding, paste_fixture_names, prose, story

INFO = RuleInfo(
    code="LD004",
    pattern=Pattern.APP_RUNS_ON_ANOTHER_LOOP,
    title="The code under test runs on a loop of its own",
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
    """The code under test ran on a loop of its own (sync TestClient, asyncio.run, a portal)."""
    s = story(ctx)
    if s.kind != "app":
        return None
    errors = ctx.exceptions(APP_LOOP_MESSAGES) + s.loop_errors + s.closed_errors
    evidence = ctx.exception_evidence(errors, limit=4)
    evidence += [e for e in ctx.paste_evidence("BlockingPortal", "testclient.py", limit=2) if e not in evidence]
    sync_clients = [t for t in ctx.sources.tests if t.is_async and t.uses_sync_test_client]
    runs = [t for t in ctx.sources.tests if t.is_async and t.calls_asyncio_run]
    for fixture in ctx.sources.fixtures:
        if any(c.endswith("TestClient") for c in fixture.creates):
            found = ctx.file_evidence(fixture.file, fixture.line)
            if found:
                evidence.append(found)
    if runs and not sync_clients:
        summary = (f"{runs[0].name} is an async test that starts another event loop itself (asyncio.run, "
                   "run_until_complete or a blocking portal). Objects of the test's loop cannot be awaited "
                   "there, and a loop cannot be started inside a running one.")
    else:
        summary = ("A synchronous TestClient runs the application on an event loop of its own, in a "
                   "separate thread (an anyio blocking portal). Objects the test created on its own loop "
                   "(a Redis or database client handed to the app) are then awaited on the portal's loop "
                   "and fail with \"attached to a different loop\".")
    handed = [f.name for f in ctx.sources.fixtures if f.is_async and any(
        f.name in g.params for g in ctx.sources.fixtures if any(c.endswith("TestClient") for c in g.creates))]
    handed = handed or [n for n in paste_fixture_names(ctx) if "client" not in n or "redis" in n][:1]
    portal = "TestClient's loop (its own thread)" if not (runs and not sync_clients) else "a loop the test started itself"
    ctx.foreign_loop = (portal, handed)
    changes = async_test_client_edits(ctx)
    fix = make_fix(
        FixKind.USE_ASYNC_TEST_CLIENT, "Use httpx.AsyncClient with ASGITransport instead of TestClient",
        "httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) calls the app on the test's own "
        "loop, so the app and the test share every object. Requests are then awaited.",
        "ASGITransport does not run the app's lifespan: start it yourself (e.g. asgi-lifespan's "
        "LifespanManager) if startup code matters. Tests and the client must be async.",
        changes, requires=None,
    )
    # The client swap is the fix even where the code is not given to write its diff.
    options = [Option(fix, lambda v: True, needs_diff=False)]
    options.append(prose(FixKind.OTHER, "Keep objects the app uses inside the app",
                         "Let the app create its own clients (dependency or lifespan) instead of handing it "
                         "objects made on the test's loop; with a sync TestClient, only sync calls belong in the test.",
                         "The test can no longer reach into the app's clients directly."))
    return finding(ctx, INFO, summary, s.confidence, evidence, options)
