"""An import that dies half-way leaves the catalog exactly as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import catalog.store
from catalog.db import open_db
from catalog.load import import_file
from tests.catalog.listings import make_listings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "courses.jsonl"


def snapshot(db_path: Path) -> list[tuple]:
    db = open_db(db_path)
    rows = [tuple(r.values()) for r in db.query("select * from courses order by id")]
    credits = [
        tuple(r.values()) for r in db.query("select * from credits order by 1, 2")
    ]
    check = list(db.query("pragma integrity_check"))[0]
    db.close()
    assert list(check.values()) == ["ok"]
    return rows + credits


def test_error_mid_import_rolls_back_everything(tmp_path, monkeypatch):
    db_path = tmp_path / "catalog.db"
    import_file(open_db(db_path), SAMPLE)
    before = snapshot(db_path)
    source = tmp_path / "big.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in make_listings(300)))

    real_refill = catalog.store._refill_course_details
    calls = {"n": 0}

    def failing_refill(db, ids, **kwargs):
        # The listings' rows are written by now; their credits fail mid-write.
        calls["n"] += 1
        real_refill(db, ids[: len(ids) // 2], **kwargs)
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(catalog.store, "_refill_course_details", failing_refill)
    with pytest.raises(OSError):
        import_file(open_db(db_path), source)
    assert calls["n"] >= 1
    assert snapshot(db_path) == before


def wal_size(db_path: Path) -> int:
    wal = db_path.with_name(db_path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.mark.parametrize("written_kib", [64, 1024])
def test_sigkill_while_writing_leaves_catalog_unchanged(tmp_path, written_kib):
    """Kill ``cle import`` once its transaction has written this much to the WAL."""
    db_path = tmp_path / "catalog.db"
    import_file(open_db(db_path), SAMPLE)
    before = snapshot(db_path)
    source = tmp_path / "big.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in make_listings(20000)))
    baseline = wal_size(db_path)
    env = {**os.environ, "CLE_DB": str(db_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "catalog", "import", str(source)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while wal_size(db_path) < baseline + written_kib * 1024:
        if proc.poll() is not None:
            pytest.fail("import finished before it was killed: use a bigger file")
        assert time.monotonic() < deadline, "import never started writing"
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(db_path) == before
