import pytest


@pytest.mark.asyncio
async def test_server_answers(conn):
    assert await conn.fetchval("SELECT 1 + 1") == 2


@pytest.mark.asyncio
async def test_text_round_trip(conn):
    assert await conn.fetchval("SELECT $1::text", "héllo") == "héllo"
