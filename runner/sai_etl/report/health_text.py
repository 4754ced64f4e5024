"""`sai-etl health` for people: the health document (etl_health_json()) as sections of tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sai_etl.report.terminal import UNKNOWN, Style, ago, pairs, table, text, timestamp, when

_SEVERITY_COLOUR = {"critical": "red", "warning": "yellow"}


def render(doc: dict[str, Any], style: Style) -> str:
    now = datetime.fromisoformat(doc["generated_at"])
    q, p = doc["queue_health"], doc["pipeline_health"]
    lines = _header(doc, style)
    lines += ["", style.paint("Alerts", "bold"), *_alerts(doc, style)]
    lines += ["", style.paint(f"Stage 1 (last {p['health_window']})", "bold"), *_stage1(p, now)]
    lines += ["", style.paint("n8n link and sweeps", "bold"), *_n8n(p, now)]
    lines += ["", style.paint("Stage 2 queue", "bold"), *_queue(q, p, now)]
    lines += ["", style.paint("Runners", "bold"), *_runners(doc, p, now, style)]
    lines += ["", style.paint("Vacuum and retention", "bold"), *_upkeep(q, now)]
    lines += ["", style.paint("Image store", "bold"), *_images(doc, now, style)]
    lines += ["", style.paint("Data quality (all executions)", "bold"), *_quality(doc, p, style)]
    if doc["failed_items"]:
        lines += ["", style.paint("Failed and skipped items (newest first)", "bold")]
        lines += _failed(doc, q, style)
    return "\n".join(lines) + "\n"


def _header(doc: dict[str, Any], style: Style) -> list[str]:
    firing = len(doc["alerts"])
    if firing:
        state = style.paint(
            f"UNHEALTHY: {firing} alert{'s' if firing > 1 else ''} firing", "red", "bold"
        )
    else:
        state = style.paint("healthy", "green", "bold")
    return [f"sai-etl health at {timestamp(doc['generated_at'])}: {state}"]


def _alerts(doc: dict[str, Any], style: Style) -> list[str]:
    if not doc["alerts"]:
        return ["  none firing"]
    rows = [
        [
            style.paint(a["severity"].upper(), _SEVERITY_COLOUR.get(a["severity"], "bold")),
            a["alert"],
            a["message"],
        ]
        for a in doc["alerts"]
    ]
    return table(["severity", "alert", "what"], rows, style)


def _ms(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:,.1f} ms"


def _stage1(p: dict[str, Any], now: datetime) -> list[str]:
    lag = (
        f"avg {_ms(p['stage1_lag_avg_ms'])}, p50 {_ms(p['stage1_lag_p50_ms'])}, "
        f"p99 {_ms(p['stage1_lag_p99_ms'])}, max {_ms(p['stage1_lag_max_ms'])}"
    )
    return pairs(
        [
            (
                "recorded",
                f"{text(p['stage1_ingested'])} (recovered by outbox/reconcile "
                f"{text(p['stage1_recovered'])}, backfilled {text(p['stage1_backfilled'])})",
            ),
            ("lag stoppedAt -> row", lag),
            ("last recorded", when(p["last_ingested_at"], now)),
        ]
    )


def _n8n(p: dict[str, Any], now: datetime) -> list[str]:
    if p["n8n_reachable"]:
        link = "reachable"
        outbox = f"{text(p['outbox_depth'])} rows"
        if p["outbox_oldest"] is not None:
            outbox += f", oldest {ago(p['outbox_oldest'], now)} old"
        missing = (
            f"{text(p['n8n_missing'])} of {text(p['n8n_finished'])} finished in the window "
            "are not in the dashboard"
        )
    else:
        link = f"UNREACHABLE: {p['n8n_error']}"
        outbox = missing = UNKNOWN
    sweep = UNKNOWN
    if p["last_sweep_at"] is not None:
        sweep = (
            f"{ago(p['last_sweep_at'], now)} ago: drained {text(p['last_sweep_outbox_drained'])}, "
            f"reconciled {text(p['last_sweep_reconciled'])}"
        )
    return pairs(
        [
            ("n8n", link),
            ("outbox", outbox),
            ("missing", missing),
            ("last sweep", sweep),
            (
                "sweeps in window",
                f"{text(p['sweeps_in_window'])}, recovered {text(p['sweep_recovered_in_window'])}",
            ),
        ]
    )


def _queue(q: dict[str, Any], p: dict[str, Any], now: datetime) -> list[str]:
    return pairs(
        [
            (
                "pending",
                f"{text(q['pending_count'])} (ready {text(q['ready_count'])}, deferred "
                f"{text(q['deferred_count'])}, retrying {text(q['retrying_count'])})",
            ),
            (
                "processing",
                f"{text(q['processing_count'])} (expired leases {text(q['expired_leases'])})",
            ),
            ("completed", text(q["completed_count"])),
            (
                "failed",
                f"{text(q['failed_count'])} (every attempt spent {text(q['permanently_failed'])})",
            ),
            ("skipped", text(q["skipped_count"])),
            ("oldest pending", when(q["oldest_pending"], now)),
            (
                "in window",
                f"{text(q['completed_in_window'])} completed, {text(q['failed_in_window'])} failed",
            ),
            (
                "processing time",
                f"avg {_ms(q['processing_avg_in_window_ms'])}, "
                f"p50 {_ms(q['processing_p50_in_window_ms'])}, "
                f"p99 {_ms(q['processing_p99_in_window_ms'])} "
                f"(all kept: avg {_ms(q['avg_processing_time_ms'])}, "
                f"max {_ms(q['max_processing_time_ms'])})",
            ),
            (
                "latency queued -> done",
                f"p50 {_ms(p['stage2_latency_p50_ms'])}, p99 {_ms(p['stage2_latency_p99_ms'])}",
            ),
        ]
    )


def _runners(doc: dict[str, Any], p: dict[str, Any], now: datetime, style: Style) -> list[str]:
    if not doc["runners"]:
        return ["  no runner has sent a heartbeat"]
    rows = [
        [r["worker"], ago(r["started_at"], now), ago(r["last_seen_at"], now), text(r["status"])]
        for r in doc["runners"]
    ]
    lines = table(["runner", "up for", "last seen ago", "status"], rows, style)
    return [f"  {text(p['runners_alive'])} alive", *lines]


def _upkeep(q: dict[str, Any], now: datetime) -> list[str]:
    holder = "none"
    if q["oldest_xmin_holder"] is not None:
        since = ""
        if q["oldest_xmin_since"] is not None:
            since = f", for {ago(q['oldest_xmin_since'], now)}"
        holder = f"{q['oldest_xmin_holder']}: {text(q['oldest_xmin_age'])} transactions{since}"
    prune = "never ran"
    if q["last_prune_at"] is not None:
        prune = (
            f"{ago(q['last_prune_at'], now)} ago, {text(q['last_pruned'])} rows "
            f"({text(q['pruned_total'])} in all)"
        )
    return pairs(
        [
            (
                "queue table",
                f"{text(q['live_tuples'])} live, {text(q['dead_tuples'])} dead tuples, "
                f"last vacuum {timestamp(q['last_vacuum'])}",
            ),
            ("holds back vacuum", holder),
            (
                "retention",
                f"{q['queue_retention']}; {text(q['prunable_count'])} completed rows past it",
            ),
            ("last prune", prune),
        ]
    )


def _bytes(value: int | None) -> str:
    if value is None:
        return UNKNOWN
    size = float(value)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TiB"


def _images(doc: dict[str, Any], now: datetime, style: Style) -> list[str]:
    """Each image root's disk figures, then what is kept and what retention removed."""
    i = doc["images"]
    rows = [
        [
            s["host"],
            s["root"],
            _bytes(s["used_bytes"]),
            _bytes(s["free_bytes"]),
            _bytes(s["total_bytes"]),
            ago(s["measured_at"], now),
        ]
        for s in doc["image_stores"]
    ]
    lines = (
        table(["host", "image root", "size", "free", "file system", "measured ago"], rows, style)
        if rows
        else ["  no runner has reported its image root yet"]
    )
    return lines + pairs(
        [
            ("oldest original kept", timestamp(i["oldest_original_kept"])),
            ("oldest thumbnail kept", timestamp(i["oldest_derived_kept"])),
            (
                "retention",
                f"originals {i['retention_originals']}, derived {i['retention_derived']}, "
                f"budget {i['disk_budget']}",
            ),
            (
                "removed so far",
                f"{text(i['originals_pruned_total'] or 0)} originals "
                f"({_bytes(i['pruned_bytes_total'] or 0)}), "
                f"{text(i['derived_pruned_total'] or 0)} derived",
            ),
        ]
    )


