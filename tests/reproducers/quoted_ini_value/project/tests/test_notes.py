async def test_add_note(conn):
    await conn.execute("INSERT INTO notes (body) VALUES ($1)", "buy milk")
    assert await conn.fetchval("SELECT body FROM notes") == "buy milk"


async def test_notes_start_empty(conn):
    assert await conn.fetchval("SELECT count(*) FROM notes") == 0
