import asyncio
import os
import uuid

import asyncpg
import pytest
import redis.asyncio as redis

from app.inventory import create_schema

PG_DSN = os.environ.get("LOOP_DOCTOR_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("LOOP_DOCTOR_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
async def conn():
    connection = await asyncpg.connect(PG_DSN, timeout=10)
    await create_schema(connection)
    yield connection
    await connection.close()


@pytest.fixture
async def cache():
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    yield client
    await client.aclose()


@pytest.fixture
async def prefix(cache):
    value = f"loopdoctor:stock:{uuid.uuid4().hex}"
    yield value
    keys = [key async for key in cache.scan_iter(f"{value}:*")]
    if keys:
        await cache.delete(*keys)


@pytest.fixture
async def requests():
    return asyncio.Queue()
