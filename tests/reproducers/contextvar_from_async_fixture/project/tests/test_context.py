import pytest

from conftest import request_id


@pytest.mark.asyncio
async def test_request_id_is_visible(tagged_request):
    assert request_id.get() == tagged_request
