import asyncio
import pytest
import pytest_asyncio
from .database import DB

@pytest.fixture(scope='class')
async def db_setup(request):
    print("\nconnect to db")
    db = await DB.create()
    async def resource_teardown():
        await db.close()
        print("\ndisconnect")
    request.addfinalizer(resource_teardown)
    return db


class TestDB:
    @pytest.mark.asyncio
    async def test_connection(self, event_loop, db_setup):
        db = await db_setup
        with await db._pool as redis:
            res = await redis.ping()
            print(res)
            assert res, "PONG"
