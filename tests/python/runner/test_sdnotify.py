"""The runner speaks systemd's notify protocol itself: READY, STATUS, WATCHDOG, STOPPING."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sai_etl.runner import sdnotify
from support.runner_support import RunnerProcess, runner_env, setup_pair


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    path = str(tmp_path / "notify.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(path)
        sock.settimeout(0.2)
        yield sock, path


def _receive(sock: socket.socket, seconds: float, until: str | None = None) -> list[str]:
    """Messages for `seconds`, or until one starts with `until` (then that one is the last)."""
    messages: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            messages.append(sock.recv(4096).decode())
        except TimeoutError:
            continue
        if until is not None and messages[-1].startswith(until):
            break
    return messages


def test_runner_reports_ready_watchdog_and_stopping(
    private_cluster: str, tmp_path: Path, notify_socket: tuple[socket.socket, str]
) -> None:
    sock, path = notify_socket
    images = tmp_path / "images"
    images.mkdir()
    pair = setup_pair(private_cluster, "sdnotify")
    env = runner_env(pair, images, NOTIFY_SOCKET=path, WATCHDOG_USEC=400_000, SAI_POLL_SECONDS=3600)
    runner = RunnerProcess(env)
    ready = _receive(sock, 30, until="READY=1")
    running = _receive(sock, 1.0)
    assert runner.stop() == 0, runner.output()
    stopping = _receive(sock, 0.5)

    assert ready == [ready[-1]] and ready[-1].startswith("READY=1\nSTATUS="), ready
    # Every half of the 0.4 s watchdog period, from an idle loop: 5 pings in 1 s.
    assert 3 <= running.count("WATCHDOG=1") <= 7, running
    assert any(m.startswith("STOPPING=1") for m in stopping), stopping


def test_notify_abstract_socket_and_without_systemd(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"sai-etl-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert sdnotify.notify("STATUS=hello", "WATCHDOG=1")
        assert sock.recv(100) == b"STATUS=hello\nWATCHDOG=1"
    monkeypatch.delenv("NOTIFY_SOCKET")
    assert not sdnotify.notify("READY=1")


def test_watchdog_period(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert sdnotify.watchdog_period() is None
    monkeypatch.setenv("WATCHDOG_USEC", "30000000")
    assert sdnotify.watchdog_period() == 15.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert sdnotify.watchdog_period() == 15.0
    monkeypatch.setenv("WATCHDOG_PID", "1")  # systemd watches another process
    assert sdnotify.watchdog_period() is None
