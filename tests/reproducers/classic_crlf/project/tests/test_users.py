from app import db


async def test_add_user(conn):
    user_id = await db.add_user(conn, "ada")
    assert user_id == 1
    assert await db.count_users(conn) == 1


async def test_users_start_empty(conn):
    assert await db.count_users(conn) == 0
