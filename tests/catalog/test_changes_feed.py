"""The Atom feed of catalog changes, as ``cle serve`` publishes it, renders."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from pathlib import Path

from catalog.db import open_db
from catalog.nightly import load_run
from catalog.serve import build_datasette
from tests.catalog.nightly_data import listing, write_night

ATOM = "{http://www.w3.org/2005/Atom}"


def fetch(db_path: Path, path: str):
    datasette = build_datasette(db_path)

    async def get():
        return await datasette.client.get(path)

    return asyncio.run(get())


def test_changes_feed_lists_each_change_with_its_kind(tmp_path):
    db_path = tmp_path / "catalog.db"
    db = open_db(db_path)
    first = [listing("nala", f"c{n}") for n in range(3)]
    write_night(tmp_path, "2026-11-25", "nala", first)
    second = [listing("nala", "c0", title="Renamed"), listing("nala", "c1")]
    write_night(tmp_path, "2026-11-26", "nala", second)
    for night in ("2026-11-25", "2026-11-26"):
        load_run(
            db,
            night,
            feeds_dir=tmp_path / "feeds",
            runs_dir=tmp_path / "runs",
            at=f"{night}T03:00:00Z",
        )
    db.close()

    response = fetch(db_path, "/catalog/catalog_changes.atom")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.text)
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == [
        "Withdrawn: Course c2 (nala)",
        "Changed: Renamed (nala)",
        "New: Course c2 (nala)",
        "New: Course c1 (nala)",
        "New: Course c0 (nala)",
    ]
    changed = entries[1]
    assert "Fields changed: title" in changed.find(f"{ATOM}content").text
    assert (
        changed.find(f"{ATOM}link").get("href") == "https://nala.example.org/courses/c0"
    )
    assert changed.find(f"{ATOM}updated").text.startswith("2026-11-26T03:00:00")

    only = fetch(db_path, "/catalog/catalog_changes.json?kind=withdrawn&_shape=array")
    assert [r["listing"] for r in only.json()] == ["nala:c2"]
