"""Fault: systemic errors that no item causes and no retry of an item can cure: the reader's
SELECT on n8n's execution_data revoked (42501), and n8n's binary-data storage folder gone (a
volume not mounted). A runner meets them with a backlog queued and runs on for a while.

They must pause Stage 2, not burn the backlog: no item failed, no attempt spent, a critical
`stage2_paused` alert (in etl_alerts and `sai-etl health`) naming the cause; once the cause is
gone the same runner resumes by itself and completes every item.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import faults, pairs
from support.runner_support import play, query, runner_env


@dataclass(frozen=True)
class Scale:
    items: int
    hold: float  # seconds the runner runs into the fault
    bound: float  # the whole test, seconds


QUICK = Scale(items=50, hold=12, bound=180)
FULL = Scale(items=50, hold=60, bound=300)


def _grant(pair: pairs.Pair, verb: str) -> None:
    word = "FROM" if verb == "REVOKE" else "TO"
    query(pair.n8n_dsn, f"{verb} SELECT ON public.execution_data {word} sai_etl_reader")


def _health(pair: pairs.Pair) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [pairs.SAI_ETL, "health"],
        env=pair.env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("cause", ["grant", "storage"])
@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_systemic_fault_pauses_stage2(
    scale: Scale, cause: str, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    with faults.deadline(scale.bound, f"systemic fault ({cause})"):
        cluster = faults.cluster(cleanup, "f8sys")
        pair = pairs.new_pair("systemic", dashboard_cluster=cluster, n8n_cluster=cluster)
        images, store = tmp_path / "images", tmp_path / "n8n-binary"
        images.mkdir()
        store.mkdir()
        play(
            pair,
            scale.items,
            workflow="camera",
            binary_mode="filesystem",
            binary_dir=store,
            error_rate=0,
            frame_size=faults.TINY_FRAME,
        )
        away = tmp_path / "n8n-binary.unmounted"
        if cause == "grant":
            _grant(pair, "REVOKE")
            expected = "permission denied for table execution_data"
        else:
            store.rename(away)  # the volume is not mounted: the folder is not there
            expected = "n8n folder unreadable"
        env = runner_env(
            pair,
            images,
            SAI_N8N_BINARY_DIR=store,
            SAI_POLL_SECONDS=1,
            SAI_SWEEP_SECONDS=3600,
        )
        runner = faults.runner(cleanup, env)
        time.sleep(scale.hold)

        queue = query(
            pair.dashboard_dsn,
            "SELECT status, attempts, count(*) FROM etl_processing_queue "
            "GROUP BY 1, 2 ORDER BY 1, 2",
        )
        alerts = query(pair.dashboard_dsn, "SELECT alert, message FROM etl_alerts")
        health = _health(pair)

        if cause == "grant":
            _grant(pair, "GRANT")
        else:
            away.rename(store)
        resumed_at = time.monotonic()
        done = faults.wait_for_queue(pair.dashboard_dsn, scale.items, 90, runner)
        assert runner.proc.poll() is None, runner.output()
        assert runner.stop() == 0, runner.output()
        after = query(
            pair.dashboard_dsn, "SELECT alert FROM etl_alerts WHERE alert = 'stage2_paused'"
        )

    paused = [message for alert, message in alerts if alert == "stage2_paused"]
    faults.report(
        f"systemic fault: {cause}",
        items=scale.items,
        held_s=scale.hold,
        queue_during=queue,
        alert=paused[0] if paused else None,
        health_exit=health.returncode,
        pauses_logged=len(runner.events("stage2-paused")),
        completed_after_s=f"{done - resumed_at:.1f}",
    )
    assert queue == [("pending", 0, scale.items)], "the fault spent attempts or failed items"
    assert paused and expected in paused[0], alerts
    assert health.returncode == 2 and "stage2_paused" in health.stdout, health.stdout  # CRITICAL
    assert after == [], "the alert outlived the fault"
