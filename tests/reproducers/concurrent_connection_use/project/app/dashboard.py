"""Numbers for the admin dashboard, fetched at the same time to save round trips."""
import asyncio

import asyncpg


async def create_schema(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE TEMP TABLE accounts (id serial PRIMARY KEY, active bool NOT NULL)")


async def add_account(conn: asyncpg.Connection, active: bool) -> None:
    await conn.execute("INSERT INTO accounts (active) VALUES ($1)", active)


async def summary(conn: asyncpg.Connection) -> dict:
    total, active = await asyncio.gather(
        conn.fetchval("SELECT count(*) FROM accounts"),
        conn.fetchval("SELECT count(*) FROM accounts WHERE active"),
    )
    return {"total": total, "active": active}


async def total_accounts(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT count(*) FROM accounts")
