"""`sai-etl health --prometheus`: the health document in Prometheus' text exposition format, for
node_exporter's textfile collector. A figure the database does not know (NULL) has no sample."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

PREFIX = "sai_etl_"

Labels = dict[str, str]
Sample = tuple[Labels, Any]


@dataclass
class Family:
    name: str
    kind: str
    help: str
    samples: list[Sample] = field(default_factory=list)

    def render(self) -> list[str]:
        name = PREFIX + self.name
        lines = [f"# HELP {name} {_escape_help(self.help)}", f"# TYPE {name} {self.kind}"]
        for labels, value in self.samples:
            number = _number(value)
            if number is not None:
                lines.append(f"{name}{_labels(labels)} {number}")
        return lines


def unreachable() -> str:
    """What a scrape gets when the dashboard cannot be read: up 0, nothing else."""
    return _render([up_family(False)])


def render(doc: dict[str, Any]) -> str:
    return _render(families(doc))


def families(doc: dict[str, Any]) -> list[Family]:
    q, p = doc["queue_health"], doc["pipeline_health"]
    counters = doc.get("counters", {})
    one = _one_sample
    out = [
        up_family(True),
        Family("healthy", "gauge", "1 when no alert fires.", [({}, doc["healthy"])]),
        Family(
            "alert_firing",
            "gauge",
            "1 when the alert fires (etl_alert_checks).",
            [
                ({"alert": a["alert"], "severity": a["severity"]}, a["firing"])
                for a in doc["alert_checks"]
            ],
        ),
        Family(
            "alert_observed",
            "gauge",
            "The figure each alert watches, in its unit (seconds or items).",
            [({"alert": a["alert"]}, a["observed"]) for a in doc["alert_checks"]],
        ),
        Family(
            "alert_threshold",
            "gauge",
            "The threshold of each alert (etl_settings alert_*).",
            [({"alert": a["alert"]}, a["threshold"]) for a in doc["alert_checks"]],
        ),
        Family(
            "queue_items",
            "gauge",
            "Stage 2 queue items by status.",
            [
                ({"status": s}, q[f"{s}_count"])
                for s in ("pending", "processing", "completed", "failed", "skipped")
            ],
        ),
        Family(
            "queue_pending_items",
            "gauge",
            "Pending items by why they wait: ready, deferred (n8n unfinished), retrying (backoff).",
            [({"state": s}, q[f"{s}_count"]) for s in ("ready", "deferred", "retrying")],
        ),
        one(
            "queue_permanently_failed_items",
            "Failed items that spent every attempt.",
            q["permanently_failed"],
        ),
        one(
            "queue_expired_leases",
            "Processing items whose runner's lease ran out.",
            q["expired_leases"],
        ),
        one(
            "queue_oldest_pending_timestamp_seconds",
            "When the oldest pending item was queued.",
            _epoch(q["oldest_pending"]),
        ),
        one(
            "stage2_completed_in_window",
            "Items completed within health_window.",
            q["completed_in_window"],
        ),
        one("stage2_failed_in_window", "Items failed within health_window.", q["failed_in_window"]),
        *_stats(
            "stage2_processing_seconds",
            "Stage 2 processing time (claim to completion) within health_window.",
            {
                "avg": q["processing_avg_in_window_ms"],
                "p50": q["processing_p50_in_window_ms"],
                "p99": q["processing_p99_in_window_ms"],
            },
        ),
        *_stats(
            "stage2_latency_seconds",
            "Stage 2 latency, queued to completed, of new executions within health_window.",
            {"p50": p["stage2_latency_p50_ms"], "p99": p["stage2_latency_p99_ms"]},
        ),
        one(
            "stage1_recorded_in_window",
            "Executions Stage 1 recorded within health_window.",
            p["stage1_ingested"],
        ),
        one(
            "stage1_recovered_in_window",
            "Executions recorded by the outbox drain or the reconcile within health_window.",
            p["stage1_recovered"],
        ),
        one(
            "stage1_backfilled_in_window",
            "Executions backfilled within health_window.",
            p["stage1_backfilled"],
        ),
        *_stats(
            "stage1_lag_seconds",
            "Stage 1 lag, n8n stoppedAt to the dashboard row, within health_window.",
            {
                "avg": p["stage1_lag_avg_ms"],
                "p50": p["stage1_lag_p50_ms"],
                "p99": p["stage1_lag_p99_ms"],
                "max": p["stage1_lag_max_ms"],
            },
        ),
        one(
            "stage1_last_recorded_timestamp_seconds",
            "When Stage 1 last recorded an execution.",
            _epoch(p["last_ingested_at"]),
        ),
        one("n8n_reachable", "1 when n8n's database answers through the link.", p["n8n_reachable"]),
        one("outbox_rows", "Stage 1 deliveries waiting in n8n's outbox.", p["outbox_depth"]),
        one(
            "outbox_oldest_timestamp_seconds",
            "When the oldest outbox row was queued.",
            _epoch(p["outbox_oldest"]),
        ),
        one(
            "n8n_finished_in_window",
            "Watched executions n8n finished within health_window.",
            p["n8n_finished"],
        ),
        one(
            "n8n_missing_executions",
            "Of those, how many the dashboard lacks.",
            p["n8n_missing"],
        ),
        one(
            "sweep_last_timestamp_seconds",
            "When the last sweep finished.",
            _epoch(p["last_sweep_at"]),
        ),
        one("sweeps_in_window", "Sweeps within health_window.", p["sweeps_in_window"]),
        one(
            "sweep_recovered_in_window",
            "Executions the sweeps recovered (outbox drained + reconciled) within health_window.",
            p["sweep_recovered_in_window"],
        ),
        one("runners_alive", "Runners heard from within alert_runner_silent.", p["runners_alive"]),
        one(
            "runner_last_heartbeat_timestamp_seconds",
            "The latest runner heartbeat.",
            _epoch(p["last_heartbeat_at"]),
        ),
        Family(
            "queue_table_tuples",
            "gauge",
            "Live and dead tuples of etl_processing_queue (statistics).",
            [({"state": "live"}, q["live_tuples"]), ({"state": "dead"}, q["dead_tuples"])],
        ),
        one(
            "xmin_horizon_age_transactions",
            "Age in transaction ids of the oldest transaction holding back vacuum.",
            q["oldest_xmin_age"],
        ),
        one(
            "xmin_horizon_since_timestamp_seconds",
            "Since when that transaction runs, where known.",
            _epoch(q["oldest_xmin_since"]),
        ),
        one(
            "queue_prunable_items",
            "Completed items past queue_retention, not yet pruned.",
            q["prunable_count"],
        ),
        one(
            "queue_last_prune_timestamp_seconds",
            "When the queue was last pruned.",
            _epoch(q["last_prune_at"]),
        ),
        Family(
            "queue_pruned_total",
            "counter",
            "Completed items pruned from the queue since installation.",
            [({}, q["pruned_total"])],
        ),
        Family(
            "data_quality_ratio",
            "gauge",
            "Share of all executions that have each Stage 2 field (0..1).",
            [
                ({"field": d["field"]}, _ratio(d["present"], d["executions"]))
                for d in doc["data_quality"]
            ],
        ),
        Family(
            "data_quality_present",
            "gauge",
            "Executions that have each Stage 2 field.",
            [({"field": d["field"]}, d["present"]) for d in doc["data_quality"]],
        ),
        one(
            "data_quality_executions",
            "Executions counted by the data quality rollup.",
            doc["data_quality"][0]["executions"] if doc["data_quality"] else None,
        ),
        Family(
            "items_total",
            "counter",
            "Stage 2 queue outcomes since installation: items completed, failed, skipped; "
            "retried = attempts started after an item's first.",
            [({"outcome": name}, counters.get(name)) for name in OUTCOMES],
        ),
        Family(
            "image_bytes_written_total",
            "counter",
            "Bytes of original images written since installation.",
            [({}, counters.get("image_bytes_written"))],
        ),
        *_image_families(doc),
        one(
            "data_quality_refresh_timestamp_seconds",
            "When the data quality rollup was last refreshed.",
            _epoch(p["data_quality_refreshed_at"]),
        ),
    ]
    return out


OUTCOMES = ("completed", "failed", "skipped", "retried")


def _image_families(doc: dict[str, Any]) -> list[Family]:
    """The image store: per root (host, root) its file system and size, then what is kept."""
    stores, images = doc["image_stores"], doc["images"]

    def per_root(key: str) -> list[Sample]:
        return [({"host": s["host"], "root": s["root"]}, s[key]) for s in stores]

    return [
        Family(
            "image_root_free_bytes",
            "gauge",
            "Free bytes on the image root's file system.",
            per_root("free_bytes"),
        ),
        Family(
            "image_root_filesystem_bytes",
            "gauge",
            "Size of the image root's file system.",
            per_root("total_bytes"),
        ),
        Family(
            "image_root_used_bytes",
            "gauge",
            "Bytes of the files under the image root (measured every image_measure_every).",
            per_root("used_bytes"),
        ),
        _one_sample(
            "image_oldest_original_kept_timestamp_seconds",
            "When the oldest original image still on disk was stored.",
            _epoch(images["oldest_original_kept"]),
        ),
        _one_sample(
            "image_oldest_derived_kept_timestamp_seconds",
            "When the oldest thumbnail still on disk was stored.",
            _epoch(images["oldest_derived_kept"]),
        ),
        Family(
            "images_pruned_total",
            "counter",
            "Images whose files retention removed, by kind.",
            [
                ({"kind": "original"}, images["originals_pruned_total"] or 0),
                ({"kind": "derived"}, images["derived_pruned_total"] or 0),
            ],
        ),
        Family(
            "image_pruned_bytes_total",
            "counter",
            "Bytes of original images retention removed.",
            [({}, images["pruned_bytes_total"] or 0)],
        ),
    ]


def _render(items: Iterable[Family]) -> str:
    lines: list[str] = []
    for family in items:
        lines += family.render()
    return "\n".join(lines) + "\n"


def up_family(up: bool) -> Family:
    return Family(
        "up", "gauge", "1 when the dashboard database answered the health query.", [({}, up)]
    )


def _one_sample(name: str, help_text: str, value: Any) -> Family:
    return Family(name, "gauge", help_text, [({}, value)])


# Percentiles carry Prometheus' `quantile` label; the average and the maximum are their own series.
QUANTILES = {"p50": "0.5", "p99": "0.99"}


def _stats(name: str, help_text: str, millis: dict[str, float | None]) -> list[Family]:
    seconds = {stat: None if value is None else value / 1000 for stat, value in millis.items()}
    out = [
        Family(
            name,
            "gauge",
            f"{help_text} Quantiles.",
            [({"quantile": QUANTILES[s]}, v) for s, v in seconds.items() if s in QUANTILES],
        )
    ]
    for stat, label in (("avg", "average"), ("max", "maximum")):
        if stat in seconds:
            out.append(_one_sample(f"{name}_{stat}", f"{help_text} The {label}.", seconds[stat]))
    return out


def _ratio(present: int, total: int) -> float | None:
    return present / total if total else None


def _epoch(value: str | None) -> float | None:
    return None if value is None else datetime.fromisoformat(value).timestamp()


def _number(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def _labels(labels: Labels) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{_escape_label(v)}"' for k, v in labels.items())
    return "{" + inner + "}"


def _escape_label(value: str) -> str:
    return value.replace("\\", r"\\").replace("\n", r"\n").replace('"', r"\"")


def _escape_help(value: str) -> str:
    return value.replace("\\", r"\\").replace("\n", r"\n")
