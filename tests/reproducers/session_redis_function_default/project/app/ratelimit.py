"""Fixed-window rate limiting on Redis."""
import redis.asyncio as redis


async def hit(client: redis.Redis, key: str, window_seconds: int = 60) -> int:
    """Count one request for ``key`` in the current window and return the count so far."""
    async with client.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, window_seconds, nx=True)
        count, _ = await pipe.execute()
    return count


async def allowed(client: redis.Redis, key: str, limit: int) -> bool:
    return await hit(client, key) <= limit
