"""Who may write, and how much anyone may send.

* Writes (``POST /articles``, ``POST /extract``) need the API token in ``Authorization: Bearer <token>`` or
  ``X-API-Token``. The token comes from ``EVENTWIRE_API_TOKEN`` or from the file named by
  ``EVENTWIRE_API_TOKEN_FILE``; with neither, every write is refused. Comparison is constant-time.
* Request bodies are capped (``EVENTWIRE_API_MAX_BYTES``, 2 MB by default) before they are read into memory.
* The token is never logged nor echoed; error messages say only that it is missing or wrong.
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.errors import EventwireError

DEFAULT_MAX_BYTES = 2_000_000
MIN_TOKEN_CHARS = 16


class TokenConfigError(EventwireError):
    """The configured token cannot be used (unreadable file, too short)."""


@dataclass(frozen=True, repr=False)
class Token:
    """The write token. ``repr`` hides it so that it cannot reach a log by accident."""

    value: str | None

    def __repr__(self) -> str:
        return "Token(<set>)" if self.value else "Token(<none: writes disabled>)"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Token:
        env = os.environ if environ is None else environ
        value = env.get("EVENTWIRE_API_TOKEN")
        if not value and env.get("EVENTWIRE_API_TOKEN_FILE"):
            path = Path(env["EVENTWIRE_API_TOKEN_FILE"])
            try:
                value = path.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                raise TokenConfigError(f"cannot read the API token file {path}: {exc}") from exc
        return cls.checked(value or None)

    @classmethod
    def checked(cls, value: str | None) -> Token:
        if value is not None and len(value) < MIN_TOKEN_CHARS:
            raise TokenConfigError(f"the API token must have at least {MIN_TOKEN_CHARS} characters")
        return cls(value)

    def matches(self, presented: str | None) -> bool:
        if not self.value or presented is None:
            return False
        return hmac.compare_digest(presented.encode("utf-8"), self.value.encode("utf-8"))


BEARER = HTTPBearer(auto_error=False, description="The API token: `Authorization: Bearer <token>`.")
API_KEY = APIKeyHeader(name="X-API-Token", auto_error=False, description="The API token, as a header.")


def require_token(request: Request, bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
                  api_key: Annotated[str | None, Depends(API_KEY)]) -> None:
    """FastAPI dependency for write endpoints: 401 unless the request carries the configured token."""
    token: Token = request.app.state.token
    if not token.matches(bearer.credentials if bearer else api_key):
        detail = "a valid API token is required (Authorization: Bearer <token>)"
        if not token.value:
            detail = "writes are disabled: the server has no API token configured (EVENTWIRE_API_TOKEN)"
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


class BodyLimit:
    """ASGI middleware: 413 for a body over ``max_bytes``, by its Content-Length or by what actually arrives."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(send, self.max_bytes)
            return
        seen = 0
        refused = False

        async def limited() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:  # answer now; the app sees the client go away and its reply is dropped
                    refused = True
                    await _too_large(send, self.max_bytes)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, limited, guarded_send)


async def _too_large(send: Send, max_bytes: int) -> None:
    body = json.dumps({"detail": f"request body over the limit of {max_bytes} bytes"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
