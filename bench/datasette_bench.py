"""Benchmark Datasette pages on an N-listing catalog against the same SQL in sqlite3.

Starts ``cle serve`` (the project's metadata, plugins and settings) on a free
port of 127.0.0.1 in a fresh process, then times each page several times over
HTTP and reports the median. The baseline, in the same run, is the SQL that
Datasette runs for the page (main query, count, facets) executed directly with
the standard-library ``sqlite3`` on the same file.

    python -m bench.datasette_bench --n 100000
"""

from __future__ import annotations

import argparse
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

GOAL_SECONDS = 0.300
SEARCH_WORDS = "medical records"
TABLE_FACETS = ("provider", "format", "is_free", "status")
CREDIT_CATEGORIES = ("ethics", "general", "specialized")

#: label -> (path, baseline kind); canned queries take their SQL from metadata.
PAGES = {
    "courses table, 5 facets": ("/catalog/courses", "table"),
    "courses table, full-text search + facets": (
        "/catalog/courses?_search=medical+records",
        "table_search",
    ),
    "canned query `search`": ("/catalog/search?q=medical+records", "canned:search"),
    "canned query `free_ethics`": ("/catalog/free_ethics", "canned:free_ethics"),
    "canned query `courses_by_practice_area`": (
        "/catalog/courses_by_practice_area?practice_area=litigation",
        "canned:courses_by_practice_area",
    ),
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db_path: Path, port: int) -> subprocess.Popen:
    """Start ``cle serve`` and wait until it answers (at most 60 s)."""
    process = subprocess.Popen(
        cle_args("serve", "--port", str(port), "--db", str(db_path)),
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
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
    return time.perf_counter() - started, body


def baseline_queries(kind: str, path: str, metadata: dict) -> list[tuple[str, dict]]:
    """The SQL (with parameters) Datasette runs for one page."""
    if kind.startswith("canned:"):
        query = metadata["databases"]["catalog"]["queries"][kind.split(":", 1)[1]]
        given = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        names = set(re.findall(r"(?<!:):(\w+)", query["sql"]))
        return [(query["sql"], {name: given.get(name, "") for name in names})]
    source, params = "courses", {}
    if kind == "table_search":
        source = (
            "(select * from courses where rowid in (select rowid from courses_fts "
            "where courses_fts match escape_fts(:search)))"
        )
        params = {"search": SEARCH_WORDS}
    queries = [
        (f"select * from {source} order by starts_utc limit 101", params),
        (f"select count(*) from {source}", params),
    ]
    for column in TABLE_FACETS:
        queries.append(
            (
                f"select {column} as value, count(*) as n from {source} "
                f"where {column} is not null group by {column} "
                "order by n desc, value limit 21",
                params,
            )
        )
    # The credit-category facet (catalog/datasette/plugins/credit_facet.py)
    # counts from the indexed hours columns, one count per category.
    counts = " union all ".join(
        f"select '{category}' as value, count(*) as n from {source} "
        f"where {category}_hours > 0"
        for category in CREDIT_CATEGORIES
    )
    queries.append((f"select * from ({counts}) order by n desc, value", params))
    return queries


def run_baseline(db_path: Path, queries: list[tuple[str, dict]]) -> None:
    """Run the queries once on a fresh read-only connection, fetching every row."""
    from datasette.utils import escape_fts

    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    connection.create_function("escape_fts", 1, escape_fts)
    try:
        for sql, params in queries:
            connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def run(n: int, repeat: int = 7) -> dict:
    """Time every page in PAGES against its direct-SQL baseline."""
    from catalog.serve import load_metadata

    db_path = catalog_db(n)
    metadata = load_metadata()
    port = free_port()
    server = start_server(db_path, port)
    results = []
    try:
        for label, (path, kind) in PAGES.items():
            url = f"http://127.0.0.1:{port}{path}"
            fetch(url)  # warm-up: first use of the connection and page cache
            times = [fetch(url)[0] for _ in range(repeat)]
            queries = baseline_queries(kind, path, metadata)
            run_baseline(db_path, queries)
            base = []
            for _ in range(repeat):
                started = time.perf_counter()
                run_baseline(db_path, queries)
                base.append(time.perf_counter() - started)
            extra = _page_facts(url, kind)
            results.append(
                {
                    "page": label,
                    "path": path,
                    "median_s": statistics.median(times),
                    "max_s": max(times),
                    "baseline_median_s": statistics.median(base),
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
        "array_facet_whatif": array_facet_whatif(db_path),
        "goal_met": all(r["median_s"] < GOAL_SECONDS for r in results),
    }


def array_facet_whatif(db_path: Path, repeat: int = 5) -> dict:
    """Courses page in-process, with the metadata's facets and without the array one.

    Measures the fix proposed for ``catalog/datasette/metadata.yml`` (not ours
    to change): Datasette 0.65's array facet runs ``select distinct j.value,
    inner.*`` over every row, which at 100k listings always hits
    ``facet_time_limit_ms`` and adds that much to the page.
    """
    import asyncio
    import copy

    from catalog.serve import build_datasette, load_metadata

    metadata = load_metadata()
    table = metadata["databases"]["catalog"]["tables"]["courses"]
    lean = copy.deepcopy(metadata)
    lean_table = lean["databases"]["catalog"]["tables"]["courses"]
    lean_table["facets"] = [f for f in table.get("facets", []) if isinstance(f, str)]

    async def median_ms(datasette, path):
        await datasette.client.get(path)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = await datasette.client.get(path)
            times.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        return statistics.median(times)

    async def measure():
        full = build_datasette(db_path, metadata=metadata)
        without = build_datasette(db_path, metadata=lean)
        figures = {}
        for label, path in (
            ("table", "/catalog/courses"),
            ("search", "/catalog/courses?_search=medical+records"),
        ):
            figures[label] = {
                "with_array_facet_s": await median_ms(full, path),
                "without_array_facet_s": await median_ms(without, path),
            }
        return figures

    return asyncio.run(measure())


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
        met = "met" if page["median_s"] < GOAL_SECONDS else "**not met**"
        rows.append(
            f"| {page['page']}, {result['n']:,} listings{note} "
            f"| {page['median_s'] * 1000:.0f} ms | "
            f"{page['baseline_median_s'] * 1000:.0f} ms | "
            f"{page['median_s'] / page['baseline_median_s']:.1f}× | < 300 ms: {met} |"
        )
    for label, figures in result.get("array_facet_whatif", {}).items():
        page = "courses table" if label == "table" else "full-text search"
        after = figures["without_array_facet_s"]
        met = "met" if after < GOAL_SECONDS else "**not met**"
        rows.append(
            f"| what-if, in-process: {page} page without the credit-category "
            f"facet, {result['n']:,} listings "
            f"| {after * 1000:.0f} ms | with it: "
            f"{figures['with_array_facet_s'] * 1000:.0f} ms "
            f"| {after / figures['with_array_facet_s']:.2f}× | < 300 ms: {met} |"
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
