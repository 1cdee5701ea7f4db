"""One nightly job at a time: a concurrent run refuses, a killed one frees the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from catalog.composition_root import cli
from catalog.lock import LockBusy, exclusive_lock, lock_path_for, read_holder

#: A process that takes the lock, says so on stdout, then sleeps until killed.
HOLDER = textwrap.dedent(
    """
    import sys, time
    from catalog.lock import exclusive_lock
    with exclusive_lock(sys.argv[1], "cle refresh"):
        print("locked", flush=True)
        time.sleep(120)
    """
)


@pytest.fixture
def holder(tmp_path):
    """Start a process holding the lock of tmp_path/catalog.db; kill it after."""
    path = lock_path_for(tmp_path / "catalog.db")
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "locked"
    yield proc, path
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    proc.stdout.close()


def test_lock_is_reentrant_after_release(tmp_path):
    path = tmp_path / "x.lock"
    with exclusive_lock(path, "cle load") as first:
        assert read_holder(path) == first
        assert first["pid"] == os.getpid() and first["command"] == "cle load"
    assert read_holder(path) == {}
    with exclusive_lock(path):
        pass


def test_second_holder_in_same_process_is_refused(tmp_path):
    path = tmp_path / "x.lock"
    with exclusive_lock(path, "cle refresh"):
        busy = f"another cle refresh \\(pid {os.getpid()}\\)"
        with pytest.raises(LockBusy, match=busy):
            with exclusive_lock(path):
                pass


def test_concurrent_refresh_refuses_with_pid_and_start(holder):
    proc, path = holder
    with pytest.raises(LockBusy) as caught:
        with exclusive_lock(path):
            pytest.fail("took a lock another process holds")
    message = str(caught.value)
    assert f"(pid {proc.pid}) is running since 20" in message
    assert "\n" not in message


def test_concurrent_load_command_exits_at_once_with_one_line(holder, tmp_path):
    proc, _ = holder
    result = CliRunner().invoke(
        cli, ["load", "--db", str(tmp_path / "catalog.db"), "--run-date", "2026-11-26"]
    )
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert f"another cle refresh (pid {proc.pid}) is running since" in result.output


def test_lock_of_a_killed_process_is_recovered(holder):
    proc, path = holder
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert read_holder(path)["pid"] == proc.pid, "the stale file is left behind"
    with exclusive_lock(path, "cle refresh") as mine:
        assert read_holder(path) == mine


def test_concurrent_cle_refresh_exits_at_once_without_crawling(holder, tmp_path):
    proc, _ = holder
    env = {**os.environ, "CLE_STATE_DIR": str(tmp_path / "data")}
    env.pop("CLE_DB", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "catalog",
            "refresh",
            "nfpa",
            "--offline",
            "--db",
            str(tmp_path / "catalog.db"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, done.stderr
    assert f"another cle refresh (pid {proc.pid}) is running since" in errors[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "feeds").exists(), "it crawled anyway"
