import asyncio

import pytest


async def fetch_total():
    await asyncio.sleep(0)
    return 3


@pytest.mark.asyncio
async def test_async_total():
    assert await fetch_total() == 3


def test_sync_wrapper():
    # The app's sync wrapper drives the current loop, as older asyncio code does.
    loop = asyncio.get_event_loop()
    assert loop.run_until_complete(fetch_total()) == 3
