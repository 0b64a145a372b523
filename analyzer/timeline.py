"""The timeline: event loops as lanes, fixture set-ups, test calls and teardowns in order,
and the crossings where an object made on one loop was awaited on another.

Exact where ``--setup-show`` output or the code says what ran where; every step whose
existence or loop was inferred is marked ``inferred``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context
from .loops import WIDTH, fixture_closure, wider
from .model import Crossing, Loop, Scope, Step, StepKind, Timeline

MAX_TESTS = 12          # a picture of the first failing tests, not of a 2,000-test run
INTERNAL_LOOP = re.compile(r"^(event_loop|_\w+_event_loop|_\w+_scoped_runner|.*::<event_loop>|_asyncio_loop_factory|event_loop_policy)$")


@dataclass
class FixtureFacts:
    name: str
    caching: str          # caching scope
    loop: str | None      # loop scope, None when pytest-asyncio does not run it (sync)
    exact: bool


def fixture_facts(ctx: Context, name: str, setup_scope: str | None = None) -> FixtureFacts:
    placement = ctx.model.fixtures.get(name)
    if placement is not None:
        return FixtureFacts(name, placement.caching or "function", placement.loop if placement.loop in WIDTH else None,
                            ctx.env.version_exact)
    caching = setup_scope or "function"
    loop = ctx.env.fixture_default_scope() or caching
    if name == getattr(ctx, "crossing_object", None) and not wider(loop, "function"):
        # The finding says this fixture lives on a wider loop than its tests, though not which.
        loop = getattr(ctx, "crossing_loop", None) or "session"
    return FixtureFacts(name, caching, loop, False)


def _test_loop(ctx: Context, nodeid: str) -> tuple[str, bool]:
    name = _test_name(nodeid)
    placement = ctx.model.tests.get(name)
    if placement is not None and placement.loop in WIDTH:
        return placement.loop, ctx.env.version_exact
    return ctx.env.test_default_scope() if ctx.env.test_default.value else "function", False


def _is_sync(ctx: Context, nodeid: str) -> bool:
    placement = ctx.model.tests.get(_test_name(nodeid))
    return placement is not None and placement.why == "a sync test"


def _test_name(nodeid: str) -> str:
    return nodeid.split("::")[-1].split("[")[0]


def _test_fixtures(ctx: Context, nodeid: str) -> list[tuple[str, str | None]]:
    """(fixture name, scope letter scope) a test used: from the code, else from its failure section."""
    name = _test_name(nodeid)
    test = next((t for t in ctx.sources.tests if t.name == name), None)
    if test is not None:
        return [(f.name, None) for f in fixture_closure(test, ctx.sources)]
    found = [(fixture, None) for fixture, _value in ctx.facts.fixture_values(name)]
    for crossing in getattr(ctx, "crossing_objects", []):
        if crossing not in [f for f, _ in found]:
            found.append((crossing, None))
    return list(dict.fromkeys(found))


class _Builder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.loops: dict[str, Loop] = {}
        self.steps: list[Step] = []
        self.crossings: list[Crossing] = []
        self.fixture_loop_ids: dict[str, str] = {}
        self.fn_count = 0

    def step(self, kind, name, loop, outcome=None, inferred=True):
        self.steps.append(Step(len(self.steps) + 1, kind, name, loop, outcome, inferred))

    def loop_for(self, scope: str, test_loop_id: str, inferred: bool) -> str:
        if scope == "function":
            return test_loop_id
        loop_id = f"{scope}-loop"
        if loop_id not in self.loops:
            label = {"session": "session loop", "package": "package loop", "module": "module loop",
                     "class": "class loop"}[scope]
            self.loops[loop_id] = Loop(loop_id, Scope(scope), f"{label} (lives until the {scope} ends)")
            self.step(StepKind.LOOP_CREATED, label, loop_id, inferred=inferred)
        return loop_id

    def new_function_loop(self, nodeid: str, inferred: bool) -> str:
        self.fn_count += 1
        loop_id = f"function-loop-{self.fn_count}"
        self.loops[loop_id] = Loop(loop_id, Scope.FUNCTION, f"function loop #{self.fn_count} ({_test_name(nodeid)})")
        self.step(StepKind.LOOP_CREATED, f"function loop #{self.fn_count}", loop_id, inferred=inferred)
        return loop_id

    def close(self, loop_id: str, inferred: bool):
        loop = self.loops[loop_id]
        if loop.closed_at is None:
            self.step(StepKind.LOOP_CLOSED, loop.label.split(" (")[0], loop_id, inferred=inferred)
            loop.closed_at = len(self.steps)


_CORO_TEST = re.compile(r"coro=<(test\w*)\(\)")


def _tests_in_order(ctx: Context) -> list[tuple[str, str | None]]:
    seen: dict[str, str | None] = {}
    if not any(o.outcome in ("failed", "error") for o in ctx.facts.outcomes) and ctx.facts.exceptions:
        # A report whose printed results are from after its fix: the failing tests are named by the tasks.
        for exc in ctx.facts.exceptions:
            for name in _CORO_TEST.findall(exc.message):
                seen.setdefault(name, "failed")
        if seen:
            return list(seen.items())[:MAX_TESTS]
    for outcome in ctx.facts.outcomes:
        if outcome.nodeid not in seen or outcome.outcome in ("failed", "error"):
            seen[outcome.nodeid] = outcome.outcome
    if not seen:
        for section in ctx.facts.sections:
            if section.test:
                seen.setdefault(section.test, "error" if section.kind == "error" else "failed")
    return list(seen.items())[:MAX_TESTS]


def build_timeline(ctx: Context, findings) -> Timeline:
    if not findings or findings[0].pattern.value == "not-loop-related":
        return Timeline()
    ctx.crossing_objects = [getattr(ctx, "crossing_object", None)] if getattr(ctx, "crossing_object", None) else []
    if any(e.kind == "call" for e in ctx.facts.setup_show):
        timeline = _from_setup_show(ctx)
    else:
        timeline = _inferred(ctx)
    if getattr(ctx, "foreign_loop", None):
        _add_foreign_loop(ctx, timeline)
    return timeline


def _add_foreign_loop(ctx: Context, timeline: Timeline) -> None:
    """The loop the code under test ran on (a TestClient's portal thread, asyncio.run): objects
    the test's loop made are awaited there."""
    label, objects = ctx.foreign_loop
    loop = Loop("foreign-loop", Scope.FOREIGN, label)
    calls = [s for s in timeline.steps if s.kind == StepKind.TEST_CALL]
    if not calls:
        return
    timeline.loops.append(loop)
    order = calls[0].order
    for step in timeline.steps:
        if step.order >= order:
            step.order += 1
    timeline.steps.insert(order - 1, Step(order, StepKind.LOOP_CREATED, label.split(" (")[0], loop.id, inferred=True))
    for loop_ in timeline.loops:
        if loop_.closed_at and loop_.closed_at >= order:
            loop_.closed_at += 1
    for call in calls:
        if call.outcome in ("failed", "error"):
            for name in objects or ["an object of the test's loop"]:
                made = next((s.loop for s in timeline.steps if s.kind == StepKind.FIXTURE_SETUP and s.name == name), call.loop)
                timeline.crossings.append(Crossing(name, made, loop.id, call.name))


def _inferred(ctx: Context) -> Timeline:
    b = _Builder(ctx)
    exact_order = bool(ctx.facts.setup_show)
    cached: dict[str, str] = {}          # wider-cached fixture -> loop id it was set up on
    wide_fixtures: list[tuple[str, str]] = []
    for nodeid, outcome in _tests_in_order(ctx):
        if _is_sync(ctx, nodeid):
            continue  # a sync test runs on no event loop
        test_scope, test_exact = _test_loop(ctx, nodeid)
        if test_scope == "function":
            test_loop = b.new_function_loop(nodeid, inferred=not exact_order)
        else:
            test_loop = b.loop_for(test_scope, "", inferred=not test_exact)
        function_fixtures = []
        for name, letter in _test_fixtures(ctx, nodeid):
            facts = fixture_facts(ctx, name, letter)
            if facts.loop is None:
                continue
            if facts.caching != "function" and name in cached:
                loop_id = cached[name]
            else:
                loop_id = b.loop_for(facts.loop, test_loop, inferred=not facts.exact)
                b.step(StepKind.FIXTURE_SETUP, name, loop_id, inferred=not (facts.exact and exact_order))
                if facts.caching != "function":
                    cached[name] = loop_id
                    wide_fixtures.append((name, loop_id))
                else:
                    function_fixtures.append((name, loop_id, facts.exact))
            if loop_id != test_loop:
                b.crossings.append(Crossing(name, loop_id, test_loop, nodeid))
        b.step(StepKind.TEST_CALL, nodeid, test_loop, outcome=_outcome(outcome), inferred=not test_exact)
        for name, loop_id, exact in reversed(function_fixtures):
            b.step(StepKind.FIXTURE_TEARDOWN, name, loop_id, inferred=not (exact and exact_order))
        if test_scope == "function":
            b.close(test_loop, inferred=not exact_order)
    for name, loop_id in reversed(wide_fixtures):
        b.step(StepKind.FIXTURE_TEARDOWN, name, loop_id, inferred=True)
    for loop_id in list(b.loops):
        b.close(loop_id, inferred=True)
    return Timeline(list(b.loops.values()), b.steps, b.crossings)


def _outcome(outcome: str | None) -> str | None:
    return outcome if outcome in ("passed", "failed", "error") else None


_RUNNER_SCOPE = re.compile(r"^_(function|class|module|package|session)_(scoped_runner|event_loop)$")


def _internal_loop_scope(name: str, letter_scope: str | None) -> str | None:
    """The loop scope an internal pytest-asyncio fixture provides, or None for other internals."""
    match = _RUNNER_SCOPE.match(name)
    if match:
        return match.group(1)
    if name == "event_loop":
        return letter_scope or "function"
    if name.endswith("::<event_loop>"):
        return letter_scope
    return None


def _from_setup_show(ctx: Context) -> Timeline:
    """The exact order --setup-show printed; loops from the loop fixtures it lists and the model."""
    b = _Builder(ctx)
    outcomes = {o.nodeid: o.outcome for o in ctx.facts.outcomes}
    rules_known = ctx.env.version_exact and (ctx.env.fixture_default.source or "").startswith(("<paste>", "files"))
    fixture_loops: dict[str, str] = {}
    wide_loops: dict[str, str] = {}     # scope -> loop id of the plugin's wider loops
    current_fn: str | None = None
    calls = 0

    def function_loop(label: str) -> str:
        nonlocal current_fn
        if current_fn is None:
            current_fn = b.new_function_loop(label, inferred=False)
        return current_fn

    for event in ctx.facts.setup_show:
        if calls >= MAX_TESTS and event.kind != "teardown":
            break
        scope = _internal_loop_scope(event.name, event.scope) if event.kind != "call" else None
        if event.kind == "setup":
            if scope == "function":
                function_loop("next test")
            elif scope:
                wide_loops[scope] = b.loop_for(scope, "", inferred=False)
            elif not INTERNAL_LOOP.match(event.name):
                facts = fixture_facts(ctx, event.name, event.scope)
                if facts.loop is None:
                    continue
                loop_id = function_loop("next test") if facts.loop == "function" else b.loop_for(facts.loop, "", inferred=False)
                fixture_loops[event.name] = loop_id
                b.step(StepKind.FIXTURE_SETUP, event.name, loop_id, inferred=not rules_known)
        elif event.kind == "call":
            if _is_sync(ctx, event.name):
                continue
            calls += 1
            test_scope, exact = _test_loop(ctx, event.name)
            test_loop = function_loop(event.name) if test_scope == "function" else b.loop_for(test_scope, "", inferred=not exact)
            if test_loop in b.loops and b.loops[test_loop].scope == Scope.FUNCTION:
                b.loops[test_loop].label = f"function loop #{test_loop.rsplit('-', 1)[-1]} ({_test_name(event.name)})"
            outcome = outcomes.get(event.name) or event.outcome
            b.step(StepKind.TEST_CALL, event.name, test_loop, outcome=_outcome(outcome), inferred=not ctx.env.version_exact)
            for name in event.fixtures or list(fixture_loops):
                made_on = fixture_loops.get(name)
                if made_on and made_on != test_loop:
                    b.crossings.append(Crossing(name, made_on, test_loop, event.name))
        elif event.kind == "teardown":
            if scope == "function" and current_fn:
                b.close(current_fn, inferred=False)
                current_fn = None
            elif scope and scope in wide_loops:
                b.close(wide_loops[scope], inferred=False)
            elif event.name in fixture_loops:
                b.step(StepKind.FIXTURE_TEARDOWN, event.name, fixture_loops[event.name], inferred=not rules_known)
    for loop_id in list(b.loops):
        b.close(loop_id, inferred=True)
    return Timeline(list(b.loops.values()), b.steps, b.crossings)
