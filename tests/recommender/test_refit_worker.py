"""The refit read in two processes saves the index one process saves, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog.db import open_db
from catalog.load import load_records
from recommender import index_store, refit_worker
from tests.catalog.listings import make_listings


def saved_files(db_path: Path) -> dict[str, bytes]:
    folder = index_store.model_dir(db_path)
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def two_catalogs(tmp_path):
    """Two copies of one catalog of 60 listings (a few withdrawn), no index yet."""
    first = tmp_path / "one" / "catalog.db"
    first.parent.mkdir()
    listings = make_listings(60)
    for listing in listings[::7]:
        listing["status"] = "withdrawn"
    db = open_db(first)
    assert load_records(db, list(enumerate(listings, 1))).ok
    db.close()
    second = tmp_path / "two" / "catalog.db"
    second.parent.mkdir()
    shutil.copy(first, second)
    return first, second


def refit(db_path: Path) -> None:
    db = open_db(db_path)
    index_store.rebuild(db)
    db.close()


def test_two_readers_save_what_one_saves(two_catalogs, monkeypatch):
    alone, shared = two_catalogs
    refit(alone)
    started = []
    real = refit_worker.subprocess.Popen
    monkeypatch.setattr(
        refit_worker.subprocess,
        "Popen",
        lambda *args, **kwargs: started.append(1) or real(*args, **kwargs),
    )
    monkeypatch.setattr(refit_worker, "PARALLEL_MIN_LISTINGS", 10)
    monkeypatch.setattr(refit_worker, "FRAME_LISTINGS", 4)
    monkeypatch.setattr(refit_worker, "one_reader", None)  # not read again
    refit(shared)
    assert started == [1]
    assert saved_files(shared) == saved_files(alone)


def test_a_catalog_that_moved_is_read_again_in_one_pass(two_catalogs, monkeypatch):
    alone, shared = two_catalogs
    refit(alone)
    monkeypatch.setattr(refit_worker, "PARALLEL_MIN_LISTINGS", 10)
    # As if another write had committed between the two readers.
    monkeypatch.setattr(refit_worker, "_child_fingerprint", lambda child: {"moved": 1})
    readers = []
    real = refit_worker.one_reader
    monkeypatch.setattr(
        refit_worker,
        "one_reader",
        lambda *args: readers.append(1) or real(*args),
    )
    refit(shared)
    assert readers == [1]
    assert saved_files(shared) == saved_files(alone)
