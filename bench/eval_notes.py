"""What BENCHMARKS.md says beside the quality tables: how each set was used.

Kept apart from :mod:`bench.evaluate` (which computes the figures) so the
account can grow with the sets without the harness growing with it.
"""

from __future__ import annotations

#: How each variant was used, so the figures are read for what they are.
HISTORY = (
    "How the variants were used: `a` tuned the weights and vocabulary. `b` "
    "scored 0.862 when first measured, before two of its mislabelled listings "
    "were fixed and the vocabulary grew (some additions overlap its wording). "
    "`c` first scored 0.666 and `d` 0.605; each then revealed a generic fix "
    "(Snowball stemming, specificity-weighted partial matching, two-word "
    'phrases in either order, "-ing" activity words, "will" kept as a noun '
    "in profiles), none specific to their wording. `e` was written after "
    "those changes and measured once at 0.741 (bm25 0.281). `f` and `g` "
    "(bench/eval/fresh.py, hand-written texts) were written on 2026-11-27 "
    "before any further change and first measured at f 0.737 (bm25 0.330, "
    "8 ineligible picks) and g 0.756 (bm25 0.278, 11 ineligible picks). "
    "The ineligible picks were re-listings of a completed course under "
    "another id and sessions after the cycle end of a credential whose "
    "hours are unknown (nals-pp); both are now excluded. Then, developing on "
    "`f` and checking `a`-`e` for regressions (so `e` is no longer held "
    "out): spelling slips and clipped words read as the vocabulary word "
    '("reserach", "bankrupcy", "calender", "fam law", "depo" by catalog '
    'frequency), phrase words matched out of order ("filing documents '
    'electronically"), a guess between two concepts counting half, a '
    "listing on only one of a phrase's two concepts counting three quarters, "
    '"litigation support" moved from litigation to e-discovery, "witness '
    'interviews" added to investigation, and the text-match scales re-tuned '
    "on the mean of `a`-`f` (focus 0.8 -> 0.5, mention 0.3 -> 0.2, full "
    "similarity 0.40 -> 0.50: at 0.8 every title naming a concept tied and "
    "text similarity no longer told them apart). `g` was then measured once, "
    "after the last change: **0.842** (bm25 0.278, 3.03x, no ineligible "
    "pick), the held-out figure, still below the 0.85 goal. Its misses: "
    "profile phrases that name no concept and share few words with the "
    'listings ("finding people", "reading doctors notes"), two-letter '
    'abbreviations ("L&E" read as real estate or estates), and titles that '
    'name no concept ("Keeping Clients Informed"). The stricter '
    "completed-title rule costs `c` and `d` about 0.01 each: their "
    "judgments count another provider's course of the same name as new."
)
#: What the acceptance-aware judgments change (bench/eval/acceptance_grade.py).
ACCEPTANCE_GRADING = (
    "the same generators and grades, except that the +1 for ethics hours a "
    "credential still needs is given only when those hours count for that "
    "credential, as decided by an independent reading of "
    "research/acceptance.md (`bench/eval/acceptance_oracle.py`, written "
    "apart from `recommender/acceptance.py`; sponsor facts of the benchmark "
    "providers in `bench/eval/acceptance_grade.py`). DESIGN.md section 4 "
    "(second round) fills a need only with hours whose verdict is `counts`. "
    "So a commercial vendor's (or NALS's, or the Orange County "
    "association's) ethics hour no longer earns the +1 for NFPA RP, and no "
    "ethics hour earns it for California 6450, since no benchmark listing "
    "states California MCLE approval (verdict unknown). A course left with "
    "no grade also loses its +0.5 free bonus. Nothing else differs "
    "(tests/recommender/test_evaluate.py checks it)."
)
#: Issue 13's changes, measured before and after on every set, and the
#: held-out figure.
ISSUE_13 = (
    "Issue 13 (whether a course counts; free first), 2026-12-01. Changes, in "
    "order: (1) a need is filled only with the units a `counts` verdict "
    "gives; the need score values half the units of a course that counts "
    "only once approved or is not known to count (`verdict_shares`); (2) "
    "free first: a paid course's price score is at most 0.6 (free 1); (3) "
    "need and price count in proportion to relevance, fully from 0.55 and "
    "0.3 of them for a course on no asked subject (`fit_full`, `fit_floor`, "
    "chosen on the mean of `a`-`f`): added in full, they had lifted free or "
    "credit-rich off-topic courses above on-topic paid ones (g's p19, p06, "
    "p05, p07); (4) generic reading fixes found on `h` and then `i`: stem "
    'exceptions ("willful" is not a "will", "employee" is '
    '"employment", a PLI "One-Hour Briefing" is not a brief), a slip '
    'inside a stem read from the typed word ("corprate", "emplyment", '
    '"immigraton"), "acct", and three synonyms (redlining, time sheets, '
    "privilege logs).\n\n"
    "Before issue 13 (commit 0e258a3) -> now, original judgments: a 0.902 -> "
    "0.908, b 0.910 -> 0.910, c 0.832 -> 0.835, d 0.854 -> 0.870, e 0.805 -> "
    "0.826, f 0.865 -> 0.890, g 0.842 -> 0.855, h 0.640 -> 0.727, i 0.591 -> "
    "0.645, j 0.637 -> 0.676 (acceptance-aware: a 0.920 -> 0.937, b 0.931 -> "
    "0.938, c 0.844 -> 0.861, d 0.861 -> 0.881, e 0.823 -> 0.846, f 0.865 -> "
    "0.904, g 0.835 -> 0.850; h, i, j at commit fc8032d, the start of this "
    "work's last step: 0.645 -> 0.751, 0.573 -> 0.641, 0.630 -> 0.671). No "
    "set regressed. After changes (1) and (2) alone, g had fallen to 0.829; "
    "change (3) brought it to 0.852.\n\n"
    "Held out: `g` was measured many times while issue 13 was built, so "
    "three new sets were written by other engineers, without seeing the "
    "recommender or its vocabulary (`h`, `i`, `j`: bench/eval/held_out.py, "
    "each with all-new hand-written course texts "
    "and profile wordings, checked to share no title or six-word run with "
    "the earlier sets; eight profile wordings of h and i respell earlier "
    'ones, such as "skiptracing" or "efile"). '
    "`h` was written while change (3) was "
    "chosen on `a`-`f`, and "
    "first measured after it at 0.669; its misses led to change (4) (h "
    "0.727). `i` was written before the stem exceptions and first "
    "measured after them at 0.598 "
    "(then 0.645 after the slip rule it led to). `j` was written while "
    "that last rule was made, and measured once, with the final code: "
    "**0.676** "
    "(acceptance-aware 0.671; bm25 0.258, random 0.066), against 0.637 "
    "before issue 13. **The 0.85 goal holds on the sets the ranking was "
    "tuned or checked on (`a`, `b`, `d`, `f`, `g`; `c` under the "
    "acceptance-aware grading only; `e` is at 0.826 and 0.846) and not on "
    "new wording: each fresh set "
    "first measured 0.60-0.68.** What the fresh sets miss, by kind: "
    "paralegal wordings that name no vocabulary concept and share few "
    'words with the listings ("finding ppl", "k review", "50-state '
    'surveys", "caselaw searching"), two-letter abbreviations read as '
    'another subject ("RE transactions" as corporate, "TM prosecution" '
    'as criminal), run-together words ("realestate"), and titles that '
    'name no subject ("Counting Days Without Losing Sleep", "Reps, '
    'Warranties and Indemnities Explained" for contracts). These are '
    "vocabulary coverage, not the weights: the vocabulary is hand-written "
    "(about 430 synonyms) and each new set finds wording it lacks."
)
