"""deploy/systemd/: the units, the sysusers file and the example environment file agree with the
runner and with each other."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sai_etl.commands.run import RUN_ENVIRONMENT
from support.runner_support import ROOT

SYSTEMD = ROOT / "deploy" / "systemd"
UNIT = SYSTEMD / "sai-etl.service"
HEALTH_UNIT = SYSTEMD / "sai-etl-health.service"
ENV_EXAMPLE = SYSTEMD / "sai-etl.env.example"


def _env_example() -> dict[str, str]:
    """Settings of the example, commented-out ones included."""
    pairs = re.findall(r"^#?(SAI_\w+)=(.*)$", ENV_EXAMPLE.read_text(), re.MULTILINE)
    return dict(pairs)


def _unit(path: Path = UNIT) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r"^(\w+)=(.*)$", path.read_text(), re.MULTILINE):
        found.setdefault(key, []).append(value)
    return found


def test_env_example_names_every_run_setting_and_no_other() -> None:
    assert sorted(_env_example()) == sorted(RUN_ENVIRONMENT)


def test_unit_is_a_hardened_notify_service_writing_only_its_state_directory() -> None:
    unit = _unit()
    assert unit["Type"] == ["notify"]
    assert unit["Restart"] == ["on-failure"]
    assert unit["WatchdogSec"] and unit["EnvironmentFile"] == ["/etc/sai-etl/sai-etl.env"]
    assert unit["ProtectSystem"] == ["strict"]
    assert "ReadWritePaths" not in unit
    # StateDirectory= makes /var/lib/<dir> for each entry: the image root among them.
    state = ["/var/lib/" + d for d in unit["StateDirectory"][0].split()]
    assert _env_example()["SAI_IMAGE_DIR"] in state
    assert unit["NoNewPrivileges"] == unit["PrivateTmp"] == ["yes"]
    assert unit["User"] == ["sai-etl"]
    assert unit["ExecStart"] == ["/opt/sai-etl/bin/sai-etl run"]


def test_password_comes_as_a_credential_and_the_user_from_sysusers() -> None:
    for path in (UNIT, HEALTH_UNIT):
        unit = _unit(path)
        assert unit["LoadCredential"] == ["pgpass:/etc/sai-etl/pgpass"]
        assert "PGPASSFILE=%d/pgpass" in unit["Environment"]
        assert unit["User"] == ["sai-etl"]
    (line,) = [
        line
        for line in (SYSTEMD / "sai-etl.sysusers").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    kind, name, _id, _gecos, home, _shell = re.findall(r'"[^"]*"|\S+', line)
    assert (kind, name, home) == ("u", "sai-etl", "/var/lib/sai-etl")


def test_health_unit_firing_alerts_do_not_fail_it() -> None:
    unit = _unit(HEALTH_UNIT)
    assert unit["Type"] == ["oneshot"]
    # sai-etl health: 1 WARNING, 2 CRITICAL, 3 UNKNOWN are figures, not unit failures.
    assert unit["SuccessExitStatus"] == ["1 2 3"]
    timer = _unit(SYSTEMD / "sai-etl-health.timer")
    assert timer["OnUnitActiveSec"] == ["1min"]


def test_health_unit_writes_the_textfile_atomically_whatever_the_status(tmp_path: Path) -> None:
    """The unit's own ExecStart line, run by /bin/sh with a stand-in for sai-etl that prints a
    metric and exits 2 (CRITICAL): the file is in place, and the status goes on to systemd."""
    (command,) = _unit(HEALTH_UNIT)["ExecStart"]
    program, script = re.fullmatch(r"(/bin/sh -c) '(.*)'", command).groups()
    fake = tmp_path / "sai-etl"
    fake.write_text("#!/bin/sh\necho 'sai_etl_up 1'\nexit 2\n")
    fake.chmod(0o755)
    script = script.replace("$$", "$").replace("/opt/sai-etl/bin/sai-etl", str(fake))
    textfile = tmp_path / "sai_etl.prom"
    done = subprocess.run(
        [*program.split(), script], env={"TEXTFILE": str(textfile)}, capture_output=True
    )
    assert done.returncode == 2
    assert textfile.read_text() == "sai_etl_up 1\n"
    assert not (tmp_path / "sai_etl.prom.tmp").exists()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
@pytest.mark.parametrize("name", ["sai-etl.service", "sai-etl-health.service"])
def test_units_pass_systemd_analyze(tmp_path: Path, name: str) -> None:
    # The paths of an installed system do not exist here: point them at harmless ones.
    text = (SYSTEMD / name).read_text()
    text = re.sub(r"^ExecStart=.*$", "ExecStart=/bin/true", text, flags=re.MULTILINE)
    text = text.replace("EnvironmentFile=/", "EnvironmentFile=-/")
    (tmp_path / name).write_text(text)
    if name == "sai-etl-health.service":
        shutil.copy(SYSTEMD / "sai-etl-health.timer", tmp_path)
    done = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / name)],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stderr) == (0, "")
