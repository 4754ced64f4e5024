"""n8n migrates its own tables when it starts: nothing sai-etl installs may make that DDL fail.

With sai-etl installed (`sai-etl migrate`, Stage 1 triggers on execution_entity), each kind of DDL
an n8n migration might run succeeds, and the test shows what sai-etl does afterwards: it keeps
recording executions, or it stops cleanly (n8n's commits still succeed), health says why, and
once the schema is one sai-etl reads again and `sai-etl migrate` ran, the sweep recovers every
execution of the gap.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import pytest

from support import n8n_writes, pairs

CAMERA = "yDbfhooKemfhMIkC"


@pytest.fixture(scope="module")
def pair() -> Iterator[pairs.Pair]:
    made = pairs.new_pair("n8n_ddl")
    yield made
    made.drop()


def _ddl(pair: pairs.Pair, *statements: str) -> None:
    """n8n's way: its migrations run in a transaction of their own."""
    with psycopg.connect(pair.n8n_dsn) as conn, conn.transaction():
        for statement in statements:
            conn.execute(statement)


def _play(pair: pairs.Pair) -> int:
    """One watched execution through n8n 1.123's write sequence; its id."""
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        execution_id = n8n_writes.insert_new(conn, CAMERA)
        n8n_writes.set_running(conn, execution_id)
        n8n_writes.finish(conn, execution_id, "success")
        n8n_writes.settle(conn)
    return execution_id


def _recorded(pair: pairs.Pair, execution_id: int) -> list[tuple[str, str]]:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        return dash.execute(
            "SELECT status, ingest_source FROM executions WHERE id = %s", [execution_id]
        ).fetchall()


def _health(pair: pairs.Pair) -> dict[str, object]:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        (doc,) = dash.execute("SELECT etl_health_json()").fetchone()
    return doc if isinstance(doc, dict) else json.loads(doc)


def _alerts(pair: pairs.Pair) -> dict[str, str]:
    with psycopg.connect(pair.dashboard_dsn) as dash:
        return dict(dash.execute("SELECT alert, message FROM etl_alerts").fetchall())


@pytest.mark.parametrize(
    "statements",
    [
        pytest.param(
            ["ALTER TABLE execution_entity ALTER COLUMN status TYPE varchar(32)"], id="status-type"
        ),
        pytest.param(
            ['ALTER TABLE execution_entity ALTER COLUMN "workflowId" TYPE varchar(64)'],
            id="workflowId-type",
        ),
        pytest.param(
            [
                'ALTER TABLE execution_entity ALTER COLUMN "stoppedAt" TYPE timestamptz(6)',
                'ALTER TABLE execution_entity ALTER COLUMN "createdAt" TYPE timestamptz(6)',
            ],
            id="timestamps-type",
        ),
        pytest.param(
            [
                'ALTER TABLE execution_entity ADD COLUMN "sai_ddl_probe" varchar(2) '
                "NOT NULL DEFAULT 'db'",
                'ALTER TABLE execution_entity DROP COLUMN "waitTill"',
            ],
            id="add-drop-columns",
        ),
        pytest.param(
            [
                'CREATE INDEX sai_ddl_probe_idx ON execution_entity (status, "workflowId")',
                "DROP INDEX sai_ddl_probe_idx",
                "ALTER TABLE execution_entity ADD CONSTRAINT sai_ddl_probe_check "
                "CHECK (status <> '')",
            ],
            id="indexes-constraints",
        ),
    ],
)
def test_n8n_ddl_succeeds_and_sai_etl_keeps_recording(
    pair: pairs.Pair, statements: list[str]
) -> None:
    _ddl(pair, *statements)
    execution_id = _play(pair)
    assert _recorded(pair, execution_id) == [("success", "trigger")]


