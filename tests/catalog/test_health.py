"""Health of one provider's run: the rules of catalog.health, table by table."""

from __future__ import annotations

import pytest

from catalog.health import evaluate, invalid_drops, status_counts


def run(**fields) -> dict:
    """A run report that finished normally; ``fields`` override its keys."""
    base = {
        "finish_reason": "finished",
        "items_dropped": {},
        "http_status": {"200": 11},
        "timeouts": 0,
    }
    return {**base, **fields}


@pytest.mark.parametrize(
    ("report", "valid", "rejected", "last", "healthy", "reason"),
    [
        (run(), 10, 0, None, True, None),
        (run(), 10, 0, 19, True, None),  # 10 of 19 is over half
        (run(), 0, 0, None, False, "zero items"),
        (run(), 9, 1, None, True, None),  # exactly 90% valid
        (run(), 8, 1, None, False, "89% of items valid"),
        (run(items_dropped={"invalid: title": 3}), 10, 0, None, False, "77%"),
        (run(items_dropped={"duplicate": 30}), 10, 0, None, True, None),
        (run(), 4, 0, 10, False, "under half of the last healthy run's 10"),
        (run(), 5, 0, 10, True, None),  # exactly half is enough
        (run(finish_reason="shutdown"), 10, 0, None, False, "finish reason"),
        (run(finish_reason="closespider_errorcount"), 10, 0, None, False, "errorcount"),
        (None, 10, 0, None, False, "no run report"),
    ],
)
def test_health_rules(report, valid, rejected, last, healthy, reason):
    health = evaluate(report, valid=valid, rejected=rejected, last_healthy=last)
    assert health.healthy is healthy
    assert health.label == ("healthy" if healthy else "unhealthy")
    if reason is None:
        assert health.reasons == ()
    else:
        assert any(reason in r for r in health.reasons), health.reasons


def test_missing_feed_is_unhealthy_even_with_a_finished_report():
    health = evaluate(run(), valid=0, feed_found=False)
    assert not health.healthy
    assert any("no feed file" in r for r in health.reasons)


@pytest.mark.parametrize(
    ("statuses", "timeouts", "valid", "blocked", "broken"),
    [
        ({"200": 1, "403": 5}, 0, 0, True, False),  # robots.txt fine, pages refused
        ({"429": 3}, 0, 0, True, False),
        ({"200": 1}, 4, 0, True, False),  # only timeouts after robots.txt
        ({"200": 6}, 0, 0, False, True),  # pages fetched, nothing parsed: redesign
        ({"200": 40, "429": 1}, 0, 30, False, False),  # one throttled retry: fine
        ({"200": 12, "404": 1}, 0, 10, False, False),
    ],
)
def test_blocked_is_told_apart_from_broken(statuses, timeouts, valid, blocked, broken):
    health = evaluate(run(http_status=statuses, timeouts=timeouts), valid=valid)
    assert (health.blocked, health.broken) == (blocked, broken)
    if blocked:
        assert any(r.startswith("blocked:") for r in health.reasons)
    if broken:
        assert any(r.startswith("broken:") for r in health.reasons)


def test_describe_is_one_line_with_every_reason():
    health = evaluate(run(http_status={"200": 3}), valid=0)
    text = health.describe()
    assert "\n" not in text
    assert text.startswith("unhealthy: zero items")
    assert "broken: 3 page(s) fetched" in text


def test_report_helpers_read_json_shapes():
    assert status_counts({"200": 3, "403": "2", "bad": 1}) == {200: 3, 403: 2}
    dropped = {"invalid: url": 2, "Duplicate id": 5, "missing title": 1}
    assert invalid_drops(dropped) == 3
    assert invalid_drops(None) == 0
