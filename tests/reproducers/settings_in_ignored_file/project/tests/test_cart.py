import asyncio


async def test_cart_total():
    await asyncio.sleep(0)
    assert sum([2, 3]) == 5
