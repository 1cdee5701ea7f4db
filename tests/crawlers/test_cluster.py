"""Spreading a night over Scrapyd servers: assignment, scheduling, waiting."""

from __future__ import annotations

import pytest

from crawlers.cluster import ClusterError, Job, assign, schedule_night, wait_for

SERVERS = ["http://a:6800", "http://b:6800"]


@pytest.mark.parametrize(
    ("providers", "sizes", "expected"),
    [
        # biggest first, each to the least-loaded server
        (
            ["nala", "nbi", "pli", "txpd"],
            {"nbi": 900, "pli": 800, "nala": 100, "txpd": 50},
            {"http://a:6800": ["nbi", "txpd"], "http://b:6800": ["pli", "nala"]},
        ),
        # one huge provider gets a server to itself
        (
            ["nbi", "a1", "a2", "a3"],
            {"nbi": 1000, "a1": 10, "a2": 10, "a3": 10},
            {"http://a:6800": ["nbi"], "http://b:6800": ["a1", "a2", "a3"]},
        ),
        # an unknown size weighs the median of the known ones (20 here)
        (
            ["new", "x", "y"],
            {"x": 10, "y": 30},
            {"http://a:6800": ["y"], "http://b:6800": ["new", "x"]},
        ),
        # nothing known: alphabetical, alternating
        (
            ["c", "a", "b"],
            {},
            {"http://a:6800": ["a", "c"], "http://b:6800": ["b"]},
        ),
        # more servers than providers: some get nothing
        (["a"], None, {"http://a:6800": ["a"], "http://b:6800": []}),
    ],
)
def test_assign_balances_longest_first(providers, sizes, expected):
    assert assign(providers, SERVERS, sizes) == expected


def test_assign_needs_a_server():
    with pytest.raises(ClusterError, match="no Scrapyd server"):
        assign(["a"], [], {})


def test_schedule_night_posts_one_job_per_provider_and_names_a_refusal():
    calls = []

    def call(url, data):
        calls.append((url, data))
        if data["spider"] == "bad":
            return {"status": "error", "message": "spider 'bad' not found"}
        return {"status": "ok", "jobid": f"job-{data['spider']}"}

    jobs = schedule_night(
        {"http://a:6800/": ["x"], "http://b:6800": ["y"]}, "2026-12-01", call=call
    )
    assert jobs == [
        Job("x", "http://a:6800/", "job-x"),
        Job("y", "http://b:6800", "job-y"),
    ]
    assert calls[0] == (
        "http://a:6800/schedule.json",
        {"project": "cle", "spider": "x", "run_date": "2026-12-01"},
    )
    with pytest.raises(ClusterError, match="refused bad: spider 'bad' not found"):
        schedule_night({"http://a:6800": ["bad"]}, "2026-12-01", call=call)


def test_wait_for_polls_until_finished_or_the_deadline():
    jobs = [Job("x", "http://a", "1"), Job("y", "http://b", "2")]
    finished = {"http://a": [], "http://b": []}
    now = [0.0]

    def call(url, data):
        server = url.split("/listjobs")[0]
        return {"finished": [{"id": i} for i in finished[server]]}

    def sleep(seconds):
        now[0] += seconds
        if now[0] >= 2:
            finished["http://a"] = ["1"]
        if now[0] >= 4:
            finished["http://b"] = ["2"]

    assert (
        wait_for(jobs, timeout_s=10, call=call, clock=lambda: now[0], sleep=sleep) == []
    )
    assert now[0] == 4
    finished.update({"http://a": [], "http://b": []})
    now[0] = 0.0
    late = wait_for(
        jobs,
        timeout_s=1,
        call=call,
        clock=lambda: now[0],
        sleep=lambda s: now.__setitem__(0, now[0] + s),
    )
    assert late == jobs
