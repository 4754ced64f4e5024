"""`sai-etl run --once` waits, boundedly, for executions n8n has not finished writing; `sai-etl
reprocess` and `retry` reopen items through the stored functions."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from support.runner_support import SAI_ETL, play, query, run_once, runner_env, setup_pair


def _items(dsn: str) -> list[tuple[int, str, int]]:
    return query(dsn, "SELECT execution_id, status, attempts FROM etl_processing_queue ORDER BY 1")


def test_once_waits_a_bounded_time_for_unfinished_executions(
    private_cluster: str, tmp_path: Path
) -> None:
    pair = setup_pair(private_cluster, "runner_once")
    first, second = play(pair, 2, error_rate=0)
    # As if n8n had rolled back the second execution's finish after Stage 1 heard of it.
    query(pair.n8n_dsn, "UPDATE execution_entity SET status = 'running' WHERE id = %s", [second])
    env = runner_env(pair, tmp_path)

    started = time.monotonic()
    out = run_once(env, "--once-wait=1")
    took = time.monotonic() - started
    assert 1 <= took < 6, out
    assert "not-waiting" in out
    assert _items(pair.dashboard_dsn) == [(first, "completed", 1), (second, "pending", 0)]
    ((deferrals,),) = query(
        pair.dashboard_dsn,
        "SELECT deferrals FROM etl_processing_queue WHERE execution_id = %s",
        [second],
    )
    assert deferrals >= 4  # re-checked within milliseconds first, then less often

    query(pair.n8n_dsn, "UPDATE execution_entity SET status = 'success' WHERE id = %s", [second])
    run_once(env, "--once-wait=60")  # waits for the deferral (< 60 s), not for the bound
    assert _items(pair.dashboard_dsn) == [(first, "completed", 1), (second, "completed", 1)]


def test_reprocess_and_retry_commands(private_cluster: str, tmp_path: Path) -> None:
    pair = setup_pair(private_cluster, "runner_reprocess")
    first, second = play(pair, 2, error_rate=0)
    env = runner_env(pair, tmp_path)
    run_once(env)

    def command(*args: str) -> str:
        done = subprocess.run([SAI_ETL, *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert command("reprocess", "--since", "1h", str(second)) == "requeued 1 item for Stage 2\n"
    assert _items(pair.dashboard_dsn) == [(first, "completed", 1), (second, "pending", 0)]
    run_once(env)
    assert _items(pair.dashboard_dsn) == [(first, "completed", 1), (second, "completed", 1)]
    assert command("reprocess", "--since", "1h") == "requeued 2 items for Stage 2\n"
    run_once(env)

    query(
        pair.dashboard_dsn,
        "UPDATE etl_processing_queue SET status = 'failed' WHERE execution_id = %s",
        [first],
    )
    assert command("retry") == "reopened 1 failed item\n"
    assert command("retry", "--skipped") == "reopened 0 skipped items\n"
    run_once(env)
    assert {status for _, status, _ in _items(pair.dashboard_dsn)} == {"completed"}
