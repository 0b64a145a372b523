"""The loop model: which event loop each async fixture is set up on and each test runs on.

The rules differ per release line (see releases.py); for a range of releases the
model answers per release and says when the answer depends on the release.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import releases as rel
from .environment import EnvModel
from .model import LOOP_SCOPES
from .releases import Version
from .sources import Fixture, Sources, Test

WIDTH = {name: i for i, name in enumerate(LOOP_SCOPES)}


def wider(a: str | None, b: str | None) -> bool:
    """True when scope ``a`` outlives scope ``b``."""
    return a in WIDTH and b in WIDTH and WIDTH[a] > WIDTH[b]


@dataclass
class Placement:
    """Where one fixture or test runs, and why."""

    name: str
    loop: str | None            # a scope name, "event_loop" for the ≤0.22 fixture, None when not run by the plugin
    why: str
    caching: str | None = None  # fixtures only
    problem: str | None = None  # "scope-mismatch" | "multiple-loops" | "type-error" | "unhandled"


@dataclass
class Crossing:
    fixture: str
    test: str
    fixture_loop: str
    test_loop: str
    version_dependent: bool = False


@dataclass
class LoopModel:
    env: EnvModel
    sources: Sources
    fixtures: dict[str, Placement] = field(default_factory=dict)
    tests: dict[str, Placement] = field(default_factory=dict)
    crossings: list[Crossing] = field(default_factory=list)

    def fixture_loop(self, fixture: Fixture, v: Version) -> Placement:
        return place_fixture(fixture, v, self.env, self.sources)

    def test_loop(self, test: Test, v: Version) -> Placement:
        return place_test(test, v, self.env, self.sources)


def handled_by_plugin(fixture: Fixture, mode: str | None) -> bool:
    """pytest-asyncio takes over every async fixture in auto mode, only its own decorator in strict."""
    if not fixture.is_async and fixture.decorator != "pytest_asyncio.fixture":
        return False
    return fixture.decorator == "pytest_asyncio.fixture" or (mode or "strict") == "auto"


def _event_loop_scope(sources: Sources) -> str:
    override = next((p.event_loop_override for p in sources.files if p.event_loop_override), None)
    return override.scope if override and override.scope in WIDTH else "function"


def place_fixture(fixture: Fixture, v: Version, env: EnvModel, sources: Sources) -> Placement:
    caching = fixture.scope if fixture.scope in WIDTH else "function"
    if not handled_by_plugin(fixture, env.mode.value):
        return Placement(fixture.name, None, "not run by pytest-asyncio", caching, "unhandled" if fixture.is_async else None)
    if rel.event_loop_override_moves_fixtures(v):
        loop = _event_loop_scope(sources)
        problem = "scope-mismatch" if wider(caching, loop) else None
        if fixture.loop_scope:
            return Placement(fixture.name, loop, "loop_scope= is not accepted before 0.24", caching, "type-error")
        return Placement(fixture.name, loop, f"the {loop}-scoped event_loop fixture", caching, problem)
    if rel.fixture_loop_follows_caching_scope_only(v):
        if fixture.loop_scope:
            return Placement(fixture.name, caching, "loop_scope= is not accepted before 0.24", caching, "type-error")
        return Placement(fixture.name, caching, "0.23 runs a fixture on the loop of its caching scope", caching)
    if fixture.loop_scope in WIDTH:
        loop, why = fixture.loop_scope, f'loop_scope="{fixture.loop_scope}" on the decorator'
    elif env.fixture_default_scope():
        loop, why = env.fixture_default_scope(), f"asyncio_default_fixture_loop_scope = {env.fixture_default_scope()}"
    else:
        loop, why = caching, "its caching scope (no loop scope set)"
    problem = "scope-mismatch" if wider(caching, loop) else None
    return Placement(fixture.name, loop, why, caching, problem)


def _closest_marker_scope(test: Test, v: Version) -> tuple[str | None, str]:
    for marker in test.markers:
        kw = marker.loop_scope if rel.accepts_loop_scope_kwarg(v) else None
        kw = kw or (marker.scope if rel.honours_marker_scope_kwarg(v) else None)
        # The closest marker wins even when it is bare (a bare per-test mark hides a module pytestmark).
        return kw, f"the {marker.level}-level asyncio marker" + (f" ({kw})" if kw else " (no loop scope)")
    return None, ""


def _hook_scope(sources: Sources, v: Version) -> str | None:
    """The loop scope a collection hook's marker gives, if this release reads its keyword."""
    for file in sources.files:
        for hook in file.hooks:
            if hook.adds_asyncio_marker and hook.marker_loop_scope:
                kwarg = getattr(hook, "marker_kwarg", None) or "loop_scope"
                if (kwarg == "loop_scope" and rel.accepts_loop_scope_kwarg(v)) or \
                        (kwarg == "scope" and rel.honours_marker_scope_kwarg(v)):
                    return hook.marker_loop_scope
    return None


def place_test(test: Test, v: Version, env: EnvModel, sources: Sources) -> Placement:
    if not test.is_async:
        return Placement(test.name, None, "a sync test")
    mode = env.mode.value or "strict"
    if mode != "auto" and not test.markers and not _hook_scope(sources, v):
        return Placement(test.name, None, "strict mode and no asyncio marker", problem="unhandled")
    if rel.event_loop_override_moves_fixtures(v):
        return Placement(test.name, _event_loop_scope(sources), "the event_loop fixture")
    hook = _hook_scope(sources, v)
    if hook and rel.has_is_async_test(v) and not (rel.collection_hook_ignored_for_marked_tests(v) and test.markers):
        return Placement(test.name, hook, "the marker added by pytest_collection_modifyitems")
    scope, why = _closest_marker_scope(test, v)
    if scope in WIDTH:
        return Placement(test.name, scope, why)
    if rel.knows_test_loop_scope_option(v) and env.test_default_scope() != "function":
        return Placement(test.name, env.test_default_scope(), f"asyncio_default_test_loop_scope = {env.test_default_scope()}")
    return Placement(test.name, "function", why or "the default function loop")


def fixture_closure(test: Test, sources: Sources) -> list[Fixture]:
    """The fixtures a test requests, directly or through other fixtures, plus autouse ones."""
    seen, order, todo = set(), [], list(test.params)
    todo += [f.name for f in sources.fixtures if f.autouse]
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.add(name)
        fixture = sources.fixture(name)
        if fixture:
            order.append(fixture)
            todo.extend(fixture.params)
    return order


def build_model(env: EnvModel, sources: Sources) -> LoopModel:
    """Place every fixture and test for the release range; list fixture/test loop crossings."""
    model = LoopModel(env, sources)
    versions = env.versions.releases()
    newest = versions[-1]
    for fixture in sources.fixtures:
        model.fixtures[fixture.name] = place_fixture(fixture, newest, env, sources)
    for test in sources.tests:
        model.tests[test.name] = place_test(test, newest, env, sources)
        for fixture in fixture_closure(test, sources):
            answers = set()
            for v in versions:
                f, t = place_fixture(fixture, v, env, sources), place_test(test, v, env, sources)
                if f.loop and t.loop and f.loop != t.loop and not f.problem:
                    answers.add((f.loop, t.loop))
                else:
                    answers.add(None)
            crossing = next((a for a in answers if a), None)
            if crossing:
                model.crossings.append(Crossing(fixture.name, test.name, crossing[0], crossing[1],
                                                version_dependent=len(answers) > 1))
    return model
