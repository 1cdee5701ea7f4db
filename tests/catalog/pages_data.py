"""A catalog for the page tests: the sample listings, loaded by a nightly run.

The sample (data/sample/courses.jsonl) is loaded as last night's feeds, one
provider at a time, so the landing page has crawl runs to show. One listing is
moved to next month, relative to the day the test runs: the free ethics live
webinar the story test looks for (clio:ethics-of-ai, otherwise as published).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from catalog.db import open_db
from catalog.nightly import load_run
from tests.catalog.nightly_data import write_night

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "courses.jsonl"
#: The free ethics live webinar of the story (Clio's, as published).
STORY_ID = "clio:ethics-of-ai"


def first_of_next_month(day: date) -> date:
    """The first day of the month after ``day``."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def sample_records() -> list[dict]:
    """The sample listings as published."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def story_records(today: date) -> list[dict]:
    """The sample, with the story's webinar on the 14th of next month."""
    records = sample_records()
    for record in records:
        if record["id"] != STORY_ID:
            continue
        start = datetime.fromisoformat(record["starts_at"])
        end = datetime.fromisoformat(record["ends_at"])
        day = first_of_next_month(today) + timedelta(days=13)
        moved = start.replace(year=day.year, month=day.month, day=day.day)
        record["starts_at"] = moved.isoformat()
        record["ends_at"] = (moved + (end - start)).isoformat()
        record.pop("when_text", None)  # the published wording named the old day
    return records


def build_story_catalog(folder: Path, today: date | None = None) -> Path:
    """Load the story records as yesterday's night; return the catalog path."""
    today = today or date.today()
    night = (today - timedelta(days=1)).isoformat()
    by_provider: dict[str, list[dict]] = {}
    for record in story_records(today):
        by_provider.setdefault(record["provider"], []).append(record)
    for provider, records in by_provider.items():
        write_night(folder, night, provider, records)
    path = folder / "catalog.db"
    db = open_db(path)
    try:
        load_run(db, night, feeds_dir=folder / "feeds", runs_dir=folder / "runs")
    finally:
        db.close()
    return path
