from app.inventory import restock, set_stock, stock_of


async def test_stock_is_read_from_the_database(conn, cache, prefix):
    await set_stock(conn, "apple", 5)
    assert await stock_of(conn, cache, prefix, "apple") == 5


async def test_stock_is_cached(conn, cache, prefix):
    await set_stock(conn, "pear", 2)
    assert await stock_of(conn, cache, prefix, "pear") == 2
    await set_stock(conn, "pear", 9)
    assert await stock_of(conn, cache, prefix, "pear") == 2


async def test_restock(conn, requests):
    await set_stock(conn, "plum", 1)
    await requests.put("plum")
    assert await restock(requests, conn, 10) == ["plum"]
    assert await conn.fetchval("SELECT quantity FROM stock WHERE sku = 'plum'") == 11


def test_sync_helpers_still_run():
    assert "plum".upper() == "PLUM"
