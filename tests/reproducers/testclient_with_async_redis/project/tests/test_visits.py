import uuid


async def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_visit_is_counted(client, redis_client):
    page = uuid.uuid4().hex
    response = client.post(f"/visits/{page}")
    assert response.status_code == 200
    assert response.json() == {"page": page, "visits": 1}
    assert await redis_client.get(f"loopdoctor:visits:{page}") == "1"
    await redis_client.delete(f"loopdoctor:visits:{page}")
