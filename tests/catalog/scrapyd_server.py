"""Start real Scrapyd servers on 127.0.0.1 and deploy the project to them.

Shared by the single-server and the cluster tests. Every server gets its own
home (eggs, logs, job database) and writes feeds and run reports to the shared
state folder it is given, as the servers of a real cluster write to NFS.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: Files scrapyd-deploy needs to build the project's egg.
PROJECT_FILES = (
    "pyproject.toml",
    "README.md",
    "scrapy.cfg",
    "catalog",
    "crawlers",
    "recommender",
)
#: Optional folders copied when present (reference data as package data).
OPTIONAL_FILES = ("data",)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def api(base: str, endpoint: str, data: dict | None = None) -> dict:
    """Call a Scrapyd JSON endpoint (GET, or POST when ``data`` is given)."""
    url = f"{base}/{endpoint}"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as response:
        return json.load(response)


@contextmanager
def scrapyd_server(home: Path, shared: Path, env: dict[str, str]) -> Iterator[str]:
    """Run one Scrapyd (one job at a time) writing to ``shared``; yield its URL.

    Skips the test, saying why, when Scrapyd cannot start on this machine.
    """
    executable = BIN / "scrapyd"
    if not executable.exists():
        pytest.skip(f"Scrapyd cannot start: {executable} is not installed")
    home.mkdir(parents=True)
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\nitems_dir =\ndbs_dir = {home / 'dbs'}\n"
        "poll_interval = 0.5\nmax_proc = 1\n",
        encoding="utf-8",
    )
    server_env = {**os.environ, **env, "CLE_STATE_DIR": str(shared)}
    for name in ("CLE_OFFLINE", "CLE_DB", "SCRAPY_SETTINGS_MODULE"):
        server_env.pop(name, None)
    server_env["PATH"] = f"{BIN}{os.pathsep}{server_env.get('PATH', '')}"
    log = (home / "scrapyd.out").open("w")
    proc = subprocess.Popen(
        [str(executable)], cwd=home, env=server_env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, base, home)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _wait_until_up(proc: subprocess.Popen, base: str, home: Path) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            tail = (home / "scrapyd.out").read_text(errors="replace")[-400:]
            pytest.skip(f"Scrapyd cannot start here (exit {proc.returncode}): {tail}")
        try:
            if api(base, "daemonstatus.json")["status"] == "ok":
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"Scrapyd at {base} did not answer")


def build_egg_folder(target: Path) -> Path:
    """Copy what scrapyd-deploy needs into ``target`` (once per test)."""
    target.mkdir(parents=True)
    for name in (*PROJECT_FILES, *OPTIONAL_FILES):
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "sites")
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy(source, target / name)
    return target


def deploy(build: Path, base: str, version: str = "r1") -> str:
    """Deploy the project in ``build`` to the server at ``base``; return the output."""
    cfg = (build / "scrapy.cfg").read_text(encoding="utf-8")
    assert re.search(r"(?m)^\[deploy\]", cfg), "scrapy.cfg needs a [deploy] target"
    (build / "scrapy.cfg").write_text(
        re.sub(r"(?m)^url\s*=.*$", f"url = {base}/", cfg), encoding="utf-8"
    )
    done = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "--version", version],
        cwd=build,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr
