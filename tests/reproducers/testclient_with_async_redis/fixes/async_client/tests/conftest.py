import os

import pytest
import redis.asyncio as redis
from httpx import ASGITransport, AsyncClient

from app.main import app, get_redis

REDIS_URL = os.environ.get("LOOP_DOCTOR_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
async def redis_client():
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    await client.ping()
    yield client
    await client.aclose()


@pytest.fixture
async def client(redis_client):
    app.dependency_overrides[get_redis] = lambda: redis_client
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as http:
        yield http
    app.dependency_overrides.clear()
