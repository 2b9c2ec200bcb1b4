"""Building the app: settings, middleware (body limit, CORS closed unless origins are listed), routers."""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from eventwire import __version__
from eventwire.api import extraction, static, stored
from eventwire.api.schemas import Health
from eventwire.api.security import DEFAULT_MAX_BYTES, BodyLimit, Token
from eventwire.pipeline import Pipeline


@dataclass
class ApiSettings:
    database: str | None = None  # SQLite path or postgresql:// DSN; None: the API serves no stored data
    token: Token = field(default_factory=Token.from_env)
    max_body_bytes: int = DEFAULT_MAX_BYTES
    cors_origins: list[str] = field(default_factory=list)  # empty: no cross-origin access at all
    pipeline: Pipeline | None = None  # share an already built pipeline (tests); else built on first /extract
    warm_up: bool = False  # at start-up, in the background: the dashboard's first map; the models if writes are on

    @classmethod
    def from_env(cls, database: str | None = None) -> ApiSettings:
        origins = [o.strip() for o in os.environ.get("EVENTWIRE_API_CORS", "").split(",") if o.strip()]
        max_bytes = int(os.environ.get("EVENTWIRE_API_MAX_BYTES", DEFAULT_MAX_BYTES))
        return cls(database=database, max_body_bytes=max_bytes, cors_origins=origins)


def create_app(settings: ApiSettings) -> FastAPI:
    stores = stored.StoreHolder(settings.database)
    pipeline = extraction.PipelineHolder(settings.pipeline)
    geocache = stored.GeoCache()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.warm_up:
            threading.Thread(target=stored.warm_dashboard, args=(stores, geocache), name="eventwire-warm-map",
                             daemon=True).start()
        if settings.warm_up and settings.token.value:
            threading.Thread(target=pipeline.warm_up, name="eventwire-warm-up", daemon=True).start()
        yield
        stores.close()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  description="Conflict events extracted from news reports: who did what to whom, where, when, "
                              "how many, according to whom. Writes need the API token.")
    app.state.token = settings.token
    app.state.assets = static.asset_table()
    app.state.pipeline = pipeline
    app.state.stores = stores
    app.state.geocache = geocache
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "X-API-Token"])
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]

    @app.get("/health", response_model=Health, tags=["meta"])
    def health() -> Health:
        """Liveness: the version, which store is attached (kind only, never a DSN) and whether writes are on."""
        db = settings.database
        kind = None if db is None else ("postgresql" if db.startswith(("postgres://", "postgresql")) else "sqlite")
        return Health(status="ok", version=__version__, store=kind, writes_enabled=bool(settings.token.value))

    app.include_router(extraction.router)
    app.include_router(stored.router)
    app.include_router(static.router)
    return app


async def _invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
    """422 naming each bad field, without echoing the values: a text can be megabytes, hold a secret, or not even be
    encodable (a lone surrogate), which would turn a clear refusal into a server error."""
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
              for e in exc.errors()]
    return JSONResponse({"detail": errors}, status_code=422)
