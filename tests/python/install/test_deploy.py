"""deploy/: the systemd unit and the example environment file agree with the runner."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sai_etl.commands.run import RUN_ENVIRONMENT
from support.runner_support import ROOT

UNIT = ROOT / "deploy" / "sai-etl.service"
ENV_EXAMPLE = ROOT / "deploy" / "sai-etl.env.example"


def _env_example() -> dict[str, str]:
    """Settings of the example, commented-out ones included."""
    pairs = re.findall(r"^#?(SAI_\w+)=(.*)$", ENV_EXAMPLE.read_text(), re.MULTILINE)
    return dict(pairs)


def _unit() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r"^(\w+)=(.*)$", UNIT.read_text(), re.MULTILINE):
        found.setdefault(key, []).append(value)
    return found


def test_env_example_names_every_run_setting_and_no_other() -> None:
    assert sorted(_env_example()) == sorted(RUN_ENVIRONMENT)


def test_unit_is_a_hardened_notify_service_writing_only_the_image_root() -> None:
    unit = _unit()
    assert unit["Type"] == ["notify"]
    assert unit["Restart"] == ["on-failure"]
    assert unit["WatchdogSec"] and unit["EnvironmentFile"] == ["/etc/sai-etl/sai-etl.env"]
    assert unit["ProtectSystem"] == ["strict"]
    assert unit["ReadWritePaths"] == [_env_example()["SAI_IMAGE_DIR"]]
    assert unit["NoNewPrivileges"] == unit["PrivateTmp"] == ["yes"]
    assert unit["User"] == ["sai-etl"]
    assert unit["ExecStart"] == ["/opt/sai-etl/.venv/bin/sai-etl run"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_unit_passes_systemd_analyze(tmp_path: Path) -> None:
    # The paths of an installed system do not exist here: point them at harmless ones.
    text = UNIT.read_text().replace(
        "ExecStart=/opt/sai-etl/.venv/bin/sai-etl run", "ExecStart=/bin/true"
    )
    text = text.replace("EnvironmentFile=/", "EnvironmentFile=-/")
    (tmp_path / "sai-etl.service").write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "sai-etl.service")],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr) == (0, "")
