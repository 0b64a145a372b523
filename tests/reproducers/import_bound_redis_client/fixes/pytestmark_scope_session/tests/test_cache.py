import uuid

import pytest

from app.cache import forget_profile, load_profile, save_profile

pytestmark = pytest.mark.asyncio(scope="session")


async def test_save_and_load():
    user = uuid.uuid4().hex
    await save_profile(user, {"name": "Ada"})
    assert await load_profile(user) == {"name": "Ada"}
    await forget_profile(user)


async def test_unknown_profile():
    assert await load_profile(uuid.uuid4().hex) is None


async def test_forget():
    user = uuid.uuid4().hex
    await save_profile(user, {"name": "Grace"})
    await forget_profile(user)
    assert await load_profile(user) is None
