"""The index fitted while a first load loads is the one a refit would save."""

from __future__ import annotations

import json
import marshal
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import catalog.load
import catalog.prepare_worker
import catalog.store
from bench.generate import generate_records
from catalog.composition_root import cli
from catalog.db import open_db
from catalog.load import load_records, read_records
from catalog.paths import PROJECT_ROOT
from catalog.store import content_hash
from recommender import load_fit
from recommender.index_store import model_dir, rebuild
from recommender.load_fit import FitWhileLoading, ListingCounts
from recommender.wording import stem


def write_lines(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def index_files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def refit_files(db_path: Path) -> dict[str, bytes]:
    """The index files :func:`rebuild` saves for the catalog (then removed)."""
    directory = model_dir(db_path)
    before = index_files(directory) if directory.exists() else None
    db = open_db(db_path)
    rebuild(db)
    db.close()
    rebuilt = index_files(directory)
    assert before is None or before == rebuilt
    return rebuilt


def finished_by_a_refit(monkeypatch, refit: FitWhileLoading, db_path: Path) -> dict:
    """Finish the refit (closing its catalog), which must refit from the
    catalog once; the index files it saved."""
    calls = []
    monkeypatch.setattr(load_fit, "rebuild", lambda d: calls.append(1) or rebuild(d))
    try:
        refit.finish()
    finally:
        refit.db.close()
    assert calls == [1]
    return index_files(model_dir(db_path))


@pytest.fixture
def awkward_file(tmp_path) -> Path:
    """Generated listings with what a file may hold: an id repeated with other
    words further down, withdrawn listings, one of them an id seen before."""
    records = list(generate_records(300, seed=7))
    again = [{**records[i], "title": "Deposition digests, revised"} for i in (3, 40)]
    withdrawn = [{**records[i], "status": "withdrawn"} for i in (5, 120)]
    extra = {**records[200], "id": records[200]["id"] + "-x", "status": "withdrawn"}
    return write_lines(
        tmp_path / "courses.jsonl", records + again + withdrawn + [extra]
    )


def fit_while_loading(db_path: Path, source: Path) -> FitWhileLoading:
    db = open_db(db_path)
    refit = FitWhileLoading(db)
    try:
        assert load_records(db, read_records(source), counter=refit.counter).ok
        refit.finish()
    finally:
        db.close()
    return refit


@pytest.mark.parametrize("where", ["here", "in the checking process"])
def test_counted_index_is_byte_for_byte_the_refit(
    tmp_path, monkeypatch, awkward_file, where
):
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 37)  # many chunks
    monkeypatch.setattr(catalog.store, "BULK_MIN_NEW", 10)
    if where != "here":
        monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    children = []
    real_popen = catalog.prepare_worker.subprocess.Popen
    monkeypatch.setattr(
        catalog.prepare_worker.subprocess,
        "Popen",
        lambda *a, **k: children.append(1) or real_popen(*a, **k),
    )
    refits = []
    monkeypatch.setattr(load_fit, "rebuild", lambda db: refits.append(db))
    db_path = tmp_path / "catalog.db"
    refit = fit_while_loading(db_path, awkward_file)
    assert refit.counter is not None and not refits  # counted, not read back
    assert len(children) == (0 if where == "here" else 1)
    counted = index_files(model_dir(db_path))
    monkeypatch.undo()
    assert counted == refit_files(db_path)
    ids = json.loads(counted["terms.json"])["listing_ids"]
    assert len(ids) == 300 - 2  # the two withdrawn ones are not ranked


def test_the_spiders_feeds_give_the_refit_index(tmp_path, monkeypatch):
    """What the twelve provider spiders give (tests/golden: missing prices,
    unknown credits, sessions and on-demand courses) counts as the refit reads."""
    records = [
        record
        for golden in sorted((PROJECT_ROOT / "tests" / "golden").glob("*.json"))
        for record in json.loads(golden.read_text(encoding="utf-8"))
    ]
    assert len({r["provider"] for r in records}) >= 10
    source = write_lines(tmp_path / "feeds.jsonl", records)
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 9)
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    refits = []
    monkeypatch.setattr(load_fit, "rebuild", lambda db: refits.append(db))
    db_path = tmp_path / "catalog.db"
    fit_while_loading(db_path, source)
    assert not refits
    counted = index_files(model_dir(db_path))
    monkeypatch.undo()
    assert counted == refit_files(db_path)


def test_a_catalog_that_held_listings_is_refitted(tmp_path, awkward_file):
    db_path = tmp_path / "catalog.db"
    first = list(generate_records(20, seed=8))
    db = open_db(db_path)
    load_records(db, [(n, r) for n, r in enumerate(first, 1)])
    db.close()
    refit = fit_while_loading(db_path, awkward_file)
    assert refit.counter is None
    assert index_files(model_dir(db_path)) == refit_files(db_path)


def test_a_listing_changed_after_the_load_is_refitted(
    tmp_path, monkeypatch, awkward_file
):
    db_path = tmp_path / "catalog.db"
    db = open_db(db_path)
    refit = FitWhileLoading(db)
    load_records(db, read_records(awkward_file), counter=refit.counter)
    line = json.loads(awkward_file.read_text().splitlines()[9])
    changed = {**line, "title": "Zymurgy for paralegals"}
    load_records(db, [(1, changed)], seen_on="2026-12-02")  # another writer
    saved = finished_by_a_refit(monkeypatch, refit, db_path)
    assert saved == refit_files(db_path)
    assert stem("zymurgy") in json.loads(saved["terms.json"])["terms"]


