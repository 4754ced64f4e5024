"""Runner configuration, read from the environment (and so from systemd's EnvironmentFile)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# name -> (default, help); `sai-etl --help` prints this table.
ENVIRONMENT: dict[str, tuple[str | None, str]] = {
    "SAI_DASHBOARD_DSN": (None, "libpq connection string or service of the sai_dashboard database"),
    "SAI_N8N_DSN": (None, "libpq connection string or service of n8n's database"),
    "SAI_IMAGE_DIR": ("./var/images", "image root: originals, thumbnails and display variants"),
    "SAI_N8N_STORAGE_DIR": (
        None,
        "n8n 2.x's storage root (N8N_STORAGE_PATH, e.g. ~/.n8n/storage): execution bundles "
        "and binary files",
    ),
    "SAI_N8N_BINARY_DIR": (None, "n8n's folder that holds binaryData/ (1.x, upgraded installs)"),
    "SAI_BATCH_SIZE": ("10", "queue items claimed per round trip"),
    "SAI_CONCURRENCY": ("2", "image worker threads per runner"),
    "SAI_LEASE_SECONDS": ("30", "claim lease; a crashed runner's items return after it"),
    "SAI_POLL_SECONDS": ("5", "poll interval when no NOTIFY arrives"),
    "SAI_SWEEP_SECONDS": ("10", "interval of the Stage 1 sweep (outbox drain, reconcile)"),
    "SAI_STOP_SECONDS": ("10", "on SIGTERM: time to finish images in flight before releasing them"),
    "SAI_IMAGE_MAX_BYTES": ("20971520", "largest image payload accepted, in bytes"),
    "SAI_IMAGE_MAX_PIXELS": ("40000000", "largest image accepted, in pixels (decompression bombs)"),
    "SAI_THUMBNAIL_SIZE": ("320", "longest side of the WebP thumbnail, in pixels"),
    "SAI_DISPLAY_SIZE": (None, "longest side of the WebP display variant; unset: none written"),
    "SAI_ORPHAN_TEMP_SECONDS": ("300", "at start, remove older temp files a crashed runner left"),
    "SAI_IMAGE_DEADLINE_SECONDS": ("120", "one item's image work longer than this fails (hung)"),
    "SAI_METRICS_ADDR": (
        None,
        "host:port of the runner's Prometheus /metrics endpoint; unset: none",
    ),
}


def environment_help(names: list[str] | None = None) -> str:
    """The `environment:` section of --help, for all settings or the named ones."""
    lines = ["environment:"]
    for name in names or list(ENVIRONMENT):
        default, text = ENVIRONMENT[name]
        suffix = f" (default {default})" if default is not None else ""
        lines.append(f"  {name:<24} {text}{suffix}")
    return "\n".join(lines)


class ConfigError(Exception):
    """A setting is missing or malformed."""


def _get(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        return ENVIRONMENT[name][0]
    return value


def _number(name: str, kind: type[int] | type[float]) -> int | float:
    raw = _get(name)
    try:
        value = kind(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


def _optional_int(name: str) -> int | None:
    return None if _get(name) is None else int(_number(name, int))


def require(name: str) -> str:
    """The value of a setting that has no default, or a clear error."""
    value = _get(name)
    if value is None:
        raise ConfigError(f"{name} is not set ({ENVIRONMENT[name][1]})")
    return value


@dataclass(frozen=True)
class Settings:
    dashboard_dsn: str
    n8n_dsn: str | None
    image_dir: Path
    n8n_storage_dir: Path | None
    n8n_binary_dir: Path | None
    batch_size: int
    concurrency: int
    lease_seconds: float
    poll_seconds: float
    sweep_seconds: float
    stop_seconds: float
    image_max_bytes: int
    image_max_pixels: int
    thumbnail_size: int
    display_size: int | None
    orphan_temp_seconds: float
    image_deadline_seconds: float
    metrics_addr: str | None

    @classmethod
    def from_env(cls) -> Settings:
        binary_dir = _get("SAI_N8N_BINARY_DIR")
        storage_dir = _get("SAI_N8N_STORAGE_DIR")
        return cls(
            dashboard_dsn=require("SAI_DASHBOARD_DSN"),
            n8n_dsn=_get("SAI_N8N_DSN"),
            image_dir=Path(_get("SAI_IMAGE_DIR") or "."),
            n8n_storage_dir=Path(storage_dir) if storage_dir else None,
            n8n_binary_dir=Path(binary_dir) if binary_dir else None,
            batch_size=int(_number("SAI_BATCH_SIZE", int)),
            concurrency=int(_number("SAI_CONCURRENCY", int)),
            lease_seconds=float(_number("SAI_LEASE_SECONDS", float)),
            poll_seconds=float(_number("SAI_POLL_SECONDS", float)),
            sweep_seconds=float(_number("SAI_SWEEP_SECONDS", float)),
            stop_seconds=float(_number("SAI_STOP_SECONDS", float)),
            image_max_bytes=int(_number("SAI_IMAGE_MAX_BYTES", int)),
            image_max_pixels=int(_number("SAI_IMAGE_MAX_PIXELS", int)),
            thumbnail_size=int(_number("SAI_THUMBNAIL_SIZE", int)),
            display_size=_optional_int("SAI_DISPLAY_SIZE"),
            orphan_temp_seconds=float(_number("SAI_ORPHAN_TEMP_SECONDS", float)),
            image_deadline_seconds=float(_number("SAI_IMAGE_DEADLINE_SECONDS", float)),
            metrics_addr=_get("SAI_METRICS_ADDR"),
        )
