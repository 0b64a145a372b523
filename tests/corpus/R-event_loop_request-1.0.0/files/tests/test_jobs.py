import asyncio

import pytest


@pytest.mark.asyncio
async def test_worker_doubles(jobs):
    reply = asyncio.get_running_loop().create_future()
    await jobs.put((21, reply))
    assert await reply == 42


@pytest.mark.asyncio
async def test_blocking_call_in_executor(event_loop):
    total = await event_loop.run_in_executor(None, sum, [1, 2, 3])
    assert total == 6
