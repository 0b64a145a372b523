"""Stock levels in PostgreSQL, a read-through cache in Redis, and a queue of restock requests."""
import asyncio

import asyncpg
import redis.asyncio as redis


async def create_schema(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE TEMP TABLE stock (sku text PRIMARY KEY, quantity int NOT NULL)")


async def set_stock(conn: asyncpg.Connection, sku: str, quantity: int) -> None:
    await conn.execute(
        "INSERT INTO stock (sku, quantity) VALUES ($1, $2) "
        "ON CONFLICT (sku) DO UPDATE SET quantity = EXCLUDED.quantity", sku, quantity)


async def stock_of(conn: asyncpg.Connection, cache: redis.Redis, prefix: str, sku: str) -> int:
    cached = await cache.get(f"{prefix}:{sku}")
    if cached is not None:
        return int(cached)
    quantity = await conn.fetchval("SELECT quantity FROM stock WHERE sku = $1", sku) or 0
    await cache.set(f"{prefix}:{sku}", quantity, ex=60)
    return quantity


async def restock(requests: "asyncio.Queue[str]", conn: asyncpg.Connection, amount: int) -> list[str]:
    done = []
    while not requests.empty():
        sku = await requests.get()
        await conn.execute("UPDATE stock SET quantity = quantity + $2 WHERE sku = $1", sku, amount)
        done.append(sku)
    return done
