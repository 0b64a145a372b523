import pytest

from app.jobs import convert_all

pytestmark = pytest.mark.asyncio(scope="session")


async def test_one_image():
    assert await convert_all(["cat.png"]) == ["thumb-cat.png"]


async def test_several_images():
    assert await convert_all(["b.png", "a.png"]) == ["thumb-a.png", "thumb-b.png"]


async def test_no_images():
    assert await convert_all([]) == []
