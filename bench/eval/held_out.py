"""Build the held-out benchmark variants h, i and j from their own hand-written texts.

Variant g had been measured many times while issue 13 was built, so on
2026-12-01 other engineers wrote three new sets, each without running the
recommender on it, opening its vocabulary or looking at any ranking:

* h (:mod:`bench.eval.fresh_h_texts`), written while need and price were
  being scaled by relevance on variants a-f;
* i (:mod:`bench.eval.fresh_i_texts`), before the stem exceptions;
* j (:mod:`bench.eval.fresh_j_texts`), while the last reading rule was made,
  and measured once, with the final code.

Each is built exactly as f and g (:mod:`bench.eval.fresh`: several offerings
of each course by random providers, formats, dates and prices; 30 profiles;
the same grading rules and both judgments files), from every course and
wording of its texts module, with its own seed. The checks while writing
were that the catalog imports, that every profile loads and that the grades
spread; tests/recommender/test_held_out.py keeps them and the rule that no
set shares wording with the sets before it.

    python -m bench.eval.held_out [h i j]   # rewrites bench/eval/<variant>
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from types import ModuleType

from bench.eval import fresh, fresh_h_texts, fresh_i_texts, fresh_j_texts
from bench.eval.build import write_variant

#: variant -> (its texts module, its seed), in the order they were written.
HELD_OUT: dict[str, tuple[ModuleType, int]] = {
    "h": (fresh_h_texts, 7373),
    "i": (fresh_i_texts, 9494),
    "j": (fresh_j_texts, 3131),
}


def build(variant: str, folder: Path | None = None) -> Path:
    """Write one variant's catalog, profiles and judgments (default bench/eval/<v>)."""
    texts, seed = HELD_OUT[variant]
    folder = folder or fresh.HERE / variant
    rng = random.Random(seed)
    records, taught = fresh.build_catalog(rng, None, texts, variant)
    profiles = (
        fresh.build_profile(rng, n, None, records, taught, texts)
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
    print(f"variant {variant}: {len(records)} listings, {fresh.PROFILES} profiles")
    return folder


if __name__ == "__main__":
    for name in sys.argv[1:] or list(HELD_OUT):
        build(name)
