import contextvars

import pytest_asyncio

request_id = contextvars.ContextVar("request_id")


@pytest_asyncio.fixture
async def tagged_request():
    # Code under test reads the current request's id from a ContextVar the fixture sets.
    token = request_id.set("req-1")
    yield "req-1"
    request_id.reset(token)
