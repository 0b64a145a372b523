import pytest

from app.cache import cache


@pytest.fixture(autouse=True)
async def close_cache_connections():
    """Connections belong to the loop of the test that opened them: close them before that loop ends."""
    yield
    await cache.aclose()
