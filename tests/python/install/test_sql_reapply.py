"""`sai-etl migrate` re-applies sql/ in one transaction and drops what no sql/ file declares any
more (an etl_* function or view in the dashboard, a function or view in n8n's schema sai_etl),
so an upgraded database holds what a fresh one does; n8n's own functions and dblink's are left."""

from __future__ import annotations

import psycopg
import pytest

from sai_etl.install.schema import apply_sql
from support import pairs

# Objects a previous release might have left: what no sql/ file declares.
STRAY_DASHBOARD = (
    "CREATE FUNCTION public.etl_stray_function(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1'",
    "CREATE VIEW public.etl_stray_view AS SELECT public.etl_stray_function(1) AS one",
)
STRAY_N8N = ("CREATE FUNCTION sai_etl.stray_function() RETURNS integer LANGUAGE sql AS 'SELECT 1'",)
# n8n's own function (public) and a dashboard function not named etl_*: not sai-etl's to drop.
ONE = "() RETURNS integer LANGUAGE sql AS 'SELECT 1'"
KEPT = {
    "n8n": "CREATE FUNCTION public.n8n_own_function" + ONE,
    "dashboard": "CREATE FUNCTION public.dba_own_function" + ONE,
}


@pytest.fixture
def pair():
    pair = pairs.new_pair("reapply", workflows=False)
    yield pair
    pair.drop()


def _objects(dsn: str, schema: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT p.proname FROM pg_proc AS p WHERE p.pronamespace = %s::regnamespace "
            "UNION ALL SELECT c.relname FROM pg_class AS c "
            "WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'v'",
            [schema, schema],
        ).fetchall()
    return {row[0] for row in rows}


def _execute(dsn: str, statements: tuple[str, ...]) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def test_migrate_drops_what_no_file_declares(pair: pairs.Pair) -> None:
    _execute(pair.dashboard_dsn, (*STRAY_DASHBOARD, KEPT["dashboard"]))
    _execute(pair.n8n_dsn, (*STRAY_N8N, KEPT["n8n"]))
    dashboard_before = _objects(pair.dashboard_dsn, "public")
    n8n_public_before = _objects(pair.n8n_dsn, "public")
    sai_etl_before = _objects(pair.n8n_dsn, "sai_etl")

    pair.sai_etl("migrate")

    dashboard_after = _objects(pair.dashboard_dsn, "public")
    assert dashboard_before - dashboard_after == {"etl_stray_function", "etl_stray_view"}
    assert dashboard_after - dashboard_before == set()
    assert "dba_own_function" in dashboard_after
    assert sai_etl_before - _objects(pair.n8n_dsn, "sai_etl") == {"stray_function"}
    assert "dblink_connect" in sai_etl_before  # dblink's functions are there, and stay
    assert _objects(pair.n8n_dsn, "public") == n8n_public_before


def test_a_failing_file_changes_nothing(pair: pairs.Pair, tmp_path) -> None:
    """sql/ is applied whole or not at all: a broken file leaves the previous functions, and the
    strays, as they were."""
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in sorted((pairs.ROOT / "sql" / "n8n").iterdir()):
        (broken / path.name).symlink_to(path)
    (broken / "15_broken.sql").write_text(
        "CREATE OR REPLACE FUNCTION sai_etl.setting(p_key text) RETURNS text "
        "LANGUAGE sql AS 'SELECT 1';\n"
        "SELECT no_such_function();\n"
    )
    _execute(pair.n8n_dsn, STRAY_N8N)
    with psycopg.connect(pair.n8n_dsn) as conn:
        definition_before = conn.execute(
            "SELECT prosrc FROM pg_proc WHERE oid = 'sai_etl.setting(text)'::regprocedure"
        ).fetchone()
    with (
        psycopg.connect(pair.n8n_dsn, autocommit=True) as conn,
        pytest.raises(psycopg.errors.UndefinedFunction, match="no_such_function"),
    ):
        apply_sql(conn, "n8n", root=broken)
    with psycopg.connect(pair.n8n_dsn) as conn:
        definition_after = conn.execute(
            "SELECT prosrc FROM pg_proc WHERE oid = 'sai_etl.setting(text)'::regprocedure"
        ).fetchone()
    assert definition_after == definition_before
    assert "stray_function" in _objects(pair.n8n_dsn, "sai_etl")
