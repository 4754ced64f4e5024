"""`sai-etl backfill --since 30d` records past executions the trigger never saw (inserted with
triggers disabled), at the lowest Stage 2 priority, with a progress bar; running it again adds
nothing."""

from __future__ import annotations

import os
import pty
import re
import subprocess

import psycopg

from support import pairs

# 250 past executions, one finishing per day back to 39 days ago: some unwatched, some still
# running, some errors.
OTHER = (
    'INSERT INTO workflow_entity (id, name, active, nodes, connections, "versionId") '
    "VALUES ('otherWorkflow001', 'Unrelated', false, '[]', '{}', repeat('0', 36))"
)
PAST = """
INSERT INTO execution_entity
    (id, finished, mode, status, "workflowId", "createdAt", "startedAt", "stoppedAt")
SELECT i, s.status = 'success', 'webhook', s.status,
       CASE WHEN mod(i, 11) = 0 THEN 'otherWorkflow001'
            WHEN mod(i, 2) = 0 THEN %(camera)s ELSE %(json)s END,
       now() - mod(i, 40) * interval '1 day' - interval '2 seconds',
       now() - mod(i, 40) * interval '1 day' - interval '1 second',
       CASE WHEN s.status <> 'running' THEN now() - mod(i, 40) * interval '1 day' END
FROM generate_series(1001, 1250) AS i
CROSS JOIN LATERAL (
    SELECT CASE WHEN mod(i, 10) = 0 THEN 'running' WHEN mod(i, 7) = 0 THEN 'error'
                ELSE 'success' END AS status
) AS s
"""
EXPECTED = """
SELECT id FROM execution_entity
WHERE id BETWEEN 1001 AND 1250 AND "workflowId" = ANY (%s) AND status IN ('success', 'error')
  AND "stoppedAt" >= now() - interval '30 days'
ORDER BY id
"""


def _backfill(pair: pairs.Pair, tty: bool = False) -> subprocess.CompletedProcess[str]:
    """`sai-etl backfill`; with `tty`, its stderr is a terminal (where the progress bar shows)."""
    command = [pairs.SAI_ETL, "backfill", "--since", "30d", "--batch", "40"]
    if not tty:
        done = subprocess.run(
            command, env=pair.env(), capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr
        return done
    leader, follower = pty.openpty()
    with subprocess.Popen(
        command, env=pair.env(), stdout=subprocess.PIPE, stderr=follower, text=True
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        stdout = proc.stdout.read() if proc.stdout else ""
        proc.wait(timeout=120)
    os.close(leader)
    assert proc.returncode == 0
    return subprocess.CompletedProcess(command, 0, stdout, b"".join(chunks).decode())


def test_backfill_then_again(pair: pairs.Pair) -> None:
    with psycopg.connect(pair.n8n_dsn, autocommit=True) as n8n:
        n8n.execute(OTHER)
        n8n.execute("SET session_replication_role = replica")
        n8n.execute(PAST, {"camera": pairs.SAI_WORKFLOWS[0], "json": pairs.SAI_WORKFLOWS[1]})
        n8n.execute("RESET session_replication_role")
        expected = n8n.execute(EXPECTED, [list(pairs.SAI_WORKFLOWS)]).fetchall()
        (outbox,) = n8n.execute("SELECT count(*) FROM sai_etl.outbox").fetchone()
    assert outbox == 0
    with psycopg.connect(pair.dashboard_dsn) as dash:
        (before,) = dash.execute("SELECT count(*) FROM executions").fetchone()
    assert before == 0, "the trigger was not disabled: nothing is left to backfill"

    first = _backfill(pair, tty=True)
    total = len(expected)
    assert 100 < total < 250
    assert f": {total} scanned, {total} added" in first.stdout
    bars = re.findall(r"backfill \[[# ]+\] (\d+)/(\d+) scanned", first.stderr)
    assert len(bars) >= total // 40
    assert bars[-1] == (str(total), str(total))

    with psycopg.connect(pair.dashboard_dsn) as dash:
        recorded = dash.execute(
            "SELECT e.id FROM executions AS e JOIN etl_processing_queue AS q "
            "ON q.execution_id = e.id WHERE e.ingest_source = 'backfill' AND q.priority = 10 "
            "AND q.status = 'pending' ORDER BY e.id"
        ).fetchall()
        (rows,) = dash.execute("SELECT count(*) FROM executions").fetchone()
    assert recorded == expected
    assert rows == total

    again = _backfill(pair)
    assert f": {total} scanned, 0 added" in again.stdout
    assert again.stderr == ""  # off a terminal: no progress bar