def test_counts_made_in_two_processes_add_up(awkward_file):
    """Chunks counted here and there (state marshalled as the worker sends
    it) give the index one counter of every chunk gives."""
    records = [record for _, record in read_records(awkward_file)]
    chunks = [records[i : i + 40] for i in range(0, len(records), 40)]
    alone, here, there = ListingCounts(), ListingCounts(), ListingCounts()
    for number, chunk in enumerate(chunks):
        hashes = [content_hash(record) for record in chunk]
        alone.stored(chunk, hashes, number)
        (here if number % 2 == 0 else there).stored(chunk, hashes, number)
    state = marshal.dumps(there.state())
    here.adopt(lambda: marshal.loads(state))
    (expected, index), (expected_alone, index_alone) = here.weighed(), alone.weighed()
    assert expected == expected_alone and len(expected) == 298
    for name in ("listing_ids", "terms", "idf", "indptr", "indices", "data",
                 "term_max", "classes", "class_members", "start_days"):  # fmt: skip
        assert getattr(index, name) == getattr(index_alone, name), name


def test_a_load_that_fails_saves_no_index(tmp_path, monkeypatch, awkward_file):
    original = catalog.load.upsert_records

    def failing(db, records, **kwargs):
        original(db, records, **kwargs)
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(catalog.load, "upsert_records", failing)
    db_path = tmp_path / "catalog.db"
    result = CliRunner().invoke(
        cli, ["import", str(awkward_file), "--db", str(db_path)]
    )
    assert result.exit_code == 1 and "nothing imported" in result.output
    assert not model_dir(db_path).exists()


def test_a_checking_process_that_fails_is_one_line(tmp_path, monkeypatch, awkward_file):
    """The child that checks and counts dies: one line, exit 1, nothing stored."""
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    monkeypatch.setattr(catalog.prepare_worker.sys, "executable", "/bin/false")
    db_path = tmp_path / "catalog.db"
    result = CliRunner().invoke(
        cli, ["import", str(awkward_file), "--db", str(db_path)]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "second process stopped" in result.output
    assert "nothing imported" in result.output
    assert not model_dir(db_path).exists()


def test_cle_import_saves_the_counted_index(tmp_path, awkward_file):
    db_path = tmp_path / "catalog.db"
    result = CliRunner().invoke(
        cli, ["import", str(awkward_file), "--db", str(db_path)]
    )
    assert result.exit_code == 0, result.output
    assert index_files(model_dir(db_path)) == refit_files(db_path)


@pytest.mark.parametrize("parent_takes", ["every slice", "no slice", "every other"])
def test_counting_shared_any_way_gives_the_refit_index(
    tmp_path, monkeypatch, awkward_file, parent_takes
):
    """Whatever the timing, each slice is counted by one of the processes (or
    both): the parent takes the slices of an offered chunk while the child's
    next frame is not there (forced here), the child the rest; chunks the
    child's full backlog does not offer are the parent's."""
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 37)
    monkeypatch.setattr(catalog.load, "PARALLEL_MIN_LINES", 10)
    monkeypatch.setattr(catalog.store, "BULK_MIN_NEW", 10)
    monkeypatch.setattr(catalog.prepare_worker, "COUNT_SLICE", 5)
    monkeypatch.setattr(catalog.prepare_worker, "BACKLOG_RECORDS", 60)
    looks = []

    def frame_waiting(stream):
        looks.append(1)
        if parent_takes == "every other":
            return len(looks) % 2 == 0
        return parent_takes == "no slice"

    monkeypatch.setattr(catalog.prepare_worker, "_frame_waiting", frame_waiting)
    counted_here = []
    real_stored = ListingCounts.stored

    def stored(self, records, hashes, number):
        counted_here.extend(record["id"] for record in records)
        return real_stored(self, records, hashes, number)

    monkeypatch.setattr(ListingCounts, "stored", stored)
    counted_there = []
    real_add = ListingCounts._add

    def add(self, state):
        counted_there.extend(state[3])  # the ids the child counted
        return real_add(self, state)

    monkeypatch.setattr(ListingCounts, "_add", add)
    refits = []
    monkeypatch.setattr(load_fit, "rebuild", lambda db: refits.append(db))
    db_path = tmp_path / "catalog.db"
    fit_while_loading(db_path, awkward_file)
    assert not refits and looks
    lines = [json.loads(line)["id"] for line in awkward_file.read_text().splitlines()]
    if parent_takes == "every slice":  # each line once (no id twice in a chunk)
        # The child may have begun a slice before its claim reached it (here
        # the claims of the last chunk): counted twice, the same counts.
        assert len(counted_here) == len(lines)
    else:
        assert 0 < len(counted_here) < len(lines) and counted_there
        assert set(counted_here) | set(counted_there) == set(lines)
    counted = index_files(model_dir(db_path))
    monkeypatch.undo()
    assert counted == refit_files(db_path)


def test_counts_that_never_come_mean_a_refit(tmp_path, monkeypatch, awkward_file):
    """The checking process stops after its last chunk, before its counts: the
    load stands and the index is refitted from the catalog."""
    counts = ListingCounts()
    counts.adopt(lambda: None)
    assert counts.weighed() is None
    db_path = tmp_path / "catalog.db"
    db = open_db(db_path)
    refit = FitWhileLoading(db)
    assert load_records(db, read_records(awkward_file), counter=refit.counter).ok
    monkeypatch.setattr(refit.counter, "weighed", lambda: None)
    saved = finished_by_a_refit(monkeypatch, refit, db_path)
    assert saved == refit_files(db_path)
