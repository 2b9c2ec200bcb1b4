"""Browser fixtures: the real app on a loopback port, a real SQLite store, Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.conftest import ALEPPO_DISPATCH, HOMS_DISPATCH, TOKEN, fill
from eventwire.api import ApiSettings, create_app
from eventwire.api.live import CHROMIUM, CHROMIUM_ARGS, LiveServer
from eventwire.api.security import Token

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serve(database: str, pipeline) -> LiveServer:
    return LiveServer(create_app(ApiSettings(database=database, token=Token(TOKEN), pipeline=pipeline)))


@pytest.fixture(scope="session")
def dashboard_url(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Iterator[str]:
    database = str(tmp_path_factory.mktemp("web") / "events.db")
    fill(database, pipeline, [ALEPPO_DISPATCH, HOMS_DISPATCH])
    with serve(database, pipeline) as url:
        yield url


@pytest.fixture
def page_errors() -> list[str]:
    return []


@pytest.fixture
def page(chromium, page_errors: list[str]):
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = page_errors
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"errors in the page: {errors}"


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
