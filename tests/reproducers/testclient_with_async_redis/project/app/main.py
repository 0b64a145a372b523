"""A page-visit counter: FastAPI in front of Redis."""
import os
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import Depends, FastAPI, Request

REDIS_URL = os.environ.get("LOOP_DOCTOR_REDIS_URL", "redis://127.0.0.1:6379/0")


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.redis = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    yield
    await app.state.redis.aclose()


app = FastAPI(lifespan=lifespan)


def get_redis(request: Request) -> redis.Redis:
    return request.app.state.redis


@app.get("/health")
async def health() -> dict:
    return {"status": "ok"}


@app.post("/visits/{page}")
async def visit(page: str, store: redis.Redis = Depends(get_redis)) -> dict:
    count = await store.incr(f"loopdoctor:visits:{page}")
    await store.expire(f"loopdoctor:visits:{page}", 60)
    return {"page": page, "visits": count}
