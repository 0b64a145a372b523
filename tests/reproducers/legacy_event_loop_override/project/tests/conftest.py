import asyncio
import os

import pytest
import redis.asyncio as redis

REDIS_URL = os.environ.get("LOOP_DOCTOR_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="session")
def event_loop():
    """One loop for the whole run, so the session-wide Redis client can be shared."""
    loop = asyncio.get_event_loop_policy().new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
async def redis_client():
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    await client.ping()
    yield client
    await client.aclose()
