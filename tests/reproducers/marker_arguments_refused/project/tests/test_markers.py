import asyncio

import pytest


@pytest.mark.asyncio("module")
async def test_positional_scope():
    await asyncio.sleep(0)


@pytest.mark.asyncio(forbid_global_loop=True)
async def test_old_keyword():
    await asyncio.sleep(0)
