"""Thumbnail jobs: converted one at a time, results collected on a queue."""
import asyncio

RESULTS: asyncio.Queue = asyncio.Queue()
_CONVERTER = asyncio.Lock()  # the converter handles one image at a time


async def _convert(name: str) -> None:
    async with _CONVERTER:
        await asyncio.sleep(0)
        await RESULTS.put(f"thumb-{name}")


async def convert_all(names: list[str]) -> list[str]:
    tasks = [asyncio.create_task(_convert(name)) for name in names]
    results = [await RESULTS.get() for _ in names]
    await asyncio.gather(*tasks)
    return sorted(results)
