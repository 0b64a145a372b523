import asyncio
import os
import uuid

import pytest
import pytest_asyncio
import redis.asyncio as redis

REDIS_URL = os.environ.get("LOOP_DOCTOR_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture(scope="session")
async def redis_client():
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    await client.ping()
    yield client
    await client.aclose()


@pytest.fixture
def key():
    return f"loopdoctor:ratelimit:{uuid.uuid4().hex}"
