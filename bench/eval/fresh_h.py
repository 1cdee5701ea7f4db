"""Build the held-out benchmark variant h from its own hand-written texts.

Written on 2026-12-01, before that session's ranking changes (price and
credit scored by relevance), to be measured once after them: variant g had
been measured many times during tuning and was no longer held out. Built
exactly as variants f and g (:mod:`bench.eval.fresh`: several offerings of
each course by random providers, formats, dates and prices; 30 profiles; the
same grading rules and both judgments files), but from all-new wording
(:mod:`bench.eval.fresh_h_texts`), every course and wording of it, with its
own seed. Nobody ran the recommender on h while writing it. The checks were
that the catalog imports, that every profile loads, and that the grades
spread.

    python -m bench.eval.fresh_h   # rewrites bench/eval/h
"""

from __future__ import annotations

import random
from pathlib import Path

from bench.eval import fresh, fresh_h_texts
from bench.eval.build import write_variant

FOLDER = fresh.HERE / "h"
SEED = 7373


def build(folder: Path = FOLDER) -> Path:
    """Write variant h's catalog, profiles and judgments into ``folder``."""
    rng = random.Random(SEED)
    records, taught = fresh.build_catalog(rng, None, fresh_h_texts, "h")
    profiles = (
        fresh.build_profile(rng, n, None, records, taught, fresh_h_texts)
        for n in range(fresh.PROFILES)
    )
    write_variant(
        folder,
        records,
        profiles,
        lambda path, profile, aware: fresh.judge(
            path, profile["_topics"], records, taught, aware
        ),
    )
    print(f"variant h: {len(records)} listings, {fresh.PROFILES} profiles")
    return folder


if __name__ == "__main__":
    build()
