"""Fault: an item whose extraction kills the dashboard backend on every try (as an out-of-memory
kill would: here a trigger on execution_analysis that terminates its own backend for that one
execution), among a backlog, with a runner working.

The attempt must be charged before the work, in a committed step: the poison item spends its
attempts and ends `failed` after max_attempts instead of looping forever, and the items claimed
alongside it complete (the runner claims singly after a claim whose backend died, so they are
charged for at most one of its deaths).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import faults, pairs
from support.runner_support import play, query, runner_env, wait_until

POISON = """
CREATE FUNCTION fault_poison() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_terminate_backend(pg_backend_pid());
    PERFORM pg_sleep(5);  -- the termination lands at the next interrupt check
    RETURN new;
END $$;
CREATE TRIGGER fault_poison BEFORE INSERT OR UPDATE ON execution_analysis
FOR EACH ROW WHEN (new.execution_id = {id}) EXECUTE FUNCTION fault_poison();
"""


@dataclass(frozen=True)
class Scale:
    items: int
    bound: float


QUICK = Scale(items=40, bound=240)
FULL = Scale(items=400, bound=420)


@pytest.mark.parametrize("scale", faults.scales(QUICK, FULL))
def test_poison_item_ends_failed(
    scale: Scale, cleanup: contextlib.ExitStack, tmp_path: Path
) -> None:
    with faults.deadline(scale.bound, "poison scenario"):
        cluster = faults.cluster(cleanup, "f9poison")
        pair = pairs.new_pair("poison", dashboard_cluster=cluster, n8n_cluster=cluster)
        ids = play(pair, scale.items, workflow="camera", error_rate=0, frame_size=faults.TINY_FRAME)
        poison = ids[3]
        query(pair.dashboard_dsn, POISON.format(id=poison))
        env = runner_env(pair, tmp_path, SAI_LEASE_SECONDS=2, SAI_BATCH_SIZE=10)
        runner = faults.runner(cleanup, env)

        def settled() -> bool:
            assert runner.proc.poll() is None, runner.output()
            return query(
                pair.dashboard_dsn,
                "SELECT count(*) FILTER (WHERE status IN ('completed', 'failed')) "
                "FROM etl_processing_queue",
            ) == [(scale.items,)]

        try:
            wait_until(settled, scale.bound - 60, "every item completed or failed", step=0.5)
        except AssertionError as exc:
            queue = query(
                pair.dashboard_dsn,
                "SELECT execution_id, status, attempts FROM etl_processing_queue "
                "WHERE status NOT IN ('completed') ORDER BY 1",
            )
            raise AssertionError(f"{exc}\nqueue: {queue}\n{runner.output()[-3000:]}") from None
        assert runner.proc.poll() is None, runner.output()
        assert runner.stop() == 0, runner.output()
        items = dict(
            (row[0], row[1:])
            for row in query(
                pair.dashboard_dsn,
                "SELECT execution_id, status, attempts, max_attempts FROM etl_processing_queue",
            )
        )

    others = {i: v for i, v in items.items() if i != poison}
    faults.report(
        "poison",
        items=scale.items,
        poison=items[poison],
        backend_deaths=len(runner.events("claim-died")),
        others_by_attempts=sorted(
            {a: sum(1 for v in others.values() if v[1] == a) for _, a, _ in others.values()}.items()
        ),
    )
    status, attempts, max_attempts = items[poison]
    assert (status, attempts) == ("failed", max_attempts)
    assert all(v[0] == "completed" for v in others.values()), others
    assert max(v[1] for v in others.values()) <= 2, others