def test_renamed_column_stops_cleanly_and_loses_nothing(pair: pairs.Pair) -> None:
    before = _play(pair)
    _ddl(pair, 'ALTER TABLE execution_entity RENAME COLUMN "stoppedAt" TO "stoppedAtRenamed"')
    # n8n's own sequence under the new name: every statement, the COMMIT included, succeeds.
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
        gap = n8n_writes.insert_new(conn, CAMERA)
        n8n_writes.set_running(conn, gap)
        with conn.transaction():
            conn.execute(
                'UPDATE execution_entity SET finished = true, "stoppedAtRenamed" = now(), '
                "status = 'success' WHERE id = %s",
                [gap],
            )
    assert _recorded(pair, before) == [("success", "trigger")]
    assert _recorded(pair, gap) == []
    # Health says what is wrong, in the n8n link's words.
    alerts = _alerts(pair)
    assert "n8n_unreachable" in alerts, alerts
    assert "stoppedAt" in alerts["n8n_unreachable"]
    # The schema sai-etl reads is back (n8n's next release, or a sai-etl release that reads the
    # new one): migrate, and the sweep brings the gap's execution.
    _ddl(pair, 'ALTER TABLE execution_entity RENAME COLUMN "stoppedAtRenamed" TO "stoppedAt"')
    pair.sai_etl("migrate")
    pair.sai_etl("sweep")
    assert _recorded(pair, gap) == [("success", "reconcile")]
    assert "n8n_unreachable" not in _alerts(pair)
    after = _play(pair)
    assert _recorded(pair, after) == [("success", "trigger")]


def test_renamed_table_keeps_its_trigger_and_stage2_stops_with_an_alert(pair: pairs.Pair) -> None:
    _ddl(pair, "ALTER TABLE execution_entity RENAME TO execution_entity_renamed")
    try:
        with psycopg.connect(pair.n8n_dsn, autocommit=True) as conn:
            (execution_id,) = conn.execute(
                "INSERT INTO execution_entity_renamed "
                '(finished, mode, status, "workflowId", "createdAt", "startedAt", "stoppedAt") '
                "VALUES (true, 'webhook', 'success', %s, now(), now(), now()) RETURNING id",
                [CAMERA],
            ).fetchone()
            n8n_writes.settle(conn)
        # The trigger follows the table: Stage 1 still records it.
        assert _recorded(pair, execution_id) == [("success", "trigger")]
        alerts = _alerts(pair)
        assert "n8n_unreachable" in alerts, alerts
        assert "execution_entity" in alerts["n8n_unreachable"]
    finally:
        _ddl(pair, "ALTER TABLE execution_entity_renamed RENAME TO execution_entity")
    pair.sai_etl("migrate")
    assert "n8n_unreachable" not in _alerts(pair)


def test_rebuilt_table_gets_its_triggers_back_from_migrate(pair: pairs.Pair) -> None:
    """n8n's create-copy-drop way of changing a table: the triggers and the link's grant go with
    the old table; `sai-etl migrate` puts them back and the sweep records the gap."""
    _ddl(
        pair,
        "ALTER SEQUENCE execution_entity_id_seq OWNED BY NONE",
        "CREATE TABLE execution_entity_new (LIKE execution_entity INCLUDING ALL)",
        "INSERT INTO execution_entity_new SELECT * FROM execution_entity",
        "DROP TABLE execution_entity CASCADE",
        "ALTER TABLE execution_entity_new RENAME TO execution_entity",
        "ALTER SEQUENCE execution_entity_id_seq OWNED BY execution_entity.id",
    )
    gap = _play(pair)
    assert _recorded(pair, gap) == []
    assert "n8n_unreachable" in _alerts(pair)  # the new table has no grant for the link
    pair.sai_etl("migrate")
    with psycopg.connect(pair.n8n_dsn) as conn:
        (triggers,) = conn.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'execution_entity'::regclass "
            "AND tgname LIKE 'sai_etl%'"
        ).fetchone()
    assert triggers == 2
    pair.sai_etl("sweep")
    assert _recorded(pair, gap) == [("success", "reconcile")]
    after = _play(pair)
    assert _recorded(pair, after) == [("success", "trigger")]
