import pytest

from app import db


@pytest.fixture
async def conn():
    connection = await db.connect()
    yield connection
    await connection.close()
