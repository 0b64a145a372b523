from app.pricing import basket_total


async def test_basket_total(book_price):
    assert await basket_total(["book", "pen"]) == book_price + 150


async def test_discount(book_price):
    assert await basket_total(["book"], discount_percent=25) == book_price * 3 // 4
