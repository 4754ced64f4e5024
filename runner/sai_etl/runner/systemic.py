"""Systemic faults pause Stage 2 instead of burning the backlog.

Some errors are no item's fault and no retry of an item cures them: n8n's database refusing the
read (etl_claim raises SAI03: a revoked grant, a column or table renamed by an n8n upgrade), or
n8n's binary-data or storage folder gone or empty (a volume not mounted). Every item would spend its
attempts on them in turn. Instead the runner stops claiming, spends nothing (what it took is
handed back, attempts refunded), records the pause (etl_runner_pause: health's critical
stage2_paused alert), and tries again after a back-off: a claim, or a look at the folder. The
first success resumes it and clears the alert.
"""

from __future__ import annotations

import os
import time
from typing import Literal

import psycopg

from sai_etl.runner import claims
from sai_etl.runner.n8n_files import N8nFolders
from sai_etl.runner.outage import Outage


def n8n_folders_problem(folders: N8nFolders) -> str | None:
    """Why one of n8n's configured folders cannot serve files now (gone, empty: not mounted?,
    or unreadable), or None. Asked after a file read failed: with every folder sound, the file
    itself is gone."""
    for root in folders.roots():
        try:
            with os.scandir(root) as entries:
                if next(entries, None) is None:
                    return f"n8n folder {root} is empty: not mounted?"
        except OSError as exc:
            return f"n8n folder unreadable: {type(exc).__name__}: {exc}"
    return None


class SystemicPause:
    def __init__(self, worker: str, folders: N8nFolders) -> None:
        self.worker, self.folders = worker, folders
        self.outage = Outage("stage2-paused", "stage2-resumed", cap=30.0)
        self.kind: Literal["claim", "storage"] | None = None

    @property
    def down(self) -> bool:
        return self.outage.down

    @property
    def retry_at(self) -> float:
        return self.outage.retry_at if self.down else 0.0

    def failed(
        self, conn: psycopg.Connection, kind: Literal["claim", "storage"], reason: str
    ) -> None:
        self.kind = kind
        self.outage.failed(reason)
        claims.pause(conn, self.worker, reason)

    def may_claim(self, conn: psycopg.Connection) -> bool:
        """Whether to claim now. A storage pause looks at the folder when the back-off allows
        (a claim would be the probe of a claim pause)."""
        if not self.down:
            return True
        if time.monotonic() < self.outage.retry_at:
            return False
        if self.kind == "storage":
            problem = n8n_folders_problem(self.folders)
            if problem is not None:
                self.failed(conn, "storage", problem)
                return False
            self.resumed(conn)
        return True

    def resumed(self, conn: psycopg.Connection) -> None:
        if self.outage.recovered():
            self.kind = None
            claims.pause(conn, self.worker, None)
