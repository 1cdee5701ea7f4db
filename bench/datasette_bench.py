"""Benchmark Datasette pages on an N-listing catalog against the same SQL in sqlite3.

Starts ``cle serve --profile data/examples/profile.toml`` (the project's
metadata, plugins and settings, and the paralegal's own page) on a free port of
127.0.0.1 in a fresh process, then times each page several times over HTTP and
reports the median. The baseline, in the same run, is the SQL that Datasette
runs for the page (main query, count, facets; for the landing and course pages
the plugin's own queries) executed directly with the standard-library
``sqlite3`` on the same file. For ``/-/my-cle`` it is the report the page
shows, computed in-process (what ``cle status``, ``recommend`` and ``plan``
do); the server computes it once per profile, catalog version and day, in
the background from its start: the pages are timed after it is ready, and the
time it took is reported apart.

    python -m bench.datasette_bench --n 100000
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bench.import_bench import catalog_db
from bench.measure import cle_args, save_result
from catalog.serve import PLUGINS_DIR

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "data" / "examples" / "profile.toml"

GOAL_SECONDS = 0.300
SEARCH_WORDS = "medical records"
CREDIT_CATEGORIES = ("ethics", "general", "specialized")

#: label -> (path, baseline kind); canned queries take their SQL from metadata.
#: ``{listing}`` is replaced by a listing id of the catalog under test.
PAGES = {
    "landing page (entry points, practice areas, freshness)": ("/", "landing"),
    "courses table, upcoming and on demand, 6 facets": ("/catalog/courses", "table"),
    "courses table, full-text search + facets": (
        "/catalog/courses?_search=medical+records",
        "table_search",
    ),
    "courses table, next month (date facet link)": (
        "/catalog/courses?_when=next_month",
        "table_next_month",
    ),
    "courses table, free ethics (landing link)": (
        "/catalog/courses?is_free=1&ethics_hours__gt=0&status=active",
        "table_free_ethics",
    ),
    "course page (card and other offerings)": ("/catalog/courses/{listing}", "row"),
    "canned query `search`": ("/catalog/search?q=medical+records", "canned:search"),
    "canned query `free_ethics`": ("/catalog/free_ethics", "canned:free_ethics"),
    "canned query `courses_by_practice_area`": (
        "/catalog/courses_by_practice_area?practice_area=litigation",
        "canned:courses_by_practice_area",
    ),
    "`/-/my-cle` (example profile), report cached": ("/-/my-cle", "my_cle"),
    "`/-/my-cle/plan.ics`, report cached": ("/-/my-cle/plan.ics", "my_cle"),
}
WORDS_FACETS = ("provider", "format", "is_free", "status")


def plugin_module(name: str):
    """A plugin file of catalog/datasette/plugins, loaded as Datasette loads it."""
    spec = importlib.util.spec_from_file_location(name, PLUGINS_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db_path: Path, port: int) -> subprocess.Popen:
    """Start ``cle serve --profile`` and wait until it answers (at most 60 s)."""
    process = subprocess.Popen(
        cle_args(
            "serve",
            "--port",
            str(port),
            "--db",
            str(db_path),
            "--profile",
            str(PROFILE),
        ),  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"cle serve exited: {process.stderr.read().strip()}")
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/-/versions.json", timeout=2
            )
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("cle serve did not answer within 60 s")


def fetch(url: str) -> tuple[float, bytes]:
    """GET one page; return (seconds, body). Fails on any non-200 answer."""
    started = time.perf_counter()
    # generous: the first /-/my-cle answer waits for the report (a plan over
    # every listing, about 20 s at 100k)
    with urllib.request.urlopen(url, timeout=600) as response:
        body = response.read()
    return time.perf_counter() - started, body


def baseline_queries(kind: str, path: str, metadata: dict) -> list[tuple[str, dict]]:
    """The SQL (with parameters) Datasette runs for one page."""
    from catalog.pages_context import current_ranges

    ranges = current_ranges()
    if kind.startswith("canned:"):
        query = metadata["databases"]["catalog"]["queries"][kind.split(":", 1)[1]]
        given = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        names = set(re.findall(r"(?<!:):(\w+)", query["sql"]))
        return [(query["sql"], {name: given.get(name, "") for name in names})]
    if kind == "landing":
        pages = plugin_module("cle_pages")
        params = {"now": ranges["past"][1], "month_end": ranges["this_month"][1]}
        return [(sql, params) for sql in pages.COUNTS_SQL.values()] + [
            (pages.AREAS_SQL, {}),
            (pages.RUNS_SQL, {}),
        ]
    if kind == "row":
        pages = plugin_module("cle_pages")
        listing = path.rsplit("/", 1)[1]
        return [
            (pages.COURSE_COLUMNS_SQL, {"id": listing}),
            ("select course_id from courses where id = :id", {"id": listing}),
            (pages.OFFERINGS_SQL, {"course_id": listing, "id": listing}),
        ]
    return table_queries(kind, ranges)


def table_queries(kind: str, ranges: dict) -> list[tuple[str, dict]]:
    """The courses page's SQL: rows, count, the six facets (plugins' own SQL)."""
    from catalog.pages_context import DEFAULT_CLAUSE, WHEN_CLAUSE

    wheres = {
        "table": DEFAULT_CLAUSE,
        "table_search": f"{DEFAULT_CLAUSE} and rowid in (select rowid from "
        "courses_fts where courses_fts match escape_fts(:search))",
        "table_next_month": WHEN_CLAUSE,
        "table_free_ethics": f"{DEFAULT_CLAUSE} and is_free = 1 "
        "and ethics_hours > 0 and status = 'active'",
    }
    params = {
        "cle_now": ranges["past"][1],
        "cle_when_low": ranges["next_month"][0],
        "cle_when_high": ranges["next_month"][1],
        "search": SEARCH_WORDS,
    }
    sql = f"select * from courses where {wheres[kind]} "
    queries = [
        (f"{sql} order by listing_order limit 101", params),
        (f"select count(*) from ({sql})", params),
    ]
    # The words facets (plugins/course_list.py) group by all four at once.
    listed = ", ".join(WORDS_FACETS)
    queries.append(
        (f"select {listed}, count(*) from ({sql}) group by {listed}", params)
    )
    # The credit-category and date facets: the plugins' own SQL.
    credits = plugin_module("credit_facet").category_counts_sql(
        sql, list(CREDIT_CATEGORIES)
    )
    queries.append((credits, params))
    spans = {k: v for k, v in ranges.items() if k != "past"}
    queries.append(plugin_module("course_list").spans_sql(sql, dict(params), spans))
    return queries


def report_baseline(db_path: Path, repeat: int) -> float:
    """Median seconds to compute the ``/-/my-cle`` report in-process."""
    from datetime import date

    from recommender.web import build_report

    build_report(PROFILE, db_path, date.today())  # warm-up: index and caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        build_report(PROFILE, db_path, date.today())
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_baseline(db_path: Path, queries: list[tuple[str, dict]]) -> None:
    """Run the queries once on a fresh read-only connection, fetching every row."""
    from datasette.utils import escape_fts

    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    connection.create_function("escape_fts", 1, escape_fts)
    # the SQL functions the plugins add to every connection (fts_words, ...)
    for name in ("cle_search", "cle_words"):
        if (PLUGINS_DIR / f"{name}.py").exists():
            plugin_module(name).prepare_connection(connection)
    try:
        for sql, params in queries:
            connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def a_listing(db_path: Path) -> str:
    """The id of one active listing with a start (its course page is timed)."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "select id from courses where status = 'active' "
            "and starts_utc is not null order by rowid limit 1"
        ).fetchone()
    finally:
        connection.close()
    return row[0]


