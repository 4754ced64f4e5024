"""The runner's LISTEN connection: a file descriptor to wait on, and a drain of what arrived."""

from __future__ import annotations

import psycopg
from psycopg import sql

from sai_etl.runner.claims import CHANNEL


class Listener:
    """One autocommit connection listening on the Stage 2 channel.

    A database restart breaks it: drain() then raises psycopg.OperationalError and the owner
    opens a new Listener (notifications sent meanwhile are lost, so it must claim once anyway).
    """

    def __init__(self, conn: psycopg.Connection) -> None:
        if not conn.autocommit:
            raise ValueError("LISTEN needs an autocommit connection")
        self.conn = conn
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))

    def fileno(self) -> int:
        return self.conn.fileno()

    def drain(self) -> int:
        """How many notifications arrived; never blocks."""
        return sum(1 for _ in self.conn.notifies(timeout=0))

    def close(self) -> None:
        self.conn.close()
