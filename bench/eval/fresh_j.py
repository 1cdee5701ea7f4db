"""Build the held-out benchmark variant j from its own hand-written texts.

Written on 2026-12-01, before that session's ranking changes (price and
credit scored by relevance), to be measured once after them and never
during tuning. Built exactly as variants f, g, h and i (:mod:`bench.eval.fresh`:
several offerings of each course by random providers, formats, dates and
prices; 30 profiles; the same grading rules and both judgments files), from
all-new wording (:mod:`bench.eval.fresh_j_texts`, sharing no title, sentence
or profile wording with a-i) and its own seed. Nobody ran the recommender on
j, opened its vocabulary or looked at any ranking while writing it. The
checks were that the catalog imports, that every profile loads, and that the
grades spread.

    python -m bench.eval.fresh_j   # rewrites bench/eval/j
"""

from __future__ import annotations

import random
from pathlib import Path

from bench.eval import fresh, fresh_j_texts
from bench.eval.build import write_variant

FOLDER = fresh.HERE / "j"
SEED = 3131


def build(folder: Path = FOLDER) -> Path:
    """Write variant j's catalog, profiles and judgments into ``folder``."""
    rng = random.Random(SEED)
    records, taught = fresh.build_catalog(rng, None, fresh_j_texts, "j")
    profiles = (
        fresh.build_profile(rng, n, None, records, taught, fresh_j_texts)
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
    print(f"variant j: {len(records)} listings, {fresh.PROFILES} profiles")
    return folder


if __name__ == "__main__":
    build()
