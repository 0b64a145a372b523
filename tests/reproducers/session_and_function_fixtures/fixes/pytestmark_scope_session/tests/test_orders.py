import json

import pytest

from app.orders import count_orders, place_order

pytestmark = pytest.mark.asyncio(scope="session")


async def test_place_order(conn, events, channel):
    order_id = await place_order(conn, events, channel, "lamp")
    assert order_id == 1
    assert json.loads(await events.lpop(channel)) == {"order": 1, "item": "lamp"}


async def test_orders_start_empty(conn):
    assert await count_orders(conn) == 0


async def test_two_orders(conn, events, channel):
    await place_order(conn, events, channel, "desk")
    await place_order(conn, events, channel, "chair")
    assert await count_orders(conn) == 2
    assert await events.llen(channel) == 2
    await events.delete(channel)
