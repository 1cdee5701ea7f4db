"""Helpers shared by the benchmark scripts: timing, child processes, the machine.

Every figure is taken beside a baseline measured in the same run, because the
machines are shared and noisy; medians of several repetitions where cheap.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from catalog.paths import PROJECT_ROOT

OUTPUT_DIR = PROJECT_ROOT / "bench" / "output"
BENCHMARKS_MD = PROJECT_ROOT / "BENCHMARKS.md"
PACKAGES = ("scrapy", "sqlite-utils", "datasette", "scikit-learn", "click")


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: wall seconds, peak memory, exit status, output."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    #: User + system CPU seconds of the child (steadier than wall time on a
    #: shared machine: waiting for a core is not counted).
    cpu_seconds: float | None = None


#: Runs argv[1:] as its child, then writes "<wall s> <peak RSS KiB> <CPU s>" of it.
_LAUNCHER = """
import os, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[1:])
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(os.environ["CLE_BENCH_USAGE"], "w") as out:
    out.write(f"{seconds} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(code if code >= 0 else 128 - code)
"""


def run_child(
    args: list[str], *, env: dict | None = None, cwd=None, memory: bool = False
) -> ChildRun:
    """Run a command in a fresh process; measure its wall time and peak RSS.

    ``os.wait4`` gives the resource usage of exactly this child. But Linux
    starts a child's ``ru_maxrss`` at the parent's own peak (fork copies the
    address space, and exec keeps its high-water mark), so a child of a big
    benchmark process looks big. With ``memory=True`` the command runs under
    a small launcher process, which reports its child's own peak and wall time.
    """
    if memory:
        return _run_launched(args, env=env, cwd=cwd)
    started = time.perf_counter()
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=cwd or PROJECT_ROOT,
        text=True,
    )
    stdout, stderr = _drain(process)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return ChildRun(
        seconds, usage.ru_maxrss / 1024, process.returncode, stdout, stderr, cpu
    )


def _run_launched(args: list[str], *, env: dict | None, cwd) -> ChildRun:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        usage_file = Path(folder) / "usage"
        launcher = [sys.executable, "-S", "-c", _LAUNCHER, *args]
        usage_env = {**(env or {}), "CLE_BENCH_USAGE": str(usage_file)}
        outer = run_child(launcher, env=usage_env, cwd=cwd)
        try:
            seconds, peak_kib, cpu = usage_file.read_text().split()
        except (OSError, ValueError):
            return outer
    return ChildRun(float(seconds), int(peak_kib) / 1024, outer.returncode,
                    outer.stdout, outer.stderr, float(cpu))  # fmt: skip


def _drain(process: subprocess.Popen) -> tuple[str, str]:
    # communicate() would reap the child and lose its rusage; read the pipes
    # in threads instead and leave the wait to os.wait4.
    import threading

    chunks: dict[str, str] = {}

    def read(name, stream):
        chunks[name] = stream.read()

    threads = [
        threading.Thread(target=read, args=("out", process.stdout)),
        threading.Thread(target=read, args=("err", process.stderr)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return chunks.get("out", ""), chunks.get("err", "")


def python_args(module: str, *args: str) -> list[str]:
    """Arguments to run ``python -m module args`` with this interpreter."""
    return [sys.executable, "-m", module, *args]


def cle_args(*args: str) -> list[str]:
    """Arguments to run the ``cle`` console script (as a user would)."""
    script = Path(sys.executable).parent / "cle"
    if script.exists():
        return [str(script), *args]
    return [
        sys.executable,
        "-c",
        "from catalog.composition_root import cli; cli()",
        *args,
    ]


def timed(func, repeat: int = 5) -> tuple[float, list[float]]:
    """Call ``func`` ``repeat`` times; return (median seconds, all timings)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def machine() -> dict:
    """What the figures were measured on: CPU, memory, Python, package versions."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    import sqlite3

    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "packages": versions,
    }


def save_result(name: str, result: dict) -> Path:
    """Write one benchmark's result to ``bench/output/<name>.json``."""
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUTPUT_DIR / f"{name}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return path


def ms(seconds: float | None) -> str:
    """Seconds as milliseconds for a table cell."""
    return "n/a" if seconds is None else f"{seconds * 1000:.1f} ms"


def ratio(value: float | None, baseline: float | None) -> str:
    """``value / baseline`` as ``2.3×`` for a table cell."""
    if not value or not baseline:
        return "n/a"
    return f"{value / baseline:.2f}×"
