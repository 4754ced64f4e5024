"""`sai-etl images check [--repair]`: every file under the image root belongs to a row."""

from __future__ import annotations

import argparse

from sai_etl import config, db, image_check

LISTED = 20  # paths shown per kind; the counts are always whole


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "images",
        help="check the image root against execution_images (and repair it)",
        description=(
            "check: lists files under SAI_IMAGE_DIR that no row points to (orphans: left by a "
            "reprocess that changed an image's format or found none, or by a runner that lost "
            "its lease), rows whose file is missing, and originals whose sha256 is not the "
            "recorded one. Exit status 1 when anything is wrong. --repair removes the orphans "
            "and queues Stage 2 again for the executions with a missing or wrong file."
        ),
    )
    parser.add_argument("action", choices=["check"])
    parser.add_argument("--repair", action="store_true", help="remove orphans, requeue the rest")
    parser.add_argument(
        "--min-age",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="files younger than this are never orphans: a runner records files after writing "
        "them (default 600)",
    )
    parser.set_defaults(func=run)


def _show(kind: str, paths: list[str]) -> None:
    print(f"{kind}: {len(paths)}")
    for path in paths[:LISTED]:
        print(f"  {path}")
    if len(paths) > LISTED:
        print(f"  ... {len(paths) - LISTED} more")


def run(args: argparse.Namespace) -> int:
    root = config.Settings.from_env().image_dir
    if not root.is_dir():
        raise config.ConfigError(f"SAI_IMAGE_DIR {root} is not a directory")
    with db.dashboard("images") as conn:
        found = image_check.check(conn, root, args.min_age)
        print(f"image root {root}: {found.files} files, {found.rows} recorded")
        _show("orphans", found.orphans)
        _show("missing", sorted(found.missing))
        _show("sha256 mismatches", sorted(found.mismatched))
        if found.young_orphans:
            print(f"not judged (younger than {args.min_age:g} s): {found.young_orphans}")
        if not args.repair:
            return 0 if found.clean else 1
        removed, requeued = image_check.repair(conn, root, found)
    print(f"repaired: removed {removed} orphan files, requeued {requeued} executions")
    return 0
