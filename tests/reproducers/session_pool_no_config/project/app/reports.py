"""Revenue reports computed by PostgreSQL."""
import os
from decimal import Decimal

import asyncpg

PG_DSN = os.environ.get("LOOP_DOCTOR_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


async def create_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(PG_DSN, min_size=1, max_size=2, timeout=10)


async def total(pool: asyncpg.Pool, amounts: list[Decimal]) -> Decimal:
    return await pool.fetchval("SELECT coalesce(sum(a), 0) FROM unnest($1::numeric[]) AS a", amounts)


async def biggest(pool: asyncpg.Pool, amounts: list[Decimal]) -> Decimal | None:
    return await pool.fetchval("SELECT max(a) FROM unnest($1::numeric[]) AS a", amounts)
