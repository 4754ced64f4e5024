"""The runner's optional HTTP metrics endpoint (SAI_METRICS_ADDR=host:port), served by
prometheus-client: every scrape reads etl_health_json() on a short connection of its own and
exposes the same families as `sai-etl health --prometheus`, so both ways agree by construction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.core import Metric

from sai_etl import db
from sai_etl.report import prometheus

SCRAPE_CONNECT_TIMEOUT = 5


class HealthCollector:
    """A prometheus-client collector over the dashboard's health document."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn

    def _families(self) -> list[prometheus.Family]:
        try:
            with db.connect(self.dsn, "metrics", connect_timeout=SCRAPE_CONNECT_TIMEOUT) as conn:
                (doc,) = conn.execute("SELECT etl_health_json()").fetchone()
        except psycopg.Error:
            return [prometheus.up_family(False)]
        return prometheus.families(doc)

    def collect(self) -> Iterator[Metric]:
        for family in self._families():
            name = prometheus.PREFIX + family.name
            base = name.removesuffix("_total") if family.kind == "counter" else name
            metric = Metric(base, family.help, family.kind)
            for labels, value in family.samples:
                if value is not None:
                    metric.add_sample(name, labels, _value(value))
            yield metric


def _value(value: Any) -> float:
    return float(value) if not isinstance(value, bool) else (1.0 if value else 0.0)


def parse_address(address: str) -> tuple[str, int]:
    """host:port (host may be empty: every interface, or [v6])."""
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"SAI_METRICS_ADDR must be host:port, got {address!r}")
    return host.strip("[]") or "0.0.0.0", int(port)


def serve(address: str, dsn: str) -> None:
    """Serve /metrics at `address` from a daemon thread for the life of the process."""
    host, port = parse_address(address)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(HealthCollector(dsn))
    start_http_server(port, addr=host, registry=registry)
