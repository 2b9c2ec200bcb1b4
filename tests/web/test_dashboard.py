"""The dashboard in Debian's Chromium: load, filter, click an event, see its evidence, paste an article."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from api.conftest import TOKEN

from .conftest import artifact, fill, serve

TIMEOUT = 20_000
PASTED = ("Trois soldats ont été tués jeudi dans une embuscade près de Manbij, dans le nord de la Syrie, "
          "selon une source militaire.")


def open_dashboard(page, url: str) -> None:
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready]", timeout=TIMEOUT)


def test_dashboard_shows_events_near_aleppo(page, dashboard_url: str) -> None:
    open_dashboard(page, dashboard_url)
    assert page.locator("#land path").count() > 150  # Natural Earth countries
    dot = page.locator("#dots circle.dot[data-id]").first
    assert dot.count() == 1
    assert page.locator("#events tbody tr").count() >= 2
    assert page.locator("#f-type option").count() > 1
    page.screenshot(path=str(artifact("dashboard.png")))


def test_filter_then_click_shows_highlighted_evidence(page, dashboard_url: str) -> None:
    open_dashboard(page, dashboard_url)
    expect(page.locator("#events tbody tr")).to_have_count(3)
    page.fill("#f-country", "SYR")
    page.fill("#f-source", "Agence")
    page.click("#filters button[type=submit]")
    expect(page.locator("#events tbody tr")).to_have_count(2, timeout=TIMEOUT)  # the Homs protest is filtered out
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#event-panel:not([hidden]) mark.evidence", timeout=TIMEOUT)
    mark = page.inner_text("#ev-reports mark.evidence")
    sentence = page.inner_text("#ev-reports .sentence")
    assert mark and mark in sentence and "Atareb" in sentence
    assert "Agence test" in page.inner_text("#ev-claims")
    page.screenshot(path=str(artifact("event-panel.png")))


def test_clicking_a_dot_opens_its_event(page, dashboard_url: str) -> None:
    open_dashboard(page, dashboard_url)
    page.locator("#dots circle.dot[data-id]").first.click()
    page.wait_for_selector("#event-panel:not([hidden]) mark.evidence", timeout=TIMEOUT)


def test_timeline_brushing_sets_the_date_filter(page, dashboard_url: str) -> None:
    open_dashboard(page, dashboard_url)
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 5, box["y"] + 40)
    page.mouse.up()
    expect(page.locator("#f-since")).not_to_have_value("", timeout=TIMEOUT)
    assert page.input_value("#f-until") >= page.input_value("#f-since")


def test_paste_an_article_shows_it_annotated_with_its_events(page, page_errors: list[str], dashboard_url: str) -> None:
    open_dashboard(page, dashboard_url)
    page.fill("#paste-text", PASTED)
    page.fill("#paste-token", "wrong-token-wrong-token")
    page.click("#paste-run")
    page.wait_for_selector("#paste-error:not([hidden])", timeout=TIMEOUT)
    assert "token" in page.inner_text("#paste-error")
    assert page_errors == ["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]
    page_errors.clear()
    page.fill("#paste-token", TOKEN)
    page.click("#paste-run")
    page.wait_for_selector("#paste-result:not([hidden]) .paste-event", timeout=60_000)
    assert page.locator("#paste-annotated .sp-trigger").count() >= 1
    assert page.locator("#paste-annotated .sp-place").count() >= 1
    assert "Manbij" in page.inner_text("#paste-events")
    page.screenshot(path=str(artifact("paste.png")))


def test_seed_dispatch_on_the_map_near_aleppo(chromium, shared_eval, tmp_path, pipeline) -> None:
    """The seed's events (measuring data, read from ../shared, never copied) drawn on the map near Aleppo."""
    from eventwire.ingest import read_paths

    seed = shared_eval / "seed" / "aleppo-ap-fr.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is not present")
    articles = [a for a in read_paths([str(seed)]) if not hasattr(a, "problem")]
    database = str(tmp_path / "seed.db")
    fill(database, pipeline, articles)
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    with serve(database, pipeline) as url:
        open_dashboard(page, url)
        features = json.loads(page.evaluate("fetch('/events.geojson').then(r => r.text())"))["features"]
        points = [f["geometry"]["coordinates"] for f in features if f["geometry"]]
        aleppo = (37.16, 36.20)
        assert any(abs(lon - aleppo[0]) < 0.3 and abs(lat - aleppo[1]) < 0.3 for lon, lat in points)
        assert page.locator("#dots circle.dot").count() >= 1
        page.screenshot(path=str(artifact("seed-aleppo.png")))
    page.close()
