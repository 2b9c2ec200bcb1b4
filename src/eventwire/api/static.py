"""The dashboard's files. Only names listed when the app is built can be served: a request path is looked up in that
table and never joined to a directory, so ``..``, encoded slashes or absolute paths cannot reach another file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

from eventwire.web.basemap import basemap_path

MEDIA_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
               ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json"}
HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def asset_table() -> dict[str, Path]:
    """Every file shipped in ``eventwire/web/static``, by name."""
    folder = Path(str(resources.files("eventwire.web").joinpath("static")))
    return {p.name: p for p in folder.iterdir() if p.is_file() and p.suffix in MEDIA_TYPES}


router = APIRouter(include_in_schema=False)


@router.get("/")
def index(request: Request) -> FileResponse:
    return _file(request.app.state.assets["index.html"], headers={"Content-Security-Policy": CSP})


@router.get("/static/{name}")
def asset(name: str, request: Request) -> FileResponse:
    path = request.app.state.assets.get(name)
    if path is None:
        raise HTTPException(404, "no such file")
    return _file(path)


@router.get("/basemap.json")
def basemap() -> FileResponse:
    return FileResponse(basemap_path(), media_type="application/json", headers=HEADERS)


def _file(path: Path, headers: dict[str, str] | None = None) -> FileResponse:
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers={**HEADERS, **(headers or {})})
