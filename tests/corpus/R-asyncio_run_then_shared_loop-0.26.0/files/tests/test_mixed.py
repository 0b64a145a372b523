import asyncio

import pytest


async def answer():
    await asyncio.sleep(0)
    return 42


@pytest.mark.asyncio(loop_scope="module")
async def test_async_api():
    assert await answer() == 42


def test_sync_entry_point():
    # The command-line entry point of the app runs its own loop.
    assert asyncio.run(answer()) == 42


@pytest.mark.asyncio(loop_scope="module")
async def test_async_api_again():
    assert await answer() == 42
