"""The held-out variant i: its files are what the builder writes, its wording is new.

i (bench/eval/fresh_i.py) must stay what was written before the ranking
changes it is to measure, share no wording with the variants before it
(a-h), and grade enough listings for every profile to be a fair test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.eval import build_texts, fresh_h_texts, fresh_i, fresh_i_texts, fresh_texts
from bench.eval.acceptance_grade import JUDGMENT_FILES

EVAL = Path(__file__).resolve().parents[2] / "bench" / "eval"
#: A run of this many words in common would be a shared sentence, not a phrase.
RUN = 6
#: The texts modules written before i.
BEFORE = (fresh_texts, fresh_h_texts)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_rebuilding_i_gives_the_committed_files_byte_identical(tmp_path):
    fresh_i.build(tmp_path / "i")
    built, committed = _files(tmp_path / "i"), _files(EVAL / "i")
    assert built.keys() == committed.keys()
    assert len([n for n in built if n.startswith("profiles")]) == 30
    for name, content in built.items():
        assert content == committed[name], name


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_i_titles_share_nothing_with_earlier_titles_or_provider_wording():
    titles_i, *titles_before = (
        {course[0].lower() for courses in texts.COURSES.values() for course in courses}
        for texts in (fresh_i_texts, *BEFORE)
    )
    provider_words = {
        phrase.lower()
        for wording in (build_texts.WORDING_B, build_texts.WORDING_C,
                        build_texts.WORDING_D, build_texts.WORDING_E)
        for phrases in wording.values()
        for phrase in phrases
    }  # fmt: skip
    assert not titles_i & set().union(provider_words, *titles_before)


def test_i_profile_wordings_are_all_new():
    asked_before = {
        phrase.lower()
        for asked in (fresh_texts.ASKED, fresh_h_texts.ASKED, build_texts.ASKED,
                      build_texts.ASKED_B, build_texts.ASKED_C,
                      build_texts.ASKED_D, build_texts.ASKED_E)
        for phrases in asked.values()
        for phrase in phrases
    }  # fmt: skip
    asked_i = [p.lower() for ps in fresh_i_texts.ASKED.values() for p in ps]
    assert len(asked_i) == len(set(asked_i))
    assert not set(asked_i) & asked_before


def test_i_shares_no_sentence_with_the_earlier_texts():
    before = "".join(
        (EVAL / name).read_text(encoding="utf-8")
        for name in ("fresh_texts.py", "fresh_h_texts.py", "build_texts.py")
    )
    written = [
        f"{title} | {description}"
        for courses in fresh_i_texts.COURSES.values()
        for title, description, _ in courses
    ] + list(fresh_i_texts.BOILERPLATE.values())
    assert not _runs(" | ".join(written)) & _runs(before)


def test_every_topic_has_courses_and_every_course_one_or_two_known_topics():
    kinds = fresh_i_texts.KINDS
    assert fresh_i_texts.COURSES.keys() == kinds.keys()
    assert fresh_i_texts.ASKED.keys() == {t for t, k in kinds.items() if k != "other"}
    for topic, courses in fresh_i_texts.COURSES.items():
        assert courses, topic
        for _, _, topics in courses:
            assert topic in topics and 1 <= len(topics) <= 2
            assert set(topics) <= kinds.keys()


def test_every_i_profile_has_at_least_five_listings_graded_two_or_more():
    for name in JUDGMENT_FILES:
        judged = json.loads((EVAL / "i" / name).read_text(encoding="utf-8"))
        assert len(judged["profiles"]) == 30
        for profile, grades in judged["profiles"].items():
            good = [g for g in grades["grades"].values() if g >= 2]
            assert len(good) >= 5, (name, profile)
