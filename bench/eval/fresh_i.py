"""Build the held-out benchmark variant i from its own hand-written texts.

Written on 2026-12-01, before that session's ranking changes (price and
credit scored by relevance), to be measured once after them and never
during tuning. Built exactly as variants f, g and h (:mod:`bench.eval.fresh`:
several offerings of each course by random providers, formats, dates and
prices; 30 profiles; the same grading rules and both judgments files), from
all-new wording (:mod:`bench.eval.fresh_i_texts`, sharing no title, sentence
or profile wording with a-h) and its own seed. Nobody ran the recommender on
i while writing it. The checks were that the catalog imports, that every
profile loads, and that the grades spread.

    python -m bench.eval.fresh_i   # rewrites bench/eval/i
"""

from __future__ import annotations

import random
from pathlib import Path

from bench.eval import fresh, fresh_i_texts
from bench.eval.build import write_variant

FOLDER = fresh.HERE / "i"
SEED = 9494


def build(folder: Path = FOLDER) -> Path:
    """Write variant i's catalog, profiles and judgments into ``folder``."""
    rng = random.Random(SEED)
    records, taught = fresh.build_catalog(rng, None, fresh_i_texts, "i")
    profiles = (
        fresh.build_profile(rng, n, None, records, taught, fresh_i_texts)
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
    print(f"variant i: {len(records)} listings, {fresh.PROFILES} profiles")
    return folder


if __name__ == "__main__":
    build()
