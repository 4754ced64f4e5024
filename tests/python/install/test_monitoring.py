"""deploy/prometheus and deploy/grafana against the exporter's real output: every metric the
alert rules and the dashboard query exists in what `sai-etl health --prometheus` prints for a pair
a runner has worked on, every label value they select is one it emits, the rules cover exactly
the alerts of etl_alerts with the same severities, every expression parses as PromQL, and the rules
file passes `promtool check rules` where promtool is installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import promql_parser
import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from support.pairs import ROOT, SAI_ETL, setup_pair
from support.runner_support import play, run_once, runner_env

RULES = ROOT / "deploy" / "prometheus" / "sai-etl.rules.yml"
DASHBOARD = ROOT / "deploy" / "grafana" / "sai-etl-dashboard.json"
SELECTOR = re.compile(r"\b(sai_etl_[a-z0-9_]+)(?:\{([^}]*)\})?")
MATCHER = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
# Grafana's variables, as Grafana substitutes them before the query reaches Prometheus.
GRAFANA_VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h"}


def _rules() -> list[dict[str, Any]]:
    return [
        rule for group in yaml.safe_load(RULES.read_text())["groups"] for rule in group["rules"]
    ]


def _dashboard_exprs() -> list[str]:
    exprs = [t["expr"] for p in json.loads(DASHBOARD.read_text())["panels"] for t in p["targets"]]
    for name, value in GRAFANA_VARIABLES.items():
        exprs = [e.replace(name, value) for e in exprs]
    return exprs


def _all_exprs() -> list[str]:
    return [rule["expr"] for rule in _rules()] + _dashboard_exprs()


@pytest.fixture(scope="module")
def exported(private_cluster: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """`sai-etl health --prometheus` after a runner stored images and counted outcomes."""
    images = tmp_path_factory.mktemp("monitoring")
    pair = setup_pair(private_cluster, "monitoring")
    play(pair, 4, seed=5, workflow="camera", error_rate=0)
    env = runner_env(pair, images)
    run_once(env)
    done = subprocess.run(
        [SAI_ETL, "health", "--prometheus"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode in (0, 1, 2), done.stderr  # alerts may fire: no runner is alive now
    return done.stdout


@pytest.fixture(scope="module")
def families(exported: str) -> dict[str, Any]:
    return {f.name: f for f in text_string_to_metric_families(exported)}


def _samples(families: dict[str, Any], name: str) -> list[Any]:
    return [s for f in families.values() for s in f.samples if s.name == name]


def test_every_queried_metric_and_label_value_is_exported(
    exported: str, families: dict[str, Any]
) -> None:
    declared = set(re.findall(r"^# TYPE (\S+) ", exported, re.MULTILINE))
    queried = [(m[1], m[2] or "") for e in _all_exprs() for m in SELECTOR.finditer(e)]
    assert len({name for name, _ in queried}) >= 20
    for name, matchers in queried:
        assert name in declared, f"{name} is queried but not exported"
        for label, value in MATCHER.findall(matchers):
            values = {s.labels.get(label) for s in _samples(families, name)}
            assert value in values, f"{name}{{{label}={value!r}}}: exported values {values}"


def test_rules_cover_exactly_the_alerts_of_etl_alerts(families: dict[str, Any]) -> None:
    exported = {
        s.labels["alert"]: s.labels["severity"] for s in _samples(families, "sai_etl_alert_firing")
    }
    ruled = {
        rule["labels"]["sai_etl_alert"]: rule["labels"]["severity"]
        for rule in _rules()
        if "sai_etl_alert" in rule.get("labels", {})
    }
    assert ruled == exported
    assert len(exported) == 11


def test_counters_only_grow_by_name_and_percentiles_use_quantile(families: dict[str, Any]) -> None:
    counters = {name for name, f in families.items() if f.type == "counter"}
    assert {"sai_etl_items", "sai_etl_image_bytes_written", "sai_etl_images_pruned"} <= counters
    outcomes = {s.labels["outcome"] for s in _samples(families, "sai_etl_items_total")}
    assert outcomes == {"completed", "failed", "skipped", "retried"}
    assert [
        s.value
        for s in _samples(families, "sai_etl_items_total")
        if s.labels["outcome"] == "completed"
    ] == [4]
    assert _samples(families, "sai_etl_image_bytes_written_total")[0].value > 0
    quantiles = {s.labels["quantile"] for s in _samples(families, "sai_etl_stage1_lag_seconds")}
    assert quantiles == {"0.5", "0.99"}


def test_every_expression_parses_as_promql_and_rules_are_well_formed() -> None:
    for expr in _all_exprs():
        promql_parser.parse(expr)  # raises on a syntax error
    for rule in _rules():
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"}
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert re.fullmatch(r"\d+[smh]", rule["for"])
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool (Debian: prometheus) absent")
def test_rules_pass_promtool(tmp_path: Path) -> None:
    done = subprocess.run(
        ["promtool", "check", "rules", str(RULES)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
