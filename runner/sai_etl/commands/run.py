"""`sai-etl run`: the Stage 2 worker (systemd service, or `--once` for cron, tests, the demo)."""

from __future__ import annotations

import argparse

from sai_etl import config
from sai_etl.report import metrics_http
from sai_etl.runner.image_work import ImageContext
from sai_etl.runner.images import ImageLimits, remove_orphan_temps
from sai_etl.runner.log import event
from sai_etl.runner.worker import Runner

DESCRIPTION = """\
Stage 2 worker. Waits for work (LISTEN sai_etl_stage2, polling as a fallback), claims
it in batches under a lease (the SQL extraction runs in the claim), stores each camera
frame (original bytes, WebP thumbnail, optional display variant) and records it.
Sweeps Stage 1 every SAI_SWEEP_SECONDS (outbox drain when SAI_N8N_DSN is set, reconcile).

SIGTERM or SIGINT: stops claiming, hands back items not started, gives images in flight
SAI_STOP_SECONDS to finish, hands back the rest, exits 0. Under systemd (NOTIFY_SOCKET)
it reports READY, STATUS, WATCHDOG and STOPPING. One log line per event on stdout."""

RUN_ENVIRONMENT = [
    "SAI_DASHBOARD_DSN",
    "SAI_N8N_DSN",
    "SAI_IMAGE_DIR",
    "SAI_N8N_BINARY_DIR",
    "SAI_BATCH_SIZE",
    "SAI_CONCURRENCY",
    "SAI_LEASE_SECONDS",
    "SAI_POLL_SECONDS",
    "SAI_SWEEP_SECONDS",
    "SAI_STOP_SECONDS",
    "SAI_IMAGE_MAX_BYTES",
    "SAI_IMAGE_MAX_PIXELS",
    "SAI_THUMBNAIL_SIZE",
    "SAI_DISPLAY_SIZE",
    "SAI_ORPHAN_TEMP_SECONDS",
    "SAI_METRICS_ADDR",
]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="Stage 2 worker: claim queued executions, store their images, record them",
        description=DESCRIPTION,
        epilog=config.environment_help(RUN_ENVIRONMENT),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--once",
        action="store_true",
        help="process everything claimable, then exit (cron, tests, the demo)",
    )
    parser.add_argument(
        "--once-wait",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="with --once: wait this long for deferred items to become claimable (default 10)",
    )
    parser.set_defaults(func=run)


def _context(settings: config.Settings) -> ImageContext:
    try:
        limits = ImageLimits(
            max_bytes=settings.image_max_bytes,
            max_pixels=settings.image_max_pixels,
            thumbnail_size=settings.thumbnail_size,
            display_size=settings.display_size,
        )
    except ValueError as exc:
        raise config.ConfigError(f"image limits: {exc}") from None
    if not settings.image_dir.is_dir():
        # An unmounted image volume must stop the runner, not fill the disk below it.
        raise config.ConfigError(f"SAI_IMAGE_DIR {settings.image_dir} is not a directory")
    return ImageContext(settings.image_dir, settings.n8n_binary_dir, limits)


def run(args: argparse.Namespace) -> int:
    if args.once_wait < 0:
        raise config.ConfigError("--once-wait must not be negative")
    settings = config.Settings.from_env()
    context = _context(settings)
    if settings.metrics_addr:
        try:
            metrics_http.serve(settings.metrics_addr, settings.dashboard_dsn)
        except (ValueError, OSError) as exc:
            raise config.ConfigError(f"metrics endpoint: {exc}") from None
        event("metrics-listening", address=settings.metrics_addr)
    removed = remove_orphan_temps(settings.image_dir, settings.orphan_temp_seconds)
    if removed:
        event("removed-orphan-temps", count=removed, root=settings.image_dir)
    return Runner(settings, context, once=args.once, once_wait_seconds=args.once_wait).run()
