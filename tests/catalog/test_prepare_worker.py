"""A large file checked in a second process stores and reports what one process does."""

from __future__ import annotations

import gc
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import catalog.load
import catalog.prepare_worker
import catalog.store
from catalog.db import open_db
from catalog.load import LoadReport, _prepared_chunks, load_records, read_records
from catalog.prepare_worker import PrepareWorkerError, worker_chunks
from catalog.store import content_hash
from tests.catalog.listings import make_listings
from tests.catalog.test_import_kill_safety import snapshot, wal_size
from tests.catalog.test_store_bulk import contents


@pytest.fixture
def mixed_file(tmp_path):
    """Valid listings with bad JSON, a missing field, a title to cut and repeats."""
    listings = make_listings(40)
    lines = [json.dumps(r) for r in listings]
    lines[5] = "{not json"
    lines[9] = json.dumps({k: v for k, v in listings[9].items() if k != "url"})
    lines[12] = json.dumps({**listings[12], "title": "T" * 400})
    lines += ["", json.dumps({**listings[3], "title": "again"})]
    path = tmp_path / "courses.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load(db_path, source):
    db = open_db(db_path)
    try:
        return load_records(db, read_records(source), seen_on="2026-11-27")
    finally:
        db.close()


@pytest.fixture
def children(monkeypatch):
    """The worker processes started, recorded as they start."""
    started = []
    real = subprocess.Popen

    def recording(*args, **kwargs):
        started.append(real(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(catalog.prepare_worker.subprocess, "Popen", recording)
    return started


def test_worker_path_stores_and_reports_as_one_process(
    tmp_path, monkeypatch, mixed_file, children
):
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 7)
    monkeypatch.setattr(catalog.store, "BULK_MIN_NEW", 10)
    alone = load(tmp_path / "alone.db", mixed_file)
    assert not children
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    shared = load(tmp_path / "shared.db", mixed_file)
    assert len(children) == 1 and children[0].returncode == 0
    assert contents(tmp_path / "shared.db") == contents(tmp_path / "alone.db")
    assert shared.rejected == alone.rejected and len(shared.rejected) == 2
    assert shared.warnings == alone.warnings and len(shared.warnings) == 1
    for kind in ("new", "changed", "unchanged"):
        assert getattr(shared.stored, kind) == getattr(alone.stored, kind)


def test_the_worker_gives_the_chunks_made_in_process(tmp_path, monkeypatch):
    """Equal records, keys in the same order, each float the same (0.1 + 0.2)."""
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 6)
    listings = make_listings(20)
    listings[4] = {**listings[4], "price_usd": 0.1 + 0.2, "title": "Ünï 🎓 \u2028"}
    listings[7] = dict(reversed(list(listings[7].items())))
    source = tmp_path / "courses.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in listings))
    numbered = read_records(source)
    here, there = LoadReport(), LoadReport()
    expected = list(_prepared_chunks(numbered, here))
    framed = list(worker_chunks(numbered, there, catalog.load.CHUNK_RECORDS))
    got = [chunk for chunk, _, _ in framed]
    hashes = [[content_hash(record) for record in chunk] for chunk in expected]
    assert [digests for _, digests, _ in framed] == hashes
    for chunk, digests, share in framed:  # no counter given: all counted here
        given = []
        share(lambda records, hashes, given=given: given.append((records, hashes)))
        assert given == [(chunk, digests)]
    assert [len(chunk) for chunk in got] == [6, 6, 6, 2]
    assert got == expected
    orders = [[list(r) for r in chunk] for chunk in got]
    assert orders == [[list(r) for r in chunk] for chunk in expected]
    assert got[0][4]["price_usd"] == 0.1 + 0.2 != 0.3
    assert (there.rejected, there.warnings) == (here.rejected, here.warnings)


@pytest.mark.parametrize("cut", [0, 3, 8, 20])
def test_a_frame_cut_short_is_no_frame(cut):
    """A child that stopped mid-write: the parent sees the end, not a frame."""
    whole = io.BytesIO()
    catalog.prepare_worker._write_frame(whole, ("done", None, [], []))
    stream = io.BytesIO(whole.getvalue()[:cut])
    assert catalog.prepare_worker._read_frame(stream) is None


def test_a_frame_reads_back_as_written_and_leaves_collection_on():
    frames = [("chunk", [{"b": 1.5, "a": [None, True]}], [(3, "bad")], []), ("done",)]
    stream = io.BytesIO()
    for frame in frames:
        catalog.prepare_worker._write_frame(stream, frame)
    stream.seek(0)
    read = [catalog.prepare_worker._read_frame(stream) for _ in frames]
    assert read == frames and list(read[0][1][0]) == ["b", "a"]
    assert catalog.prepare_worker._read_frame(stream) is None
    assert gc.isenabled()


def test_a_worker_that_stops_early_stores_nothing(tmp_path, monkeypatch, mixed_file):
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    db_path = tmp_path / "catalog.db"
    open_db(db_path).close()
    before = contents(db_path)
    numbered = read_records(mixed_file)
    mixed_file.unlink()  # checked, then gone before the child reads it
    db = open_db(db_path)
    with pytest.raises(PrepareWorkerError, match="nothing imported"):
        load_records(db, numbered)
    db.close()
    assert contents(db_path) == before


