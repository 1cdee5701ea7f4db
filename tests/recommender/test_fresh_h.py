"""The held-out variant h: its files are what the builder writes, its wording is new.

h (bench/eval/fresh_h.py) must stay what was written before the ranking
changes it is to measure, share no wording with the variants used for tuning
(a-g), and grade enough listings for every profile to be a fair test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.eval import build_texts, fresh_h, fresh_h_texts, fresh_texts
from bench.eval.acceptance_grade import JUDGMENT_FILES

EVAL = Path(__file__).resolve().parents[2] / "bench" / "eval"
#: A run of this many words in common would be a shared sentence, not a phrase.
RUN = 6


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_rebuilding_h_gives_the_committed_files_byte_identical(tmp_path):
    fresh_h.build(tmp_path / "h")
    built, committed = _files(tmp_path / "h"), _files(EVAL / "h")
    assert built.keys() == committed.keys()
    assert len([n for n in built if n.startswith("profiles")]) == 30
    for name, content in built.items():
        assert content == committed[name], name


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_h_shares_no_title_wording_or_sentence_with_the_tuning_variants():
    titles_h, titles_f = (
        {course[0].lower() for courses in texts.COURSES.values() for course in courses}
        for texts in (fresh_h_texts, fresh_texts)
    )
    provider_words = {
        phrase.lower()
        for wording in (build_texts.WORDING_B, build_texts.WORDING_C,
                        build_texts.WORDING_D, build_texts.WORDING_E)
        for phrases in wording.values()
        for phrase in phrases
    }  # fmt: skip
    assert not titles_h & (titles_f | provider_words)
    asked_before = {
        phrase.lower()
        for asked in (fresh_texts.ASKED, build_texts.ASKED, build_texts.ASKED_B,
                      build_texts.ASKED_C, build_texts.ASKED_D, build_texts.ASKED_E)
        for phrases in asked.values()
        for phrase in phrases
    }  # fmt: skip
    asked_h = {p.lower() for ps in fresh_h_texts.ASKED.values() for p in ps}
    assert not asked_h & asked_before
    before = (EVAL / "fresh_texts.py").read_text(encoding="utf-8") + (
        EVAL / "build_texts.py"
    ).read_text(encoding="utf-8")
    written = [
        f"{title} | {description}"
        for courses in fresh_h_texts.COURSES.values()
        for title, description, _ in courses
    ] + list(fresh_h_texts.BOILERPLATE.values())
    assert not _runs(" | ".join(written)) & _runs(before)


def test_every_topic_has_courses_and_every_course_one_or_two_known_topics():
    kinds = fresh_h_texts.KINDS
    assert fresh_h_texts.COURSES.keys() == kinds.keys()
    assert fresh_h_texts.ASKED.keys() == {t for t, k in kinds.items() if k != "other"}
    for topic, courses in fresh_h_texts.COURSES.items():
        assert courses, topic
        for _, _, topics in courses:
            assert topic in topics and 1 <= len(topics) <= 2
            assert set(topics) <= kinds.keys()


def test_every_h_profile_has_at_least_five_listings_graded_two_or_more():
    for name in JUDGMENT_FILES:
        judged = json.loads((EVAL / "h" / name).read_text(encoding="utf-8"))
        assert len(judged["profiles"]) == 30
        for profile, grades in judged["profiles"].items():
            good = [g for g in grades["grades"].values() if g >= 2]
            assert len(good) >= 5, (name, profile)
