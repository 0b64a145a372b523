import asyncio
import os

import asyncpg
import pytest
import pytest_asyncio

PG_DSN = os.environ.get("LOOP_DOCTOR_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def conn():
    connection = await asyncpg.connect(PG_DSN, timeout=10)
    yield connection
    await connection.close()


@pytest.mark.asyncio(loop_scope="module")
async def test_server_answers(conn):
    assert await conn.fetchval("SELECT 1") == 1


@pytest.mark.asyncio
async def test_pure_computation():
    await asyncio.sleep(0)
    assert sum(range(4)) == 6


@pytest.mark.asyncio(loop_scope="module")
async def test_text_round_trip(conn):
    assert await conn.fetchval("SELECT $1::text", "héllo") == "héllo"
