"""Profile cache on Redis; one client for the whole process."""
import json
import os

import redis.asyncio as redis

REDIS_URL = os.environ.get("LOOP_DOCTOR_REDIS_URL", "redis://127.0.0.1:6379/0")

cache = redis.Redis.from_url(REDIS_URL, decode_responses=True)


async def save_profile(user_id: str, profile: dict) -> None:
    await cache.set(f"loopdoctor:profile:{user_id}", json.dumps(profile), ex=60)


async def load_profile(user_id: str) -> dict | None:
    raw = await cache.get(f"loopdoctor:profile:{user_id}")
    return json.loads(raw) if raw is not None else None


async def forget_profile(user_id: str) -> None:
    await cache.delete(f"loopdoctor:profile:{user_id}")
