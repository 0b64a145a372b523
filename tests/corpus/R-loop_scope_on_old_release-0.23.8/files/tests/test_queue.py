import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def queue():
    yield asyncio.Queue()


@pytest.mark.asyncio(loop_scope="module")
async def test_put(queue):
    await queue.put(1)
    assert queue.qsize() == 1


@pytest.mark.asyncio(loop_scope="module")
async def test_get(queue):
    assert await queue.get() == 1
