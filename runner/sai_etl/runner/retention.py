"""Image retention and the image root's disk figures, run with the runner's maintenance.

The dashboard decides (etl_image_prune_candidates: by age per kind, by disk budget for
originals); the runner removes the files, then marks the rows (etl_mark_images_pruned), so a
crash in between only means the same files are picked, found gone, and marked next time. It
reports its image root to etl_record_image_store: free space on every round, the root's size
by a walk only when the dashboard says it is due.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

import psycopg

from sai_etl.runner.log import event

KINDS = ("original", "derived")


@dataclass(frozen=True)
class Pruned:
    kind: str
    rows: int
    files: int


def root_size(root: Path) -> int:
    """Bytes of the regular files under root (not following symbolic links)."""
    total = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            try:
                stat = os.lstat(os.path.join(folder, name))
            except FileNotFoundError:
                continue  # removed while walking (a temp file renamed, a prune)
            total += stat.st_size
    return total


def _inside(root: Path, relative: str) -> Path | None:
    """The file `relative` names under root; None if it would leave root (never remove it)."""
    target = (root / relative).resolve()
    return target if target.is_relative_to(root.resolve()) else None


def prune(conn: psycopg.Connection, root: Path, kind: str) -> Pruned:
    """One batch of `kind` images: remove their files, then mark their rows."""
    rows = conn.execute(
        "SELECT execution_id, paths FROM etl_image_prune_candidates(%s::text)", [kind]
    ).fetchall()
    removed = 0
    for _execution_id, paths in rows:
        for relative in paths:
            target = _inside(root, relative)
            if target is None:
                event("prune-refused", "warning", path=relative, reason="outside the image root")
                continue
            try:
                target.unlink()
                removed += 1
            except FileNotFoundError:
                pass  # already gone: a crash after the unlink, before the mark
    ids = [execution_id for execution_id, _paths in rows]
    marked = 0
    if ids:
        (marked,) = conn.execute(
            "SELECT etl_mark_images_pruned(%s::text, %s::bigint[])", [kind, ids]
        ).fetchone()
    return Pruned(kind, marked, removed)


def report_store(conn: psycopg.Connection, root: Path, host: str) -> None:
    """Free and total space now; the root's size too when it is due."""
    fs = os.statvfs(root)
    free, total = fs.f_bavail * fs.f_frsize, fs.f_blocks * fs.f_frsize
    args = [host, str(root), free, total]
    (due,) = conn.execute(
        "SELECT etl_record_image_store(%s::text, %s::text, %s::bigint, %s::bigint)", args
    ).fetchone()
    if due:
        conn.execute(
            "SELECT etl_record_image_store(%s::text, %s::text, %s::bigint, %s::bigint, %s::bigint)",
            [*args, root_size(root)],
        )


def maintain(conn: psycopg.Connection, root: Path) -> None:
    """Retention, then the disk report. A database error on a live connection is logged and
    left for the next round; a broken connection is the runner's to handle."""
    try:
        for kind in KINDS:
            done = prune(conn, root, kind)
            if done.rows or done.files:
                event("images-pruned", kind=kind, rows=done.rows, files=done.files)
        report_store(conn, root, socket.gethostname())
    except psycopg.Error as exc:
        if conn.broken or conn.closed:
            raise
        event("image-retention-failed", "warning", error=str(exc).splitlines()[0])
    except OSError as exc:
        event("image-retention-failed", "warning", error=str(exc))
