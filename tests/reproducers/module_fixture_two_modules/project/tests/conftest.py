import asyncio

import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def settings():
    await asyncio.sleep(0)
    yield {"region": "eu"}
