"""The shipped scheduling files: the nightly script works, units and examples agree."""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SCRIPT = DEPLOY / "cle-nightly.sh"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


def run_script(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CLE_STATE_DIR": str(tmp_path / "data"),
        "CLE_DB": str(tmp_path / "catalog.db"),
        "CLE_BIN": str(Path(sys.executable).parent / "cle"),
    }
    return subprocess.run(
        [str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def only_log(tmp_path: Path) -> str:
    logs = list((tmp_path / "data" / "logs").glob("refresh-*.log"))
    assert len(logs) == 1, logs
    assert re.fullmatch(r"refresh-\d{4}-\d{2}-\d{2}\.log", logs[0].name)
    return logs[0].read_text(encoding="utf-8")


def test_nightly_script_logs_the_summary_and_keeps_the_exit_status(tmp_path):
    done = run_script(tmp_path, "nfpa", "--offline")
    assert done.returncode == 0, done.stdout + done.stderr
    log = only_log(tmp_path)
    assert "provider  active  new  changed  withdrawn  errors  health" in log
    assert re.search(r"(?m)^nfpa\s+\d+\s+\d+", log)
    assert "with exit status 0" in log
    assert "provider  active" in done.stdout, "stdout keeps a copy for the journal"


def test_nightly_script_fails_when_cle_fails(tmp_path):
    done = run_script(tmp_path, "no-such-provider")
    assert done.returncode == 1
    log = only_log(tmp_path)
    assert "unknown provider(s) no-such-provider" in log
    assert "with exit status 1" in log


def test_systemd_service_and_timer_run_the_script_nightly():
    service = unit("cle-refresh.service")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"].endswith("/deploy/cle-nightly.sh")
    assert "CLE_STATE_DIR=" in service["Service"]["Environment"]
    timer = unit("cle-refresh.timer")
    assert re.fullmatch(r"\*-\*-\* \d\d:\d\d:\d\d", timer["Timer"]["OnCalendar"])
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_crontab_line_runs_the_script_once_a_day():
    lines = [
        line
        for line in (DEPLOY / "crontab.example").read_text().splitlines()
        if line.strip() and not line.startswith("#") and "=" not in line.split()[0]
    ]
    assert len(lines) == 1
    minute, hour, day, month, weekday, command = lines[0].split(maxsplit=5)
    assert (day, month, weekday) == ("*", "*", "*")
    assert minute.isdigit() and hour.isdigit()
    assert command.endswith("/deploy/cle-nightly.sh")


def test_github_workflow_is_scheduled_and_runs_the_script():
    workflow = yaml.safe_load((DEPLOY / "github-actions-nightly.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as True
    assert triggers["schedule"][0]["cron"].count(" ") == 4
    steps = workflow["jobs"]["refresh"]["steps"]
    assert any(step.get("run") == "deploy/cle-nightly.sh" for step in steps)


def test_readmes_say_where_logs_go():
    assert "state/logs/refresh-YYYY-MM-DD.log" in (DEPLOY / "README.md").read_text()
    assert "deploy/README.md" in (ROOT / "README.md").read_text()