def time_page(url: str, repeat: int) -> tuple[float, list[float]]:
    """(first answer's seconds, the next ``repeat`` answers' seconds)."""
    first = fetch(url)[0]  # warm-up: connection, page cache, the report
    return first, [fetch(url)[0] for _ in range(repeat)]


def time_baseline(db_path: Path, queries: list, repeat: int) -> float:
    """Median seconds of the page's SQL run directly with sqlite3."""
    run_baseline(db_path, queries)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run_baseline(db_path, queries)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(n: int, repeat: int = 7) -> dict:
    """Time every page in PAGES against its baseline."""
    from datasette.utils import tilde_encode

    from catalog.serve import load_metadata

    db_path = catalog_db(n)
    metadata = load_metadata()
    listing = a_listing(db_path)
    port = free_port()
    server = start_server(db_path, port)
    results, report_s = [], None
    try:
        # The server computes the /-/my-cle report in a background thread as
        # it starts; the pages are timed once it is ready (while it runs, it
        # shares the process's interpreter with them).
        started = time.perf_counter()
        fetch(f"http://127.0.0.1:{port}/-/my-cle")
        report_ready_s = time.perf_counter() - started
        for label, (template, kind) in PAGES.items():
            path = template.replace("{listing}", tilde_encode(listing))
            url = f"http://127.0.0.1:{port}{path}"
            first, times = time_page(url, repeat)
            if kind == "my_cle":
                report_s = report_s or report_baseline(db_path, min(repeat, 3))
                base, extra = report_s, {"report_ready_after_start_s": report_ready_s}
            else:
                queries = baseline_queries(
                    kind, template.replace("{listing}", listing), metadata
                )
                base, extra = time_baseline(db_path, queries, repeat), {}
            if kind.startswith(("table", "canned")):
                extra.update(_page_facts(url, kind))
            results.append(
                {
                    "page": label,
                    "path": path,
                    "median_s": statistics.median(times),
                    "max_s": max(times),
                    "baseline_median_s": base,
                    **extra,
                }
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return {
        "n": n,
        "repeat": repeat,
        "pages": results,
        "goal_met": all(r["median_s"] < GOAL_SECONDS for r in results),
    }


def _page_facts(url: str, kind: str) -> dict:
    """Rows matched and any facet that timed out, from the page's JSON."""
    parts = urlsplit(url)
    json_url = f"{parts.scheme}://{parts.netloc}{parts.path}.json?{parts.query}"
    _seconds, body = fetch(json_url)
    data = json.loads(body)
    facts = {"json_query_ms": data.get("query_ms")}
    if kind.startswith("table"):
        facts["filtered_rows"] = data.get("filtered_table_rows_count")
        facts["facets_timed_out"] = data.get("facets_timed_out", [])
    else:
        facts["rows"] = len(data.get("rows", []))
    return facts


def report_rows(result: dict) -> list[str]:
    """Markdown table rows for BENCHMARKS.md."""
    rows = []
    for page in result["pages"]:
        note = ""
        if page.get("facets_timed_out"):
            note = f" (facets timed out: {', '.join(page['facets_timed_out'])})"
        if "report_ready_after_start_s" in page:
            note = (
                " (report ready "
                f"{page['report_ready_after_start_s']:.0f} s after the server "
                "started; baseline: the report computed in-process)"
            )
        met = "met" if page["median_s"] < GOAL_SECONDS else "**not met**"
        rows.append(
            f"| {page['page']}, {result['n']:,} listings{note} "
            f"| {page['median_s'] * 1000:.0f} ms | "
            f"{page['baseline_median_s'] * 1000:.0f} ms | "
            f"{page['median_s'] / page['baseline_median_s']:.1f}× | < 300 ms: {met} |"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    """Command line: run the benchmark and print its result as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    result = run(args.n, args.repeat)
    save_result("datasette", result)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
