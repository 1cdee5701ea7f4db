"""Load one night's feeds and run reports into the catalog, provider by provider.

For each provider, in ONE transaction: record the run in ``crawl_runs``; when
the run is healthy, upsert its listings, mark active listings missing from it
``withdrawn`` (never deleted), make reappearing ones active again and write the
``changes`` log. An unhealthy run is recorded and nothing else is touched, so
the catalog keeps yesterday's listings. A process killed at any moment leaves
each provider wholly as it was or wholly loaded.

Input layout (written by the crawlers): ``<feeds>/<run_date>/<slug>.jsonl`` and
``<runs>/<run_date>/<slug>.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from catalog import paths
from catalog.health import Health, count_of, evaluate
from catalog.records import RecordError, prepare, read_jsonl
from catalog.schema import CATALOG_FIELDS, COURSE_COLUMNS, RECORD_FIELDS
from catalog.store import (
    log_changes,
    record_run,
    record_to_row,
    set_status,
    upsert_records,
)

#: Published fields compared to tell what changed in a listing.
_COMPARED = tuple(
    name
    for name in RECORD_FIELDS
    if name in COURSE_COLUMNS and name not in CATALOG_FIELDS
)
#: Details after the kind of a rejection, left out of the dropped-by-reason keys.
_REASON_DETAIL = re.compile(r"\s*\(.*$")
_NIGHT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CHANGE_KINDS = ("new", "changed", "withdrawn", "cancelled", "reactivated")


class NightlyError(ValueError):
    """Nothing to load: the message is one line naming what to fix."""


@dataclass
class ProviderOutcome:
    """What loading one provider's run did."""

    provider: str
    run_date: str
    health: Health
    items: int = 0
    valid: int = 0
    listings: int = 0
    errors: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    rejected: list[tuple[int, str]] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """True when the run was trusted and loaded."""
        return self.health.healthy

    def count(self, kind: str) -> int:
        """How many changes of one kind (new, changed, withdrawn, ...) it made."""
        return self.counts.get(kind, 0)


def load_run(
    db: sqlite_utils.Database,
    run_date: str,
    providers: Iterable[str] | None = None,
    *,
    feeds_dir: str | Path | None = None,
    runs_dir: str | Path | None = None,
    at: str | None = None,
    progress: Callable[[int, int, ProviderOutcome], None] | None = None,
) -> list[ProviderOutcome]:
    """Load every provider's feed of one night (or only the named providers).

    :param run_date: the night, YYYY-MM-DD
    :param providers: slugs to load; default every provider with a feed or report
    :param feeds_dir: root of the feeds (default ``state/feeds``)
    :param runs_dir: root of the run reports (default ``state/runs``)
    :param at: timestamp written on the change log (default: now, UTC)
    :param progress: called as ``progress(done, total, outcome)`` after each provider
    :return: one outcome per provider, in slug order
    :raises NightlyError: when there is nothing to load for that night
    """
    feeds = night_folder(Path(feeds_dir or paths.feeds_dir()), run_date)
    runs = night_folder(Path(runs_dir or paths.runs_dir()), run_date)
    names = sorted(set(providers)) if providers else discover(feeds, runs)
    if not names:
        raise NightlyError(
            f"no feeds or run reports for {run_date} in {feeds} or {runs}; "
            "check --run-date and --feeds"
        )
    at = at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    outcomes = []
    for done, name in enumerate(names, start=1):
        outcome = load_provider(
            db, run_date, name, feeds / f"{name}.jsonl", runs / f"{name}.json", at=at
        )
        outcomes.append(outcome)
        if progress:
            progress(done, len(names), outcome)
    return outcomes


def night_folder(root: Path, run_date: str) -> Path:
    """The folder of one night under a feeds/runs root.

    A root that holds ``<slug>.jsonl`` files directly (a shared folder a
    Scrapyd job wrote to) is accepted as the night's folder itself.
    """
    dated = root / run_date
    if not dated.is_dir() and any(root.glob("*.jsonl")):
        return root
    return dated


def stored_nights(root: str | Path | None = None) -> list[str]:
    """The nights (YYYY-MM-DD folders) stored under a feeds root, oldest first."""
    root = Path(root or paths.feeds_dir())
    found = [p.name for p in root.glob("*") if p.is_dir() and _NIGHT.match(p.name)]
    return sorted(found)


