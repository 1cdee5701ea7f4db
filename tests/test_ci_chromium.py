""".ci/chromium: the Chromium `make test` exports, installed from apt when missing.

Runs the script with a PATH holding only what it needs (bash, id and, per
case, a fake apt-get that records its calls), so nothing is installed.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "chromium"
INSTALL = "apt-get install -y -qq chromium"


@pytest.fixture
def bin_dir(tmp_path):
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("bash", "id"):
        (folder / tool).symlink_to(shutil.which(tool))
    return folder


def executable(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def run(bin_dir: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(bin_dir / "bash"), str(SCRIPT)],
        env={"PATH": str(bin_dir), **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_a_chromium_named_by_cle_chromium_is_used_as_is(bin_dir, tmp_path):
    own = executable(tmp_path / "my-chromium", "#!/bin/sh\n")
    done = run(bin_dir, CLE_CHROMIUM=str(own))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{own}\n"


def test_a_chromium_on_the_path_is_printed(bin_dir):
    found = executable(bin_dir / "chromium", "#!/bin/sh\n")
    done = run(bin_dir, CLE_CHROMIUM="/nonexistent/chromium")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{found}\n"


def test_without_apt_get_it_stops_with_the_one_command_to_run(bin_dir):
    done = run(bin_dir)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert INSTALL in done.stderr and "Chromium is missing" in done.stderr


def test_missing_chromium_is_installed_from_apt_as_root(bin_dir, tmp_path):
    log = tmp_path / "apt.log"
    executable(
        bin_dir / "apt-get",
        f"#!{bin_dir / 'bash'}\n"
        f'echo "$*|${{DEBIAN_FRONTEND:-}}" >> {log}\n'
        f'if [ "$1" = install ]; then\n'
        f"  printf '#!/bin/sh\\n' > {bin_dir / 'chromium'}\n"
        f"  {shutil.which('chmod')} +x {bin_dir / 'chromium'}\n"
        "fi\n",
    )
    done = run(bin_dir)
    if os.geteuid() != 0:  # not root: the same one line, and apt-get untouched
        assert done.returncode == 1 and INSTALL in done.stderr
        assert not log.exists()
        return
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{bin_dir / 'chromium'}\n"
    assert log.read_text().splitlines() == [
        "update -qq|",
        "install -y -qq chromium|noninteractive",
    ]
