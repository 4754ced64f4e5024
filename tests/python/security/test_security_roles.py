"""The link roles' groups (sai_etl_ingest, sai_etl_reader) never log in: each link logs in as a
member of its own. A password a group kept from an older sai-etl, whose links logged in as the
group itself, stops working at the next `sai-etl migrate`."""

from __future__ import annotations

import psycopg
import pytest

from support import pairs

STALE = "stale-password-of-an-older-install"


def _login(pair: pairs.Pair, dbname: str, role: str) -> None:
    host = pair.dashboard_cluster.host
    psycopg.connect(f"host={host} dbname={dbname} user={role} password={STALE}").close()


def test_a_group_password_from_an_older_install_stops_working() -> None:
    pair = pairs.new_pair("stale")
    groups = {"sai_etl_ingest": pair.dashboard_db, "sai_etl_reader": pair.n8n_db}
    try:
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
