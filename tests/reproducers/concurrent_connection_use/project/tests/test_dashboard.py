from app.dashboard import add_account, summary, total_accounts


async def test_summary(conn):
    await add_account(conn, active=True)
    await add_account(conn, active=False)
    assert await summary(conn) == {"total": 2, "active": 1}


async def test_total(conn):
    await add_account(conn, active=True)
    assert await total_accounts(conn) == 1
