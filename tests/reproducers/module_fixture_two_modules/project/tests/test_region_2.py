import pytest


@pytest.mark.asyncio
async def test_region(settings):
    assert settings["region"] == "eu"
