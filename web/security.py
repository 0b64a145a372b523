"""Response headers, a cross-site check for form posts and a per-address rate limit."""
from __future__ import annotations

import threading
import time
from collections import deque
from urllib.parse import urlsplit

from flask import abort, current_app, request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# Pages that show a stored (shared) diagnosis are kept out of search engines.
NOINDEX_PREFIXES = ("/d/", "/api/v1/d/")


def init_app(app) -> None:
    app.extensions["loop_doctor_ratelimit"] = RateLimiter()
    app.after_request(_headers)


def _headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(NOINDEX_PREFIXES):
        response.headers["X-Robots-Tag"] = "noindex"
    if request.path.startswith(NOINDEX_PREFIXES) or request.method == "POST":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def check_same_origin() -> None:
    """Refuse a form post another site made the browser send (403).

    Browsers send ``Sec-Fetch-Site`` and ``Origin`` on posts; a post without either
    (an old browser, curl) is let through, so the form keeps working everywhere.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        abort(403)
    origin = request.headers.get("Origin")
    if origin is not None and site is None:
        if origin == "null" or _origin(origin) != _origin(request.host_url):
            abort(403)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


class RateLimiter:
    """A sliding window per address and bucket, in memory (one process)."""

    def __init__(self):
        self._hits: dict[tuple[str, str], deque] = {}
        self._lock = threading.Lock()

    def allow(self, bucket: str, key: str, limit: int, window: float) -> bool:
        stamp = time.monotonic()
        with self._lock:
            if len(self._hits) > 10_000:   # forget idle addresses
                self._hits = {k: v for k, v in self._hits.items() if v and stamp - v[-1] < window}
            hits = self._hits.setdefault((bucket, key), deque())
            while hits and stamp - hits[0] >= window:
                hits.popleft()
            if len(hits) >= limit:
                return False
            hits.append(stamp)
            return True


def rate_limit(bucket: str) -> None:
    """Abort with 429 when this address used up its ``bucket`` (``share`` or ``diagnose``)."""
    config = current_app.config
    if not config["RATELIMIT_ENABLED"]:
        return
    limit = int(config["RATELIMIT_SHARE"] if bucket == "share" else config["RATELIMIT_DIAGNOSE"])
    limiter: RateLimiter = current_app.extensions["loop_doctor_ratelimit"]
    if not limiter.allow(bucket, request.remote_addr or "-", limit, float(config["RATELIMIT_WINDOW"])):
        abort(429)
