import uuid


async def test_store_session(redis_client):
    key = f"loopdoctor:session:{uuid.uuid4().hex}"
    await redis_client.hset(key, mapping={"user": "ada", "theme": "dark"})
    assert await redis_client.hget(key, "user") == "ada"
    await redis_client.delete(key)


async def test_session_expires(redis_client):
    key = f"loopdoctor:session:{uuid.uuid4().hex}"
    await redis_client.set(key, "x", ex=30)
    assert 0 < await redis_client.ttl(key) <= 30
    await redis_client.delete(key)