def discover(feeds: Path, runs: Path) -> list[str]:
    """Slugs with a feed or a run report in the night's folders."""
    names = {p.stem for p in feeds.glob("*.jsonl")} | {
        p.stem for p in runs.glob("*.json")
    }
    return sorted(names)


def load_provider(
    db: sqlite_utils.Database,
    run_date: str,
    provider: str,
    feed_path: Path,
    report_path: Path,
    *,
    at: str,
) -> ProviderOutcome:
    """Judge and load one provider's run in one transaction."""
    report, report_problem = read_report(report_path)
    records, rejected, items = read_feed(feed_path, provider)
    last = last_healthy_valid(db, provider, run_date)
    health = evaluate(
        report,
        valid=len(records),
        rejected=len(rejected),
        last_healthy=last,
        feed_found=feed_path.exists(),
    )
    if report_problem:
        others = tuple(r for r in health.reasons if not r.startswith("no run report"))
        health = replace(health, healthy=False, reasons=(report_problem, *others))
    outcome = ProviderOutcome(
        provider,
        run_date,
        health,
        items=items,
        valid=len(records),
        errors=crawl_errors(report or {}) + len(rejected),
        rejected=rejected,
    )
    with db.atomic():
        if health.healthy:
            apply_feed(db, run_date, provider, records, at=at)
        outcome.counts = change_counts(db, run_date, provider) if health.healthy else {}
        record_run(db, run_row(outcome, report or {}, at=at))
    outcome.listings = active_listings(db, provider)
    return outcome


def crawl_errors(report: dict) -> int:
    """Problems the crawl reported: spider errors (a count or a list) and exceptions."""
    return count_of(report.get("errors")) + count_of(report.get("spider_exceptions"))


def read_report(path: Path) -> tuple[dict | None, str | None]:
    """Read a run report; return it, or None and the problem in one line."""
    if not path.exists():
        return None, None
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"run report {path} is unreadable ({exc}); rerun the crawl"
    if not isinstance(report, dict):
        return None, f"run report {path} is not a JSON object; rerun the crawl"
    return report, None


def read_feed(
    path: Path, provider: str
) -> tuple[list[dict], list[tuple[int, str]], int]:
    """Read and check a feed: valid records, rejected lines, and the item count.

    The feed's lines are read as they are needed (:func:`feed_lines`), never
    its whole text; each record passes :func:`catalog.records.prepare`, as in
    ``cle import``: the crawl's pipelines checked it once, but a feed on disk
    may have been edited or written by another version, so it is not trusted.
    """
    if not path.exists():
        return [], [], 0
    valid: dict[str, dict] = {}
    rejected: list[tuple[int, str]] = []
    items = 0
    try:
        for number, item in read_jsonl(feed_lines(path)):
            items += 1
            try:
                if isinstance(item, RecordError):
                    raise item
                record = prepare(item)
            except RecordError as exc:
                rejected.append((number, str(exc)))
                continue
            if record["provider"] != provider:
                rejected.append(
                    (number, f"provider {record['provider']!r} in {provider}'s feed")
                )
                continue
            valid[record["id"]] = record  # a repeated id: the last line wins
    except (OSError, UnicodeDecodeError) as exc:
        return [], [(1, f"feed is unreadable ({exc})")], 1
    return list(valid.values()), rejected, items


#: Bytes of a feed read at a time.
FEED_BLOCK = 1 << 20


def feed_lines(path: Path) -> Iterator[str]:
    """The lines of a UTF-8 feed, as ``path.read_text().splitlines()`` gives them.

    The file is read in blocks cut after their last line feed (a line feed is
    never inside a UTF-8 sequence, and every line feed ends a line for
    ``splitlines``), so each block decodes and splits alone.

    :raises UnicodeDecodeError: as ``read_text`` raises it (same offset), when
        the file is not UTF-8
    """
    with path.open("rb") as stream:
        carry = b""
        while block := stream.read(FEED_BLOCK):
            data = carry + block
            cut = data.rfind(b"\n") + 1
            carry = data[cut:]
            yield from _decoded(path, data[:cut]).splitlines()
        yield from _decoded(path, carry).splitlines()


