"""The background writer of `Store.ingest_iter` / `ingest_many`: same results as the sequential path, input order,
errors raised in the caller, nothing reported that is not stored, no thread left behind (SQLite and PostgreSQL)."""

import datetime as dt
import random
import sys
import threading
import time

import pytest

from eventwire.errors import StoreFull
from eventwire.store import open_store

TABLES = ("articles", "events", "event_actors", "actors", "places", "quotes", "clusters")
D = dt.date(2024, 5, 6)


def _linked_corpus(c, n=40, seed=7):
    """Reports of a few happenings from many articles: which cluster a report joins depends on what came before."""
    rng = random.Random(seed)
    towns = [c.place("Gao", 16.27, -0.04, "MLI", geonameid=2457163), c.place("Ansongo", 15.66, 0.50, "MLI"),
             c.place("Menaka", 15.92, 2.40, "MLI"), c.place("Kidal", 18.44, 1.41, "MLI", precision=2)]
    parties = [c.actor("JNIM", "MLI", "REB", kb_id="kb:jnim"), c.actor("Military Forces of Mali", "MLI", "MIL"),
               c.actor("civilians", "MLI", "CVL"), c.actor("Islamic State Sahel", "NER", "REB", kb_id="kb:iss")]
    pairs = []
    for i in range(n):
        events = []
        for _ in range(rng.randint(1, 3)):
            text = f"Article {i}: fighting near a town, {rng.randint(1, 40)} dead."
            events.append(c.event(text, date=D + dt.timedelta(days=rng.randint(0, 4)), place=rng.choice(towns),
                                  actors=[rng.choice(parties)], targets=[rng.choice(parties)],
                                  fatalities=rng.choice([None, rng.randint(1, 30)])))
        text = " ".join(e.trigger.text for e in events) + f" (dispatch {i})"
        pairs.append(c.report(f"r{i}", text, events, published=D, source=f"Outlet {i % 5}"))
    return pairs


def _dump(store):
    out = {}
    for table in TABLES:
        rows = store.backend.query(f"SELECT * FROM {table}")
        for row in rows:
            row.pop("ingested_at", None)
        out[table] = sorted(rows, key=repr)
    return out


def _wipe(store):
    def work():
        for table in ("event_actors", "quotes", "events", "clusters", "actors", "places", "articles"):
            store.backend.execute(f"DELETE FROM {table}")
    store.backend.transaction(work)


def _jittered(pairs, seed):
    rng = random.Random(seed)
    for pair in pairs:
        time.sleep(rng.choice([0, 0, 0.002]))  # the producer runs ahead of the writer, or falls behind it
        yield pair


def _no_writer_thread():
    return not any(t.name == "eventwire-store-writer" for t in threading.enumerate())


def test_background_writer_stores_exactly_what_the_sequential_path_stores(store, compose):
    pairs = _linked_corpus(compose)
    sequential = store.ingest_many(pairs, background=False)
    expected = _dump(store)
    assert sum(1 for _ in expected["clusters"]) < sum(1 for _ in expected["events"])  # some reports did link
    for seed in (1, 2):
        _wipe(store)
        summary = store.ingest_many(_jittered(pairs, seed))
        assert summary == sequential
        assert _dump(store) == expected
    assert _no_writer_thread()


def test_outcomes_come_in_input_order_once_committed(store, compose):
    pairs = _linked_corpus(compose, n=25)
    outcomes = []
    for outcome in store.ingest_iter(_jittered(pairs + pairs[:5], 3), depth=4):
        # each outcome is handed out after its commit: another connection already sees the article
        with open_store(store.backend.dsn if store.backend.dialect == "postgresql" else store.location,
                        migrate=False) as other:
            assert other.article(outcome.article_id) is not None
        outcomes.append(outcome)
    assert [o.input_id for o in outcomes] == [a.id for a, _ in pairs + pairs[:5]]
    assert [o.status for o in outcomes] == ["stored"] * 25 + ["duplicate"] * 5


def _refuse_article(store, input_id):
    """Make the real database refuse one article (a trigger), as a store error the writer must pass on."""
    if store.backend.dialect == "sqlite":
        store.backend.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.input_id = '{input_id}' "
                              "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    else:
        store.backend.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                              f"IF NEW.input_id = '{input_id}' THEN RAISE EXCEPTION 'refused by the test'; END IF; "
                              "RETURN NEW; END $$")
        store.backend.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse()")


def test_an_error_in_the_writer_reaches_the_caller_after_the_committed_outcomes(store, compose):
    pairs = _linked_corpus(compose, n=12)
    _refuse_article(store, "r6")
    reported = []
    with pytest.raises(Exception, match="refused by the test"):
        for outcome in store.ingest_iter(_jittered(pairs, 4)):
            reported.append(outcome.input_id)
    assert reported == [f"r{i}" for i in range(6)]  # everything before the bad one, in order; nothing after it
    assert _no_writer_thread()
    # whole articles only, exactly the reported ones; the store is usable again at once
    assert store.stats().articles == 6
    assert store.backend.scalar("SELECT COUNT(*) FROM events") == sum(len(r.events) for _, r in pairs[:6])
    assert store.backend.scalar("SELECT COUNT(*) FROM events WHERE cluster_id IS NULL") == 0
    store.backend.execute("DROP TRIGGER refuse" + (" ON articles" if store.backend.dialect == "postgresql" else ""))
    again = store.ingest_many(pairs)
    assert (again.stored, again.duplicates) == (6, 6)


def test_full_disk_in_the_writer_is_raised_in_the_caller(filling_store):
    store, pairs = filling_store.store, filling_store.pairs
    with pytest.raises(StoreFull, match=r"full.*nothing of the current article was written"):
        store.ingest_many(pairs[1:])
    assert _no_writer_thread()
    stored = store.stats().articles
    assert 1 <= stored < len(pairs) and store.backend.scalar("SELECT COUNT(*) FROM events") == stored


def test_a_failing_producer_stops_the_writer_and_leaves_whole_articles(store, compose):
    pairs = _linked_corpus(compose, n=10)

    def failing():
        yield from pairs[:5]
        raise RuntimeError("extraction broke")

    with pytest.raises(RuntimeError, match="extraction broke"):
        store.ingest_many(failing())
    assert _no_writer_thread()
    stored = store.stats().articles
    assert stored <= 5 and store.backend.scalar("SELECT COUNT(*) FROM events") == sum(
        len(r.events) for _, r in pairs[:stored])
    # a caller that stops iterating early (a closed generator) also ends the thread
    outcomes = store.ingest_iter(pairs)
    next(outcomes)
    outcomes.close()
    assert _no_writer_thread()
    store.ingest_many(pairs)
    assert store.stats().articles == len(pairs)


def test_the_switch_interval_is_lowered_while_writing_and_restored_after(store, compose):
    pairs = _linked_corpus(compose, n=6)
    before = sys.getswitchinterval()
    seen = []
    for _ in store.ingest_iter(pairs, switch_interval=0.0007):
        seen.append(sys.getswitchinterval())
    assert seen and all(abs(s - 0.0007) < 1e-9 for s in seen)
    assert sys.getswitchinterval() == before

    def failing():
        yield from pairs
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        store.ingest_many(failing())
    assert sys.getswitchinterval() == before
