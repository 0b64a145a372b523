"""Thumbnail jobs: converted one at a time, results collected on a queue."""
import asyncio


async def _convert(name: str, converter: asyncio.Lock, results: asyncio.Queue) -> None:
    async with converter:  # the converter handles one image at a time
        await asyncio.sleep(0)
        await results.put(f"thumb-{name}")


async def convert_all(names: list[str]) -> list[str]:
    converter, queue = asyncio.Lock(), asyncio.Queue()
    tasks = [asyncio.create_task(_convert(name, converter, queue)) for name in names]
    results = [await queue.get() for _ in names]
    await asyncio.gather(*tasks)
    return sorted(results)
