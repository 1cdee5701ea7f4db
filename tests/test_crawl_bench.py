"""The crawl benchmark's figures: medians of alternating runs, rows (no timing)."""

from __future__ import annotations

from bench import crawl_bench
from bench.crawl_bench import median_run, report_rows


def _run(seconds: float, cpu: float) -> dict:
    return {
        "process_s": seconds,
        "cpu_s": cpu,
        "items": 100,
        "pages": 3,
        "crawl_s": seconds - 1,
        "listings_per_s": 100 / seconds,
    }


def test_the_median_run_is_the_middle_wall_time_with_the_median_cpu():
    runs = [_run(30.0, 9.0), _run(10.0, 8.0), _run(12.0, 20.0)]
    middle = median_run(runs)
    assert middle["process_s"] == 12.0
    assert middle["cpu_s"] == 9.0  # median of 9, 8, 20; not the middle run's 20
    assert runs[2]["cpu_s"] == 20.0  # the runs themselves are left as measured


def test_modes_alternate_which_goes_first(monkeypatch):
    order = []

    def fake_once(mode, base):
        order.append(mode)
        return {**_run(2.0 if mode == "full" else 1.0, 1.0), "stored": 100}

    class Server:
        def shutdown(self):
            order.append("shutdown")

        def server_close(self):
            pass

    monkeypatch.setattr(crawl_bench, "site_folder", lambda n: None)
    monkeypatch.setattr(crawl_bench, "serve", lambda folder: (Server(), "base"))
    monkeypatch.setattr(crawl_bench, "run_once", fake_once)
    result = crawl_bench.run(100, rounds=3)
    assert order == ["bare", "full", "full", "bare", "bare", "full", "shutdown"]
    assert result["ratio"] == 2.0 and result["goal_met"] is False
    assert result["runs_s"] == {"bare": [1.0] * 3, "full": [2.0] * 3}


def test_a_row_names_its_rounds_and_cpu_and_an_older_result_shows_neither():
    result = {
        "n": 100,
        "rounds": 5,
        "full": {**_run(13.0, 12.0), "stored": 100, "load_s": 2.0},
        "bare": _run(10.0, 10.0),
        "ratio": 1.3,
        "cpu_ratio": 1.2,
    }
    [row] = report_rows(result)
    assert "median of 5 alternating runs" in row
    assert "13.0 s (CPU 12.0 s)" in row and "1.30× (CPU 1.20×)" in row
    assert row.endswith("≤ 1.5×: met |")
    older = {
        key: value
        for key, value in result.items()
        if key not in ("rounds", "cpu_ratio")
    }
    older["full"] = {k: v for k, v in result["full"].items() if k != "cpu_s"}
    older["bare"] = {k: v for k, v in result["bare"].items() if k != "cpu_s"}
    [row] = report_rows(older)
    assert "CPU" not in row and "median" not in row
