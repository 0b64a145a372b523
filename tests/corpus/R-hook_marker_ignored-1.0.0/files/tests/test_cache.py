import uuid

import pytest


@pytest.mark.asyncio
async def test_set_and_get(cache):
    key = f"loop-doctor:{uuid.uuid4().hex}"
    await cache.set(key, "1", ex=30)
    assert await cache.get(key) == b"1"
    await cache.delete(key)


@pytest.mark.asyncio
async def test_counter(cache):
    key = f"loop-doctor:{uuid.uuid4().hex}"
    assert await cache.incr(key) == 1
    assert await cache.incr(key) == 2
    await cache.delete(key)
