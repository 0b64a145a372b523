import pytest

from app.reports import create_pool


@pytest.fixture(scope="session")
async def pool():
    pool = await create_pool()
    yield pool
    await pool.close()
