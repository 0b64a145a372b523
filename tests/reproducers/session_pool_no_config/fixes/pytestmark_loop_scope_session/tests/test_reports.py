from decimal import Decimal

import pytest

from app.reports import biggest, total

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_total(pool):
    assert await total(pool, [Decimal("1.50"), Decimal("2.25")]) == Decimal("3.75")


async def test_biggest(pool):
    assert await biggest(pool, [Decimal("4"), Decimal("9"), Decimal("2")]) == Decimal("9")


async def test_total_of_nothing(pool):
    assert await total(pool, []) == 0
