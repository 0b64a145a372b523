"""A tiny user store on PostgreSQL through asyncpg."""
import os

import asyncpg

PG_DSN = os.environ.get("LOOP_DOCTOR_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


async def connect() -> asyncpg.Connection:
    connection = await asyncpg.connect(PG_DSN, timeout=10)
    # A temporary table lives only as long as this connection, so parallel runs never collide.
    await connection.execute("CREATE TEMP TABLE users (id serial PRIMARY KEY, name text NOT NULL)")
    return connection


async def add_user(connection: asyncpg.Connection, name: str) -> int:
    return await connection.fetchval("INSERT INTO users (name) VALUES ($1) RETURNING id", name)


async def count_users(connection: asyncpg.Connection) -> int:
    return await connection.fetchval("SELECT count(*) FROM users")
