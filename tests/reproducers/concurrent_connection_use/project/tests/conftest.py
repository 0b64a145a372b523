import os

import asyncpg
import pytest

from app.dashboard import create_schema

PG_DSN = os.environ.get("LOOP_DOCTOR_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
async def conn():
    connection = await asyncpg.connect(PG_DSN, timeout=10)
    await create_schema(connection)
    yield connection
    await connection.close()
