import os

import asyncpg
import pytest

PG_DSN = os.environ.get("LOOP_DOCTOR_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
async def conn():
    connection = await asyncpg.connect(PG_DSN, timeout=10)
    await connection.execute("CREATE TEMP TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")
    yield connection
    await connection.close()
