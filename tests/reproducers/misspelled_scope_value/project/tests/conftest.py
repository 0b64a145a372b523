import pytest

from app.pricing import price_of


@pytest.fixture
async def book_price():
    return await price_of("book")
