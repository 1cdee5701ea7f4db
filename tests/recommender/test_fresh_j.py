"""The held-out variant j: its files are what the builder writes, its wording is new.

j (bench/eval/fresh_j.py) must stay what was written before the ranking
changes it is to measure, share no wording with the variants before it
(a-i), and grade enough listings for every profile to be a fair test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.eval import (
    build_texts,
    fresh_h_texts,
    fresh_i_texts,
    fresh_j,
    fresh_j_texts,
    fresh_texts,
)
from bench.eval.acceptance_grade import JUDGMENT_FILES

EVAL = Path(__file__).resolve().parents[2] / "bench" / "eval"
#: A run of this many words in common would be a shared sentence, not a phrase.
RUN = 6
#: The texts modules written before j.
BEFORE = (fresh_texts, fresh_h_texts, fresh_i_texts)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_rebuilding_j_gives_the_committed_files_byte_identical(tmp_path):
    fresh_j.build(tmp_path / "j")
    built, committed = _files(tmp_path / "j"), _files(EVAL / "j")
    assert built.keys() == committed.keys()
    assert len([n for n in built if n.startswith("profiles")]) == 30
    for name, content in built.items():
        assert content == committed[name], name


def _plain(phrase: str) -> str:
    """A wording stripped of case, punctuation, spaces and plural s."""
    words = re.findall(r"[a-z0-9]+", phrase.lower())
    return "".join(word.removesuffix("s") for word in words)


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_j_titles_share_nothing_with_earlier_titles_or_provider_wording():
    titles_j, *titles_before = (
        {course[0].lower() for courses in texts.COURSES.values() for course in courses}
        for texts in (fresh_j_texts, *BEFORE)
    )
    provider_words = {
        phrase.lower()
        for wording in (build_texts.WORDING_B, build_texts.WORDING_C,
                        build_texts.WORDING_D, build_texts.WORDING_E)
        for phrases in wording.values()
        for phrase in phrases
    }  # fmt: skip
    assert not titles_j & set().union(provider_words, *titles_before)


def test_j_profile_wordings_are_all_new():
    asked_before = {
        phrase.lower()
        for asked in (fresh_texts.ASKED, fresh_h_texts.ASKED, fresh_i_texts.ASKED,
                      build_texts.ASKED,
                      build_texts.ASKED_B, build_texts.ASKED_C,
                      build_texts.ASKED_D, build_texts.ASKED_E)
        for phrases in asked.values()
        for phrase in phrases
    }  # fmt: skip
    asked_j = [_plain(p) for ps in fresh_j_texts.ASKED.values() for p in ps]
    assert len(asked_j) == len(set(asked_j))
    assert not set(asked_j) & {_plain(p) for p in asked_before}


def test_j_shares_no_sentence_with_the_earlier_texts():
    before = "".join(
        (EVAL / name).read_text(encoding="utf-8")
        for name in (
            "fresh_texts.py",
            "fresh_h_texts.py",
            "fresh_i_texts.py",
            "build_texts.py",
        )
    )
    written = [
        f"{title} | {description}"
        for courses in fresh_j_texts.COURSES.values()
        for title, description, _ in courses
    ] + list(fresh_j_texts.BOILERPLATE.values())
    assert not _runs(" | ".join(written)) & _runs(before)


def test_j_shares_no_sentence_with_the_listings_of_a_to_i():
    # a-e are built from templates in bench/eval/build.py, not only from
    # build_texts, so their committed listings are compared as well.
    listings = [
        json.loads(line)
        for variant in "abcdefghi"
        for line in (EVAL / variant / "catalog.jsonl").read_text("utf-8").splitlines()
    ]
    before = " | ".join(f"{r['title']} | {r['description']}" for r in listings)
    written = " | ".join(
        f"{title} | {description}"
        for courses in fresh_j_texts.COURSES.values()
        for title, description, _ in courses
    )
    assert not _runs(written) & _runs(before)


def test_every_topic_has_courses_and_every_course_one_or_two_known_topics():
    kinds = fresh_j_texts.KINDS
    assert fresh_j_texts.COURSES.keys() == kinds.keys()
    assert fresh_j_texts.ASKED.keys() == {t for t, k in kinds.items() if k != "other"}
    for topic, courses in fresh_j_texts.COURSES.items():
        assert courses, topic
        for _, _, topics in courses:
            assert topic in topics and 1 <= len(topics) <= 2
            assert set(topics) <= kinds.keys()


def test_every_j_profile_has_at_least_five_listings_graded_two_or_more():
    for name in JUDGMENT_FILES:
        judged = json.loads((EVAL / "j" / name).read_text(encoding="utf-8"))
        assert len(judged["profiles"]) == 30
        for profile, grades in judged["profiles"].items():
            good = [g for g in grades["grades"].values() if g >= 2]
            assert len(good) >= 5, (name, profile)
