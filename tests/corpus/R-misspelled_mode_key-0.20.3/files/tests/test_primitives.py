import asyncio


async def test_lock_is_released():
    lock = asyncio.Lock()
    async with lock:
        assert lock.locked()
    assert not lock.locked()


async def test_gather_keeps_order():
    async def later(value, delay):
        await asyncio.sleep(delay)
        return value

    assert await asyncio.gather(later(1, 0.02), later(2, 0.01)) == [1, 2]
