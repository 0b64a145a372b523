import os
import uuid

import asyncpg
import pytest
import redis.asyncio as redis

from app.orders import create_schema

PG_DSN = os.environ.get("LOOP_DOCTOR_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("LOOP_DOCTOR_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
async def events():
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    await client.ping()
    yield client
    await client.aclose()


@pytest.fixture
async def conn():
    connection = await asyncpg.connect(PG_DSN, timeout=10)
    await create_schema(connection)
    yield connection
    await connection.close()


@pytest.fixture
def channel():
    return f"loopdoctor:orders:{uuid.uuid4().hex}"
