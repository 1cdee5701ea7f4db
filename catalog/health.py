"""Decide whether one provider's nightly crawl can be trusted.

A run is unhealthy when its finish reason is not ``finished``, when it yielded
no valid listing, when under 90% of its items were valid, or when it yielded
under half the listings of the provider's last healthy run. An unhealthy run
changes nothing in the catalog: absence is never turned into a withdrawal
without a complete, sane crawl (research/aesthetics.md section 5.6).

The evaluation also tells *blocked* (the site refused us: 403, 429, timeouts)
apart from *broken* (pages came back but nothing parsed: the site changed).
Everything here is pure: inputs are a run report and counts, output a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: HTTP statuses that mean the site refused or throttled the crawler.
BLOCKED_STATUSES = (403, 429)
#: Under this share of valid items, the parser no longer fits the site.
MIN_VALID_SHARE = 0.9
#: Under this share of the last healthy run's listings, the crawl is incomplete.
MIN_SHARE_OF_LAST_HEALTHY = 0.5
#: Drop reasons that are not invalid items (a repeated id is dropped by design).
NOT_INVALID_DROPS = ("duplicate", "dupe")

HEALTHY = "healthy"
UNHEALTHY = "unhealthy"


@dataclass(frozen=True)
class Health:
    """The verdict on one provider's run, with the reasons when unhealthy."""

    healthy: bool
    blocked: bool
    broken: bool
    reasons: tuple[str, ...] = ()
    #: problems the crawl met that do not make it unhealthy (a page that failed)
    warnings: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``healthy`` or ``unhealthy``, as stored in ``crawl_runs.health``."""
        return HEALTHY if self.healthy else UNHEALTHY

    def describe(self) -> str:
        """One line for the summary table: the label and its reasons."""
        if not self.reasons:
            return self.label
        return f"{self.label}: {'; '.join(self.reasons)}"


def count_of(value) -> int:
    """Read a count that a report may give as a number or as a list of messages."""
    if value is None:
        return 0
    if isinstance(value, list | tuple | dict):
        return len(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def invalid_drops(dropped: Mapping[str, int] | None) -> int:
    """How many items the spider dropped as invalid (repeated ids excluded)."""
    total = 0
    for reason, count in (dropped or {}).items():
        if not str(reason).lower().startswith(NOT_INVALID_DROPS):
            total += count_of(count)
    return total


def status_counts(http_status: Mapping | None) -> dict[int, int]:
    """The report's status histogram with integer codes (JSON keys are strings)."""
    counts: dict[int, int] = {}
    for code, count in (http_status or {}).items():
        try:
            counts[int(code)] = counts.get(int(code), 0) + count_of(count)
        except (TypeError, ValueError):
            continue
    return counts


def evaluate(
    report: Mapping | None,
    *,
    valid: int,
    rejected: int = 0,
    last_healthy: int | None = None,
    feed_found: bool = True,
) -> Health:
    """Judge one provider's run.

    :param report: the run report the crawl wrote (None when there is none)
    :param valid: feed records that passed the catalog's checks
    :param rejected: feed records the catalog rejected
    :param last_healthy: valid listings of the provider's last healthy run
    :param feed_found: False when the crawl left no feed file (it crashed)
    :return: the verdict, with blocked/broken flags and reasons
    """
    report = report or {}
    reasons: list[str] = []
    if not report:
        reasons.append("no run report (did the crawl start?)")
    if not feed_found:
        reasons.append("no feed file (the crawl stopped before writing one)")
    finish_reason = report.get("finish_reason")
    if report and finish_reason != "finished":
        reasons.append(f"finish reason {finish_reason!r}, not 'finished'")
    invalid = rejected + invalid_drops(report.get("items_dropped"))
    if valid == 0:
        reasons.append("zero items")
    elif valid / (valid + invalid) < MIN_VALID_SHARE:
        share = 100 * valid / (valid + invalid)
        reasons.append(
            f"only {share:.0f}% of items valid ({valid} of {valid + invalid}), "
            f"under {MIN_VALID_SHARE:.0%}"
        )
    if valid and last_healthy and valid < MIN_SHARE_OF_LAST_HEALTHY * last_healthy:
        reasons.append(
            f"{valid} items, under half of the last healthy run's {last_healthy}"
        )
    statuses = status_counts(report.get("http_status"))
    refused = sum(statuses.get(code, 0) for code in BLOCKED_STATUSES)
    timeouts = count_of(report.get("timeouts"))
    fetched = sum(n for code, n in statuses.items() if 200 <= code < 300)
    poor = valid == 0 or invalid > 0 and valid / (valid + invalid) < MIN_VALID_SHARE
    blocked = refused + timeouts > 0 and (valid == 0 or refused + timeouts >= fetched)
    broken = not blocked and fetched > 0 and poor
    if reasons and blocked:
        reasons.append(_blocked_detail(statuses, timeouts))
    if reasons and broken:
        reasons.append(f"broken: {fetched} page(s) fetched but nothing usable parsed")
    return Health(not reasons, blocked, broken, tuple(reasons), crawl_warnings(report))


def crawl_warnings(report: Mapping | None) -> tuple[str, ...]:
    """Problems a spider reported (errors, exceptions), as lines for ``cle refresh``.

    They are facts of the crawl, not a verdict: a run with one failed page out
    of a hundred is still healthy, but the paralegal's operator should hear of it.
    """
    report = report or {}
    errors = report.get("errors")
    problems = count_of(errors) + count_of(report.get("spider_exceptions"))
    if not problems:
        return ()
    first = errors[0] if isinstance(errors, list | tuple) and errors else None
    line = f"{problems} problem(s) during the crawl"
    return (line + (f" (first: {first})" if first else ""),)


def _blocked_detail(statuses: Mapping[int, int], timeouts: int) -> str:
    parts = [f"{statuses[c]}x{c}" for c in BLOCKED_STATUSES if statuses.get(c)]
    if timeouts:
        parts.append(f"{timeouts} timeout(s)")
    return "blocked: " + ", ".join(parts)
