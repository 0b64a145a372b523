"""What each pytest-asyncio release line knows and does.

Everything here is about the plugin's behaviour per release (options, marker
arguments, loop fixtures, defaults), so the rest of the engine can ask
"does this release know X?" instead of comparing version numbers itself.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import total_ordering

# Every release the engine reasons over, oldest first (0.22.0 was yanked but installs when pinned).
RELEASES = (
    "0.17.0", "0.17.1", "0.17.2", "0.18.0", "0.18.1", "0.18.2", "0.18.3", "0.19.0",
    "0.20.0", "0.20.1", "0.20.2", "0.20.3", "0.21.0", "0.21.1", "0.21.2", "0.22.0",
    "0.23.0", "0.23.1", "0.23.2", "0.23.3", "0.23.4", "0.23.5", "0.23.5.post1", "0.23.6",
    "0.23.7", "0.23.8", "0.24.0", "0.25.0", "0.25.1", "0.25.2", "0.25.3", "0.26.0",
    "1.0.0", "1.1.0", "1.1.1", "1.2.0", "1.3.0", "1.4.0", "1.4.1", "1.4.1.post1", "1.5.0",
)

_VERSION = re.compile(r"^\s*v?(\d+)\.(\d+)(?:\.(\d+))?(?:\.?post(\d+))?")


@total_ordering
@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    micro: int = 0
    post: int = 0

    @classmethod
    def parse(cls, text: str | None) -> "Version | None":
        match = _VERSION.match(text or "")
        if not match:
            return None
        major, minor, micro, post = match.groups()
        return cls(int(major), int(minor), int(micro or 0), int(post or 0))

    def _key(self):
        return (self.major, self.minor, self.micro, self.post)

    def __lt__(self, other: "Version") -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.micro}"
        return text + (f".post{self.post}" if self.post else "")


@functools.lru_cache(maxsize=512)
def V(text: str) -> Version:
    version = Version.parse(text)
    assert version is not None, text
    return version


OLDEST, NEWEST = V(RELEASES[0]), V(RELEASES[-1])
RELEASE_VERSIONS = tuple(V(r) for r in RELEASES)   # parsed once: ranges are listed on every rule's path


@dataclass(frozen=True)
class VersionRange:
    """The releases the evidence allows, inclusive at both ends."""

    low: Version = OLDEST
    high: Version = NEWEST

    @property
    def exact(self) -> Version | None:
        return self.low if self.low == self.high else None

    @property
    def empty(self) -> bool:
        return self.high < self.low

    def narrow(self, low: Version | None = None, high: Version | None = None) -> "VersionRange":
        new = VersionRange(max(self.low, low) if low else self.low, min(self.high, high) if high else self.high)
        return self if new.empty else new  # contradicting evidence never empties the range

    def all(self, predicate) -> bool:
        """True when ``predicate`` holds for every known release in the range."""
        return all(predicate(v) for v in self.releases())

    def any(self, predicate) -> bool:
        return any(predicate(v) for v in self.releases())

    def releases(self) -> list[Version]:
        found = [v for v in RELEASE_VERSIONS if self.low <= v <= self.high]
        return found or [self.low]

    def __str__(self) -> str:
        if self.exact:
            return str(self.exact)
        if self.low == OLDEST and self.high == NEWEST:
            return "any release"
        if self.high == NEWEST:
            return f">={self.low}"
        if self.low == OLDEST:
            return f"<={self.high}"
        return f"{self.low} to {self.high}"


def requirement(low: str | Version, below: str | Version | None = None) -> str:
    """A pip requirement string such as ``pytest-asyncio>=0.26`` (trailing .0 dropped)."""
    def short(v):
        v = V(str(v)) if not isinstance(v, Version) else v
        return f"{v.major}.{v.minor}" if v.micro == 0 and not v.post else str(v)
    text = f"pytest-asyncio>={short(low)}"
    return text + (f",<{short(below)}" if below else "")


# ---- what a release knows ---------------------------------------------------------------

def knows_fixture_loop_scope_option(v: Version) -> bool:
    return v >= V("0.24.0")


def knows_test_loop_scope_option(v: Version) -> bool:
    return v >= V("0.26.0")


def knows_debug_option(v: Version) -> bool:
    return v >= V("1.2.0")


def knows_fixture_scope_value(v: Version) -> bool:
    """``asyncio_default_fixture_loop_scope = fixture-scope`` (1.5.0)."""
    return v >= V("1.5.0")


def accepts_loop_scope_kwarg(v: Version) -> bool:
    """``loop_scope=`` on the asyncio marker and on ``@pytest_asyncio.fixture``."""
    return v >= V("0.24.0")


def honours_marker_scope_kwarg(v: Version) -> bool:
    """``@pytest.mark.asyncio(scope=…)``: 0.23 spelling, deprecated but honoured after."""
    return v >= V("0.23.0")


def has_is_async_test(v: Version) -> bool:
    return v >= V("0.23.0")


def has_event_loop_fixture(v: Version) -> bool:
    return v < V("1.0.0")


def event_loop_override_moves_fixtures(v: Version) -> bool:
    """Up to 0.22 every async fixture and test ran on ``event_loop``, so overriding it worked."""
    return v < V("0.23.0")


def fixture_loop_follows_caching_scope_only(v: Version) -> bool:
    """0.23.x: an async fixture's loop is its caching scope, with no way to change it (#706)."""
    return V("0.23.0") <= v < V("0.24.0")


def raises_multiple_loops_error(v: Version) -> bool:
    return V("0.22.0") <= v < V("1.0.0")


def default_mode(v: Version) -> str:
    return "legacy" if v < V("0.19.0") else "strict"


def validates_scope_values(v: Version) -> bool:
    return v >= V("1.2.0")


def collection_hook_ignored_for_marked_tests(v: Version) -> bool:
    """1.0.0 kept the function loop for tests already carrying a bare marker (fixed 1.1.0)."""
    return v == V("1.0.0")


def loop_fixture_name(v: Version, scope: str = "function") -> str:
    """The internal fixture that provides a loop of ``scope`` (shows up in ScopeMismatch)."""
    if v < V("1.0.0"):
        return "event_loop" if scope == "function" else f"_{scope}_event_loop"
    if v < V("1.1.0"):
        return f"_{scope}_event_loop"
    return f"_{scope}_scoped_runner"


def marker_kwarg(v: Version) -> str:
    """The keyword that sets a test's loop scope on the asyncio marker."""
    return "loop_scope" if accepts_loop_scope_kwarg(v) else "scope"


# Line numbers of the unset-option warning in plugin.py: they fingerprint the release.
UNSET_WARNING_LINES = {
    "208": ("0.24.0", "1.0.0"), "207": ("0.25.0", "0.25.3"), "217": ("0.26.0", "0.26.0"),
    "211": ("1.1.0", "1.1.1"), "252": ("1.2.0", "1.2.0"), "247": ("1.3.0", "1.3.0"),
    "299": ("1.4.0", "1.4.0"), "300": ("1.4.1", "1.4.1.post1"), "306": ("1.5.0", "1.5.0"),
}
