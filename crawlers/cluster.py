"""Spread one night's crawl over several Scrapyd servers, then wait for it.

Every server runs the same deployed project and writes its feeds and run
reports to one shared state folder (its ``CLE_STATE_DIR``), so the night
loads into one catalog exactly as a local crawl does (``cle load --feeds``).

Assignment is longest-first: providers are sorted by how many listings their
last healthy run had (unknown counts as the median, so a new provider neither
jumps the queue nor waits behind everyone) and each goes to the server with the
least work so far. A night's wall time is then close to the biggest provider's
crawl or the total divided by the servers, whichever is larger.
"""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median

#: Scrapyd project name (scrapy.cfg ``[deploy] project``).
PROJECT = "cle"


class ClusterError(Exception):
    """A Scrapyd server refused a job or could not be reached."""


@dataclass(frozen=True)
class Job:
    """One provider's crawl scheduled on one server."""

    provider: str
    server: str
    job_id: str


def assign(
    providers: Sequence[str],
    servers: Sequence[str],
    sizes: Mapping[str, int] | None = None,
) -> dict[str, list[str]]:
    """Share providers among servers, biggest first, each to the least loaded.

    :param sizes: listings of each provider's last healthy run (may be partial)
    :return: server -> providers, every server present (possibly with none)
    """
    if not servers:
        raise ClusterError("no Scrapyd server given")
    sizes = dict(sizes or {})
    typical = median(sizes.values()) if sizes else 1
    weight = {p: max(1, sizes.get(p, typical)) for p in providers}
    load = {server: 0 for server in servers}
    shares: dict[str, list[str]] = {server: [] for server in servers}
    for provider in sorted(providers, key=lambda p: (-weight[p], p)):
        server = min(servers, key=lambda s: (load[s], servers.index(s)))
        shares[server].append(provider)
        load[server] += weight[provider]
    return shares


def http_json(url: str, data: Mapping[str, str] | None = None) -> dict:
    """GET (or POST ``data`` to) a Scrapyd endpoint and read its JSON answer."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with urllib.request.urlopen(url, data=body, timeout=30) as response:
            return json.load(response)
    except (OSError, ValueError) as exc:
        raise ClusterError(f"Scrapyd at {url} did not answer ({exc})") from None


def schedule_night(
    shares: Mapping[str, Sequence[str]],
    run_date: str,
    *,
    call: Callable[[str, Mapping[str, str] | None], dict] = http_json,
) -> list[Job]:
    """Schedule each provider's spider on its server for the night."""
    jobs = []
    for server, providers in shares.items():
        for provider in providers:
            answer = call(
                f"{server.rstrip('/')}/schedule.json",
                {"project": PROJECT, "spider": provider, "run_date": run_date},
            )
            if answer.get("status") != "ok":
                raise ClusterError(
                    f"{server} refused {provider}: {answer.get('message', answer)}"
                )
            jobs.append(Job(provider, server, answer["jobid"]))
    return jobs


def wait_for(
    jobs: Sequence[Job],
    *,
    timeout_s: float,
    poll_s: float = 1.0,
    call: Callable[[str, Mapping[str, str] | None], dict] = http_json,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Job]:
    """Poll the servers until every job finished or the time is up.

    :return: the jobs still pending or running when the time ran out
    """
    deadline = clock() + timeout_s
    waiting = list(jobs)
    while waiting:
        finished = set()
        for server in sorted({job.server for job in waiting}):
            url = f"{server.rstrip('/')}/listjobs.json?project={PROJECT}"
            finished |= {j["id"] for j in call(url, None).get("finished", [])}
        waiting = [job for job in waiting if job.job_id not in finished]
        if not waiting or clock() >= deadline:
            break
        sleep(poll_s)
    return waiting