def _decoded(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # The block's offsets are not the file's: let the whole file name it.
        path.read_text(encoding="utf-8")
        raise


def last_healthy_valid(
    db: sqlite_utils.Database, provider: str, run_date: str
) -> int | None:
    """Valid listings of the provider's last healthy run before ``run_date``."""
    sql = (
        "select valid from crawl_runs where provider = ? and health = 'healthy' "
        "and run_date < ? order by run_date desc limit 1"
    )
    rows = list(db.query(sql, [provider, run_date]))
    return rows[0]["valid"] if rows else None


def apply_feed(
    db: sqlite_utils.Database,
    run_date: str,
    provider: str,
    records: list[dict],
    *,
    at: str,
) -> list[dict]:
    """Upsert a healthy run's listings, withdraw the missing ones, log the changes.

    Call inside ``db.atomic()``.

    :return: the change rows written
    """
    before = {
        row["id"]: row
        for row in db.query("select * from courses where provider = ?", [provider])
    }
    stored = upsert_records(db, records, seen_on=run_date)
    by_id = {r["id"]: r for r in records}
    changes = [_change(run_date, by_id[i], "new", None, at) for i in stored.new]
    for listing_id in stored.changed:
        record, old = by_id[listing_id], before[listing_id]
        changes.append(_change(run_date, record, _kind(old, record), old, at))
    seen = set(by_id)
    missing = [
        row
        for row in before.values()
        if row["status"] == "active"
        and row["id"] not in seen
        and (row["last_seen"] or "") < run_date
    ]
    if missing:
        set_status(db, [row["id"] for row in missing], "withdrawn")
        changes.extend(_change(run_date, row, "withdrawn", None, at) for row in missing)
    log_changes(db, changes)
    return changes


def _kind(old: dict, record: dict) -> str:
    status = record.get("status") or "active"
    if status == "cancelled" and old["status"] != "cancelled":
        return "cancelled"
    if status == "active" and old["status"] != "active":
        return "reactivated"
    return "changed"


def changed_fields(old: dict, record: dict) -> list[str]:
    """Published fields whose stored value differs from the record's."""
    row = record_to_row(record)
    return [name for name in _COMPARED if row.get(name) != old.get(name)]


def _change(run_date: str, record: dict, kind: str, old: dict | None, at: str) -> dict:
    fields = changed_fields(old, record) if old is not None else None
    return {
        "run_date": run_date,
        "provider": record["provider"],
        "listing": record["id"],
        "kind": kind,
        "fields": json.dumps(fields) if fields is not None else None,
        "title": record.get("title"),
        "url": record.get("url"),
        "at": at,
    }


def change_counts(
    db: sqlite_utils.Database, run_date: str, provider: str
) -> dict[str, int]:
    """How many changes of each kind the log holds for one provider's night."""
    sql = (
        "select kind, count(*) as n from changes where run_date = ? and provider = ? "
        "group by kind"
    )
    return {row["kind"]: row["n"] for row in db.query(sql, [run_date, provider])}


def run_row(outcome: ProviderOutcome, report: dict, *, at: str) -> dict:
    """The provider's ``crawl_runs`` row for the night: health, counts, drops."""
    dropped = dict(report.get("items_dropped") or {})
    for _, reason in outcome.rejected:
        key = "load: " + _REASON_DETAIL.sub("", reason.split(":")[0])
        dropped[key] = dropped.get(key, 0) + 1
    return {
        "run_date": outcome.run_date,
        "provider": outcome.provider,
        "started_at": report.get("started_at"),
        "finished_at": report.get("finished_at"),
        "finish_reason": report.get("finish_reason"),
        "items": outcome.items,
        "valid": outcome.valid,
        "dropped": json.dumps(dropped, sort_keys=True),
        "http_status": json.dumps(report.get("http_status") or {}, sort_keys=True),
        "errors": outcome.errors,
        "timeouts": count_of(report.get("timeouts")),
        "blocked": int(outcome.health.blocked),
        "broken": int(outcome.health.broken),
        "health": outcome.health.label,
        "reasons": "; ".join(outcome.health.reasons) or None,
        **{kind: outcome.count(kind) for kind in CHANGE_KINDS},
        "loaded_at": at,
    }


def active_listings(db: sqlite_utils.Database, provider: str) -> int:
    """How many active listings the catalog holds for a provider."""
    sql = "select count(*) as n from courses where provider = ? and status = 'active'"
    return next(iter(db.query(sql, [provider])))["n"]
