"""The persisted index: same scores as scikit-learn, rebuilt when stale, fast path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from catalog.db import open_db
from catalog.load import import_file, load_records
from catalog.paths import PROJECT_ROOT
from catalog.queries import connect_readonly, read_active_listings
from recommender import index_store
from recommender.documents import listing_tokens, query_item
from recommender.model import CourseIndex
from recommender.vocabulary import load_vocabulary
from recommender.wording import stem

SAMPLE = PROJECT_ROOT / "data" / "sample" / "courses.jsonl"


@pytest.fixture
def catalog_path(tmp_path) -> Path:
    """A scratch catalog holding the sample listings, index built."""
    path = tmp_path / "catalog.db"
    db = open_db(path)
    assert import_file(db, SAMPLE).ok
    index_store.rebuild(db)
    db.close()
    return path


@pytest.mark.parametrize(
    "phrase", ["e-discovery", "medical records", "UPL", "personal injury", "probate"]
)
def test_persisted_scores_equal_scikit_learn_scores(catalog_path, phrase):
    vocabulary = load_vocabulary()
    connection = connect_readonly(catalog_path)
    listings = read_active_listings(connection)
    saved, rebuilt = index_store.open_index(connection, catalog_path)
    assert not rebuilt
    model = CourseIndex().fit(
        [listing_tokens(x, vocabulary) for x in listings], [x["id"] for x in listings]
    )
    terms = dict(query_item("skill_gap", phrase, vocabulary).terms)
    assert saved.listing_ids == model.listing_ids_
    sparse = saved.similarities(terms)
    dense = [sparse.get(position, 0.0) for position in range(len(listings))]
    np.testing.assert_allclose(dense, model.similarities(terms), rtol=1e-5, atol=1e-6)
    assert max(dense) > 0


def test_index_is_rebuilt_when_the_catalog_changes(catalog_path):
    connection = connect_readonly(catalog_path)
    _, rebuilt = index_store.open_index(connection, catalog_path)
    assert not rebuilt
    connection.close()
    db = open_db(catalog_path)
    record = json.loads(SAMPLE.read_text("utf-8").splitlines()[0])
    record["title"] = "Ethics of AI for Paralegals, revised"
    load_records(db, [(1, record)], seen_on="2026-11-27")
    db.close()
    connection = connect_readonly(catalog_path)
    index, rebuilt = index_store.open_index(connection, catalog_path)
    assert rebuilt
    assert stem("revised") in index.terms
    _, rebuilt = index_store.open_index(connection, catalog_path)
    assert not rebuilt  # saved again: the next run is fast


def test_index_is_rebuilt_when_the_vocabulary_changes(catalog_path, monkeypatch):
    monkeypatch.setattr(index_store, "vocabulary_fingerprint", lambda: "changed")
    connection = connect_readonly(catalog_path)
    _, rebuilt = index_store.open_index(connection, catalog_path)
    assert rebuilt


def test_a_damaged_index_is_rebuilt_not_fatal(catalog_path):
    folder = index_store.model_dir(catalog_path)
    (folder / "indices.bin").write_bytes(b"truncated")
    connection = connect_readonly(catalog_path)
    index, rebuilt = index_store.open_index(connection, catalog_path)
    assert rebuilt and index.listing_ids


def test_postings_past_the_last_listing_are_rebuilt_not_trusted(catalog_path):
    from array import array

    connection = connect_readonly(catalog_path)
    index_store.open_index(connection, catalog_path)  # saved and fresh
    folder = index_store.model_dir(catalog_path)
    indices = array("i")
    indices.frombytes((folder / "indices.bin").read_bytes())
    indices[-1] = 10**6  # the last term's last posting: its largest position
    (folder / "indices.bin").write_bytes(indices.tobytes())
    index, rebuilt = index_store.open_index(connection, catalog_path)
    assert rebuilt and max(index.indices) < len(index.listing_ids)


def test_scikit_learn_version_is_read_without_importing_it():
    from importlib.metadata import version

    assert index_store.scikit_learn_version() == version("scikit-learn")


def test_fast_path_imports_no_heavy_package(catalog_path, tmp_path):
    profile = tmp_path / "profile.toml"
    profile.write_text('skill_gaps = ["e-discovery"]\n', encoding="utf-8")
    script = (
        "import sys\n"
        "from catalog.composition_root import cli\n"
        f"args = ['recommend', '--profile', {str(profile)!r}, '--db', "
        f"{str(catalog_path)!r}, '--as-of', '2026-11-27', '--json']\n"
        "try:\n"
        "    cli(args)\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('sklearn', 'scipy', 'pandas', 'sqlite_utils', 'numpy')\n"
        "print('HEAVY', sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert '"clio:ediscovery-basics"' in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "HEAVY []"
