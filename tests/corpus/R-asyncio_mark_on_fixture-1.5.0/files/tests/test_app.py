import asyncio

import pytest
import pytest_asyncio


@pytest.mark.asyncio(loop_scope="function")
@pytest_asyncio.fixture
async def ready():
    await asyncio.sleep(0)
    yield "ready"


@pytest.mark.asyncio
async def test_ready(ready):
    assert ready == "ready"
