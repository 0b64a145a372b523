import asyncio

import pytest

from app.reports import create_pool


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
async def pool():
    pool = await create_pool()
    yield pool
    await pool.close()
