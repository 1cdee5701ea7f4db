"""Helpers for hostile-input tests: one-line errors, a user without root, checksums."""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result

from catalog.composition_root import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "courses.jsonl"
PROFILE = ROOT / "data" / "examples" / "profile.toml"


def run(*args: str) -> Result:
    """Run the real ``cle`` group in process."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result: Result, exit_code: int = 1) -> str:
    """Assert the command ended with exactly one ``Error:`` line; return it."""
    assert result.exit_code == exit_code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: "), lines[0]
    assert "Traceback" not in result.output
    return lines[0]


@contextmanager
def shared_dir() -> Iterator[Path]:
    """A temporary folder everyone may enter (for :func:`as_nobody`)."""
    path = Path(tempfile.mkdtemp(prefix="cle-hostile-"))
    path.chmod(0o777)
    try:
        yield path
    finally:
        for sub in [path, *path.rglob("*")]:
            if sub.is_dir():
                sub.chmod(0o777)
        shutil.rmtree(path, ignore_errors=True)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


_CAP_VERSION_3 = 0x20080522  # linux/capability.h
#: CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: what lets root ignore file modes.
_DAC_CAPABILITIES = (1 << 1) | (1 << 2)


@contextmanager
def as_nobody() -> Iterator[None]:
    """Run the block without root's power to ignore file modes (a no-op for others).

    Root keeps its uid (so it still reads its own Python install) but drops
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from this thread's effective
    capabilities (capset(2)), so a folder with mode 0o555 is read-only for it too.
    """
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _CapHeader(_CAP_VERSION_3, 0), (_CapData * 2)()
    assert libc.capget(ctypes.byref(header), data) == 0, os.strerror(ctypes.get_errno())
    saved = data[0].effective
    data[0].effective = saved & ~_DAC_CAPABILITIES
    assert libc.capset(ctypes.byref(header), data) == 0, os.strerror(ctypes.get_errno())
    try:
        yield
    finally:
        data[0].effective = saved
        assert libc.capset(ctypes.byref(header), data) == 0


def read_only_dir(parent: Path, name: str = "read-only") -> Path:
    """A folder nobody but root may write in."""
    folder = parent / name
    folder.mkdir()
    folder.chmod(0o555)
    return folder


def build_sample_catalog(db_path: Path) -> Path:
    """The sample catalog, imported through the real ``cle import``."""
    result = run("import", SAMPLE, "--db", db_path)
    assert result.exit_code == 0, result.output
    return db_path


def stored_rows(db_path: Path, where: str = "1") -> tuple[int, str]:
    """How many courses rows match ``where``, and a checksum of their content."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            f"select * from courses where {where} order by id"  # noqa: S608
        ).fetchall()
    digest = hashlib.sha256(repr(rows).encode("utf-8", "surrogatepass"))
    return len(rows), digest.hexdigest()
