"""The runner's optional /metrics endpoint (SAI_METRICS_ADDR, prometheus-client): a real runner
serves the same families as `sai-etl health --prometheus`, read at scrape time."""

from __future__ import annotations

import socket
import subprocess
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from support.pairs import SAI_ETL
from support.runner_support import RunnerProcess, play, runner_env, setup_pair, wait_until


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _families(text: str) -> dict[str, dict[tuple, float]]:
    return {
        f.name: {(s.name, tuple(sorted(s.labels.items()))): s.value for s in f.samples}
        for f in text_string_to_metric_families(text)
    }


def test_runner_serves_the_health_families(private_cluster: str, tmp_path: Path) -> None:
    pair = setup_pair(private_cluster, "metrics_http")
    address = f"127.0.0.1:{_free_port()}"
    env = runner_env(pair, tmp_path, SAI_METRICS_ADDR=address)
    runner = RunnerProcess(env)
    try:
        runner.wait_for("metrics-listening")
        play(pair, 2, seed=9, workflow="camera", error_rate=0)
        runner.wait_for("completed", 2)

        def scrape() -> dict[str, dict[tuple, float]]:
            with urllib.request.urlopen(f"http://{address}/metrics", timeout=10) as response:
                return _families(response.read().decode())

        wait_until(
            lambda: (
                scrape()["sai_etl_items"][("sai_etl_items_total", (("outcome", "completed"),))] == 2
            ),
            30,
            "the endpoint counting 2 completed items",
        )
        served = scrape()
    finally:
        assert runner.stop() == 0
    printed = _families(
        subprocess.run(
            [SAI_ETL, "health", "--prometheus"], env=env, capture_output=True, text=True, timeout=60
        ).stdout
    )
    assert set(served) == set(printed)
    assert served["sai_etl_up"] == {("sai_etl_up", ()): 1.0}
    assert served["sai_etl_items"] == printed["sai_etl_items"]
