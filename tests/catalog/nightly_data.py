"""Write small nights (feeds + run reports) for the nightly-load tests.

The layout imitates what the crawlers write: ``feeds/<run_date>/<slug>.jsonl``
(interchange records, one per line) and ``runs/<run_date>/<slug>.json`` (the
run report of crawlers/extensions.py, with the keys listed in the task brief).
"""

from __future__ import annotations

import json
from pathlib import Path


def listing(provider: str, key: str, **fields) -> dict:
    """A valid on-demand listing of ``provider`` with id ``<provider>:<key>``."""
    record = {
        "id": f"{provider}:{key}",
        "provider": provider,
        "title": f"Course {key}",
        "url": f"https://{provider}.example.org/courses/{key}",
        "format": "on_demand",
        "credits": [{"category": "general", "hours": 1.0}],
        "price_usd": 25.0,
    }
    record.update(fields)
    return record


def report(provider: str, run_date: str, items: int, **fields) -> dict:
    """A run report of a crawl that finished normally with ``items`` items."""
    data = {
        "provider": provider,
        "run_date": run_date,
        "started_at": f"{run_date}T02:00:00Z",
        "finished_at": f"{run_date}T02:01:00Z",
        "finish_reason": "finished",
        "items_scraped": items,
        "items_dropped": {},
        "http_status": {"200": items + 1},
        "errors": 0,
        "timeouts": 0,
        "log_errors": 0,
    }
    data.update(fields)
    return data


def write_night(
    root: Path,
    run_date: str,
    provider: str,
    records: list[dict] | None,
    run_report: dict | None = None,
    *,
    raw_lines: list[str] = (),
) -> None:
    """Write one provider's feed (None: no feed file) and report (default: normal)."""
    if records is not None:
        feed = root / "feeds" / run_date / f"{provider}.jsonl"
        feed.parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(r) for r in records] + list(raw_lines)
        feed.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    if run_report is None:
        run_report = report(provider, run_date, len(records or []))
    path = root / "runs" / run_date / f"{provider}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run_report), encoding="utf-8")