def _quality(doc: dict[str, Any], p: dict[str, Any], style: Style) -> list[str]:
    if not doc["data_quality"]:
        return ["  not computed yet (etl_refresh_data_quality runs with the sweep)"]
    rows = [
        [d["field"], text(d["present"]), text(d["executions"]), _percent(d["percent"])]
        for d in doc["data_quality"]
    ]
    first = doc["data_quality"][0]
    note = (
        f"  days {first['first_day']} .. {first['last_day']}, "
        f"refreshed {timestamp(p['data_quality_refreshed_at'])}"
    )
    if first["stale_days"]:
        note += f", {first['stale_days']} day(s) waiting for a recount"
    return [note, *table(["field", "present", "executions", "percent"], rows, style)]


def _percent(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:.1f} %"


def _failed(doc: dict[str, Any], q: dict[str, Any], style: Style) -> list[str]:
    rows = [
        [
            str(f["execution_id"]),
            f["status"],
            f"{f['attempts']}/{f['max_attempts']}",
            _short(f["last_error"]),
            f["next_action"],
        ]
        for f in doc["failed_items"]
    ]
    lines = table(["execution", "status", "attempts", "last error", "next action"], rows, style)
    shown, total = len(rows), q["failed_count"] + q["skipped_count"]
    if total > shown:
        lines.append(f"  … {total - shown} more: SELECT * FROM etl_failed_items")
    return lines


def _short(value: str | None, width: int = 60) -> str:
    if value is None:
        return UNKNOWN
    flat = " ".join(value.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
