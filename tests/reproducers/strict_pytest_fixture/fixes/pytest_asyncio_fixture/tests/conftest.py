import os

import asyncpg
import pytest
import pytest_asyncio

PG_DSN = os.environ.get("LOOP_DOCTOR_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest_asyncio.fixture
async def conn():
    connection = await asyncpg.connect(PG_DSN, timeout=10)
    yield connection
    await connection.close()
