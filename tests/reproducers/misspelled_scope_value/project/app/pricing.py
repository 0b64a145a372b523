"""Prices with discounts, looked up asynchronously."""
import asyncio

_CATALOGUE = {"book": 1200, "pen": 150}


async def price_of(item: str) -> int:
    await asyncio.sleep(0)  # stands in for a lookup
    return _CATALOGUE[item]


async def basket_total(items: list[str], discount_percent: int = 0) -> int:
    prices = await asyncio.gather(*(price_of(item) for item in items))
    return sum(prices) * (100 - discount_percent) // 100
