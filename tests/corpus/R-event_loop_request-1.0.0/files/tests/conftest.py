import asyncio

import pytest_asyncio


@pytest_asyncio.fixture
async def jobs(event_loop):
    queue = asyncio.Queue()
    worker = event_loop.create_task(_double_into(queue))
    yield queue
    worker.cancel()


async def _double_into(queue):
    while True:
        item, reply = await queue.get()
        reply.set_result(item * 2)
