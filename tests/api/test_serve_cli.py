"""`eventwire serve` as a user runs it: a real process on a loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from api.conftest import TOKEN
from eventwire.api.live import free_port

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))


def test_serve_runs_the_dashboard_and_api(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "EVENTWIRE_API_TOKEN": TOKEN}
    proc = subprocess.Popen([EVENTWIRE, "serve", "--db", str(tmp_path / "e.db"), "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        health = None
        for _ in range(150):
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health == {"status": "ok", "version": health["version"], "store": "sqlite", "writes_enabled": True}
        assert "<title>eventwire</title>" in httpx.get(f"http://127.0.0.1:{port}/").text
        assert httpx.post(f"http://127.0.0.1:{port}/articles", json={"text": "x"}).status_code == 401
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert TOKEN not in err and "Token(<set>)" in err


def test_serve_refuses_a_short_token_clearly(tmp_path: Path) -> None:
    env = {**os.environ, "EVENTWIRE_API_TOKEN": "short"}
    done = subprocess.run([EVENTWIRE, "serve", "--db", str(tmp_path / "e.db")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "at least 16 characters" in done.stderr and "short" not in done.stderr.replace(
        "at least", "")


def test_serve_help_has_an_example() -> None:
    done = subprocess.run([EVENTWIRE, "serve", "--help"], capture_output=True, text=True, timeout=60)
    assert "Example:" in done.stdout and "--db" in done.stdout