def test_a_failed_write_leaves_no_worker_running(
    tmp_path, monkeypatch, mixed_file, children
):
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 5)

    def failing(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(catalog.load, "upsert_records", failing)
    with pytest.raises(OSError):
        load(tmp_path / "catalog.db", mixed_file)
    assert len(children) == 1 and children[0].returncode is not None


def test_a_load_into_a_catalog_with_listings_stays_in_one_process(
    tmp_path, monkeypatch, mixed_file, children
):
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    db_path = tmp_path / "catalog.db"
    load(db_path, mixed_file)
    assert len(children) == 1  # the first load
    again = load(db_path, mixed_file)
    assert len(children) == 1
    assert len(again.stored.unchanged) == again.stored.stored > 0


def test_sigkill_of_a_first_load_leaves_an_empty_catalog_and_no_worker(tmp_path):
    """Kill ``cle import`` mid-write on the worker path: nothing stored, child gone."""
    db_path = tmp_path / "catalog.db"
    open_db(db_path).close()
    before = snapshot(db_path)
    source = tmp_path / "big.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in make_listings(30000)))
    baseline = wal_size(db_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "catalog", "import", str(source)],
        env={**os.environ, "CLE_DB": str(db_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while wal_size(db_path) < baseline + 256 * 1024:
        if proc.poll() is not None:
            pytest.fail("import finished before it was killed: use a bigger file")
        assert time.monotonic() < deadline, "import never started writing"
        time.sleep(0.005)
    workers = _workers_of(proc.pid)
    assert workers, "the first load did not start a worker"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert snapshot(db_path) == before
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in workers):
        assert time.monotonic() < deadline, "the worker outlived its parent"
        time.sleep(0.05)


def _workers_of(parent: int) -> list[int]:
    """Pids of the prepare workers whose parent is ``parent`` (Linux /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{parent}\n" in text:
            cmdline = (status.parent / "cmdline").read_bytes()
            if b"catalog.prepare_child" in cmdline:
                found.append(int(status.parent.name))
    return found


def test_the_child_reads_claims_written_in_pieces():
    """Slices the parent counted reach the child whole, however the pipe splits
    them."""
    from catalog.prepare_child import _FrameSender
    from catalog.prepare_worker import claim_bytes

    claims_read, claims_write = os.pipe()
    sender = _FrameSender(io.BytesIO(), claims_read)
    data = b"".join(claim_bytes(n, s) for n, s in [(0, 0), (3, 500), (70000, 9500)])
    for piece in (data[:3], data[3:13], data[13:]):
        os.write(claims_write, piece)
        time.sleep(0.01)
    os.close(claims_write)
    deadline = time.monotonic() + 5
    while not sender.claimed(70000, 9500):
        assert time.monotonic() < deadline, "the last claim never arrived"
        time.sleep(0.01)
    assert sender.claimed(0, 0) and sender.claimed(3, 500)
    assert not sender.claimed(3, 0) and not sender.claimed(500, 3)
    sender.close()
    os.close(claims_read)


def test_cle_import_starts_checking_before_it_opens_the_catalog(
    tmp_path, monkeypatch, mixed_file, children
):
    """A large file bound for an empty catalog: the child starts first, and
    the load takes that child (one child, the same rows as one process)."""
    from click.testing import CliRunner

    import catalog.interchange_cmd
    from catalog.composition_root import cli

    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 7)
    events = []
    real_open = catalog.interchange_cmd.open_catalog
    monkeypatch.setattr(
        catalog.interchange_cmd,
        "open_catalog",
        lambda *a, **k: events.append(("open", len(children))) or real_open(*a, **k),
    )
    db_path = tmp_path / "catalog.db"
    result = CliRunner().invoke(cli, ["import", str(mixed_file), "--db", str(db_path)])
    assert result.exit_code == 1, result.output  # two rejected lines
    assert events == [("open", 1)] and len(children) == 1
    assert children[0].returncode == 0
    alone = open_db(tmp_path / "alone.db")  # one process, seen today as well
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10**9)
    load_records(alone, read_records(mixed_file))
    alone.close()
    assert contents(db_path) == contents(tmp_path / "alone.db")
    again = CliRunner().invoke(cli, ["import", str(mixed_file), "--db", str(db_path)])
    assert "0 new" in again.output and len(children) == 1  # not empty: no child


def test_a_child_started_early_that_no_load_takes_is_stopped(
    tmp_path, monkeypatch, mixed_file, children
):
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    records = read_records(mixed_file)
    catalog.load.start_checking(records, None)
    catalog.load.stop_checking(records)
    assert len(children) == 1 and children[0].returncode is not None
    catalog.load.start_checking(records, "recommender.load_fit:ListingCounts")
    report = LoadReport()
    chunks = list(worker_chunks(records, report, catalog.load.CHUNK_RECORDS))
    assert len(children) == 3  # asked with no counter: another child
    assert children[1].returncode is not None and children[2].returncode == 0
    assert sum(len(chunk) for chunk, _, _ in chunks) == 38
