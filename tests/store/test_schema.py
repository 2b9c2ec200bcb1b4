"""The migration table: versions applied once, in order, recorded; reopening is a no-op."""

from eventwire.store import open_store
from eventwire.store.schema import LATEST, MIGRATIONS


def test_migrations_apply_in_order_once(store_target):
    from eventwire.store.base import Store

    with open_store(store_target) as fresh:
        assert fresh.schema_version() == LATEST
        assert fresh.migrate() == []
        rows = fresh.backend.query("SELECT version, name FROM schema_migrations ORDER BY version")
        assert [(r["version"], r["name"]) for r in rows] == [(m.version, m.name) for m in MIGRATIONS]
        backend = fresh.backend
        # an old store: roll back to version 1 by hand, then reopening brings it up to date
        for migration in MIGRATIONS[1:]:  # later migrations only add and drop indexes
            for statement in migration.statements:
                if statement.startswith("CREATE INDEX"):
                    backend.execute("DROP INDEX IF EXISTS " + statement.split()[2])
        backend.execute("DELETE FROM schema_migrations WHERE version > 1")
        old = Store(backend, migrate=False)
        assert old.schema_version() == 1
        assert old.migrate() == [m.version for m in MIGRATIONS[1:]]
        assert old.schema_version() == LATEST


def test_partial_migration_stops_at_target(tmp_path):
    from eventwire.store.base import Store
    from eventwire.store.sqlite import SQLiteBackend

    store = Store(SQLiteBackend(tmp_path / "old.db"), migrate=False)
    assert store.migrate(target=1) == [1]
    assert store.schema_version() == 1
    assert store.migrate() == list(range(2, LATEST + 1))
    store.close()
