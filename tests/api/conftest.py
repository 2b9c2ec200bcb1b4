"""API fixtures: a real SQLite store filled by the real pipeline from a dispatch composed for these tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import ApiSettings, create_app
from eventwire.api.security import Token
from eventwire.models import Article

TOKEN = "test-token-0123456789abcdef"
ALEPPO_DISPATCH = Article(
    id="atareb-shelling", lang="fr", published=dt.date(2024, 3, 12), source="Agence test", title="Bombardement",
    text="Au moins sept civils ont été tués mardi dans un bombardement de l'armée syrienne sur la ville d'Atareb, "
         "à l'ouest d'Alep, selon l'Observatoire syrien des droits de l'homme. Douze autres personnes ont été "
         "blessées, a précisé l'ONG.")
HOMS_DISPATCH = Article(
    id="homs-protest", lang="en", published=dt.date(2024, 2, 3), source="Test Wire",
    text="Hundreds of people protested in Homs on Saturday against rising fuel prices, witnesses said.")


def fill(database: str, pipeline, articles: list[Article]) -> None:
    from eventwire.store import open_store

    with open_store(database) as store:
        for article, result in zip(articles, pipeline.pipe(articles), strict=True):
            store.ingest(article, result)


@pytest.fixture(scope="session")
def stored_db(tmp_path_factory: pytest.TempPathFactory, pipeline) -> str:
    path = str(tmp_path_factory.mktemp("api") / "events.db")
    fill(path, pipeline, [ALEPPO_DISPATCH, HOMS_DISPATCH])
    return path


@pytest.fixture
def client(stored_db: str, pipeline) -> Iterator[TestClient]:
    app = create_app(ApiSettings(database=stored_db, token=Token(TOKEN), pipeline=pipeline))
    with TestClient(app) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    return str(tmp_path / "empty.db")
