"""Orders in PostgreSQL; each new order is announced on a Redis list."""
import json

import asyncpg
import redis.asyncio as redis


async def create_schema(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE TEMP TABLE orders (id serial PRIMARY KEY, item text NOT NULL)")


async def place_order(conn: asyncpg.Connection, events: redis.Redis, channel: str, item: str) -> int:
    order_id = await conn.fetchval("INSERT INTO orders (item) VALUES ($1) RETURNING id", item)
    await events.rpush(channel, json.dumps({"order": order_id, "item": item}))
    return order_id


async def count_orders(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM orders")
