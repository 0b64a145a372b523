import os

import pytest
import pytest_asyncio
import redis.asyncio as redis
from pytest_asyncio import is_async_test

REDIS_URL = os.environ.get("LOOP_DOCTOR_REDIS_URL", "redis://127.0.0.1:6379/0")


def pytest_collection_modifyitems(items):
    # Every async test shares the session loop, like the session fixtures.
    session_loop = pytest.mark.asyncio(loop_scope="session")
    for item in items:
        if is_async_test(item):
            item.add_marker(session_loop, append=False)


@pytest_asyncio.fixture(scope="session")
async def cache():
    client = redis.Redis.from_url(REDIS_URL)
    await client.ping()
    yield client
    await client.aclose()
