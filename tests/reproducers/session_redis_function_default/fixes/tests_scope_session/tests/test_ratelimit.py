import pytest

from app.ratelimit import allowed, hit


@pytest.mark.asyncio(scope="session")
async def test_first_hit_counts_one(redis_client, key):
    assert await hit(redis_client, key) == 1
    await redis_client.delete(key)


@pytest.mark.asyncio(scope="session")
async def test_limit_is_enforced(redis_client, key):
    results = [await allowed(redis_client, key, limit=2) for _ in range(3)]
    assert results == [True, True, False]
    await redis_client.delete(key)
