import pytest
import pytest_asyncio

from app import db


@pytest_asyncio.fixture(loop_scope="function")
async def conn():
    connection = await db.connect()
    yield connection
    await connection.close()
