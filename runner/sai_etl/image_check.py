"""The image root against execution_images: files no row points to (orphans), rows whose file
is missing, originals whose sha256 is not the recorded one; and their repair."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

_CHUNK = 1 << 20


@dataclass
class ImageCheck:
    files: int = 0
    rows: int = 0
    orphans: list[str] = field(default_factory=list)
    young_orphans: int = 0  # too new to judge: a runner may be about to record them
    missing: dict[str, int] = field(default_factory=dict)  # path -> execution id
    mismatched: dict[str, int] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not (self.orphans or self.missing or self.mismatched)

    @property
    def broken_executions(self) -> list[int]:
        return sorted(set(self.missing.values()) | set(self.mismatched.values()))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check(dashboard: psycopg.Connection, root: Path, min_age_seconds: float) -> ImageCheck:
    """Compare; files younger than min_age_seconds are never called orphans (a runner writes
    its files before it records them)."""
    expected = {
        path: (execution_id, digest)
        for execution_id, _kind, path, digest in dashboard.execute(
            "SELECT execution_id, kind, path, sha256 FROM etl_image_files()"
        )
    }
    result = ImageCheck(rows=len(expected))
    newest = time.time() - min_age_seconds
    on_disk = set()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        on_disk.add(relative)
        result.files += 1
        if relative not in expected:
            if path.stat().st_mtime > newest:
                result.young_orphans += 1
            else:
                result.orphans.append(relative)
            continue
        execution_id, digest = expected[relative]
        if digest is not None and _sha256(path) != digest:
            result.mismatched[relative] = execution_id
    for relative, (execution_id, _digest) in expected.items():
        if relative not in on_disk:
            result.missing[relative] = execution_id
    return result


def repair(dashboard: psycopg.Connection, root: Path, found: ImageCheck) -> tuple[int, int]:
    """Remove the orphans; queue Stage 2 again for the executions with a missing or wrong
    file (the runner writes them anew). Returns (files removed, executions requeued)."""
    removed = 0
    for relative in found.orphans:
        (root / relative).unlink(missing_ok=True)
        removed += 1
    requeued = 0
    if found.broken_executions:
        (requeued,) = dashboard.execute(
            "SELECT etl_reprocess('-infinity'::timestamptz, %s::bigint[])",
            [found.broken_executions],
        ).fetchone()
    return removed, requeued
