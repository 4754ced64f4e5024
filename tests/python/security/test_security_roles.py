"""The link roles' groups (sai_etl_ingest, sai_etl_reader) never log in: each link logs in as a
member of its own. A password a group kept from an older sai-etl, whose links logged in as the
group itself, stops working at the next `sai-etl migrate`."""

from __future__ import annotations

import psycopg
import pytest
from yoyo import read_migrations

from sai_etl.install import schema
from sai_etl.install.paths import migrations_dir
from support import pairs

STALE = "stale-password-of-an-older-install"
# The migrations that clear the groups' login and password (once, as an upgrade runs them).
ONE_OFFS = {"dashboard": "0007_one_offs", "n8n": "0003_grants_one_offs"}


def _login(pair: pairs.Pair, dbname: str, role: str) -> None:
    host = pair.dashboard_cluster.host
    psycopg.connect(f"host={host} dbname={dbname} user={role} password={STALE}").close()


def _as_an_older_install(pair: pairs.Pair) -> None:
    """Roll both databases back to before the migrations that clear the groups' login."""
    for dsn, database in ((pair.dashboard_dsn, "dashboard"), (pair.n8n_dsn, "n8n")):
        yoyo = schema.backend(dsn, database)
        newest_first = [
            m.id for m in yoyo.to_rollback(read_migrations(str(migrations_dir(database))))
        ]
        yoyo.connection.close()
        schema.rollback(dsn, database, newest_first.index(ONE_OFFS[database]) + 1)


def test_a_group_password_from_an_older_install_stops_working() -> None:
    pair = pairs.new_pair("stale")
    groups = {"sai_etl_ingest": pair.dashboard_db, "sai_etl_reader": pair.n8n_db}
    try:
        _as_an_older_install(pair)
        with psycopg.connect(pair.dashboard_dsn, autocommit=True) as conn:
            for group in groups:
                conn.execute(f"ALTER ROLE {group} LOGIN PASSWORD '{STALE}'")
        for group, dbname in groups.items():
            _login(pair, dbname, group)  # what an older install left working
        pair.sai_etl("migrate")
        for group, dbname in groups.items():
            with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
                _login(pair, dbname, group)
        pair.sai_etl("migrate")  # the links themselves still work: migrate probes them
    finally:
        pair.drop()
