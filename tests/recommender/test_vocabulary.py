"""The domain vocabulary: spelling variants, synonyms, abbreviations, review rules."""

from __future__ import annotations

import pytest
import yaml

from catalog.paths import reference_path
from recommender.documents import query_item
from recommender.vocabulary import load_vocabulary, surface_forms
from recommender.wording import STOP_WORDS, plain_words, words


@pytest.fixture(scope="module")
def vocabulary():
    """The committed vocabulary."""
    return load_vocabulary()


@pytest.mark.parametrize(
    "text", ["e-discovery", "eDiscovery", "E-Discovery", "e discovery", "EDISCOVERY"]
)
def test_spelling_variants_fold_to_one_word(text):
    assert words(text) == words("ediscovery")
    assert len(words(text)) == 1


def test_word_forms_accents_and_stop_words():
    assert words("Medical Records") == words("medical record")
    assert words("Injuries & Torts") == words("injury and tort")
    assert words("filing electronically") == words("file electronic")
    assert words("Café law") == ["cafe", "law"]
    assert words("What you will learn in this webinar") == []
    assert words("med-mal") == words("medical mal")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("e-discovery", "electronically stored information"),
        ("eDiscovery", "ESI"),
        ("PI", "personal injury"),
        ("wills", "estate planning"),
        ("UPL", "unauthorized practice of law"),
        ("med mal", "medical malpractice"),
        ("divorce", "family law"),
    ],
)
def test_synonyms_and_abbreviations_name_the_same_concept(vocabulary, one, other):
    found = vocabulary.concepts_in(one)
    assert found and found == vocabulary.concepts_in(other)


def test_the_verb_will_is_not_the_noun_wills(vocabulary):
    assert vocabulary.concepts_in("You will learn what is new this year") == []
    assert "area:estate_planning" in vocabulary.concepts_in("Drafting wills")


def test_partial_phrases_expand_to_the_concept_that_contains_them(vocabulary):
    assert query_item("skill_gap", "chronologies", vocabulary).concepts == (
        "skill:medical_records",
    )
    # "law" is in many concepts: it expands to none of them.
    assert query_item("practice_area", "law", vocabulary).concepts == ()


def test_two_word_phrases_match_in_either_order(vocabulary):
    assert vocabulary.concepts_in("Preparing for Trial") == ["skill:trial_preparation"]
    assert vocabulary.concepts_in("Drafting contracts") == ["skill:contract_drafting"]


def test_profile_phrases_keep_their_nouns_and_discount_activities(vocabulary):
    assert query_item("practice_area", "will drafting", vocabulary).concepts[0] == (
        "area:estate_planning"
    )
    # "assisting" is shared with "technology assisted review"; the subject
    # of the phrase is the trial.
    assert query_item("skill_gap", "assisting at trial", vocabulary).concepts == (
        "skill:trial_preparation",
    )
    # A word in many concepts ("law") counts little beside a specific one.
    assert query_item("practice_area", "injury law", vocabulary).concepts == (
        "area:personal_injury",
    )


def test_surface_forms_keep_the_listing_wording(vocabulary):
    text = "Collecting electronically stored information (ESI) under a legal hold"
    forms = surface_forms(text, vocabulary)
    assert forms["skill:ediscovery"] == [
        "electronically stored information",
        "esi",
        "legal hold",
    ]


#: Words a vocabulary phrase may lose to the stop list without changing meaning.
FUNCTION_WORDS = {"a", "an", "and", "of", "the", "for", "to", "in", "on", "or", "with"}


def test_review_rules_hold():
    """Every entry has a label; no wording belongs to two concepts or loses words.

    A synonym whose content word is a stop word ("online evidence") would
    match its other word alone ("evidence") everywhere.
    """
    data = yaml.safe_load(reference_path("vocabulary.yml").read_text("utf-8"))
    owner: dict[tuple[str, ...], str] = {}
    for section in ("practice_areas", "skills"):
        for concept_id, entry in data[section].items():
            assert entry.get("label"), concept_id
            names = [entry["label"], *(entry.get("synonyms") or [])]
            for name in names:
                phrase = tuple(words(str(name)))
                assert phrase, f"{concept_id}: {name!r} is only stop words"
                lost = [
                    w
                    for w in plain_words(str(name))
                    if w in STOP_WORDS
                    and w not in FUNCTION_WORDS
                    and not w.startswith("paralegal")
                ]
                assert not lost, f"{concept_id}: {name!r} loses {lost} to stop words"
                assert owner.setdefault(phrase, concept_id) == concept_id, (
                    f"{name!r} is in both {owner[phrase]} and {concept_id}"
                )


@pytest.fixture
def small():
    """A three-concept vocabulary, so corrections are checked in isolation."""
    from recommender.vocabulary import Vocabulary

    return Vocabulary.from_mapping(
        {
            "practice_areas": {
                "bankruptcy": {"label": "bankruptcy", "synonyms": ["insolvency"]},
                "immigration": {"label": "immigration", "synonyms": ["deportation"]},
            },
            "skills": {
                "discovery": {"label": "discovery", "synonyms": ["depositions"]},
                "medical_records": {"label": "medical records"},
                "docketing": {"label": "docketing", "synonyms": ["calendar"]},
            },
        }
    )


def test_edit_distance_counts_a_swap_of_neighbours_as_one():
    from recommender.vocabulary import edit_distance

    assert edit_distance("reserach", "research") == 1
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("same", "same") == 0


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("bankrupcy", "bankruptcy"),
        ("calender", "calendar"),
        ("insolvancy", "insolvency"),
    ],
)
def test_misspelt_words_are_read_as_the_vocabulary_word(small, typed, meant):
    assert small.concepts_in(meant)
    assert small.find(small.correct(words(typed))) == small.find(words(meant))


def test_a_clipped_word_takes_the_reading_that_makes_a_phrase(small):
    # "rec" begins "record" only; "medical record" is a phrase.
    assert small.correct(words("med recs")) == words("medical records")
    # "depo" begins "deposit(ion)" and "deport(ation)": neither makes a
    # phrase, so the catalog's more common word decides, or nothing does.
    assert small.correct(words("depo")) == words("depo")
    counts = {words("depositions")[0]: 40, words("deportation")[0]: 3}
    corrected = small.correct(words("depo"), frequency=lambda w: counts.get(w, 0))
    assert corrected == words("depositions")


def test_words_the_catalog_or_vocabulary_knows_are_left_alone(small):
    typed = words("bankrupcy calender")
    assert small.correct(typed, known={typed[0]}) == [typed[0], words("calendar")[0]]
    # Short words and numbers are never guessed at.
    assert small.correct(["ba", "13"]) == ["ba", "13"]


def test_phrase_words_out_of_order_still_name_the_concept(vocabulary):
    assert query_item(
        "skill_gap", "filing documents electronically", vocabulary
    ).concepts == ("skill:efiling",)


def test_a_guess_between_concepts_is_less_certain_than_a_named_one(vocabulary):
    named = query_item("skill_gap", "e-discovery", vocabulary)
    assert named.certainty == 1.0
    guessed = query_item("skill_gap", "agreements", vocabulary)
    assert len(guessed.concepts) == 2
    assert guessed.certainty == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("text", "concept", "named"),
    [
        # Snowball joins "willful" to "will" and parts "employee" from
        # "employment"; the exceptions keep each with its own meaning.
        ("damages for willful violations", "area:estate_planning", False),
        # A PLI "One-Hour Briefing" is not a brief.
        (
            "PLI One-Hour Briefing: Settling the Comp Claim",
            "skill:legal_writing",
            False,
        ),
        ("Persuasive Briefs for Paralegals", "skill:legal_writing", True),
    ],
)
def test_stems_that_would_join_unrelated_words_are_kept_apart(
    vocabulary, text, concept, named
):
    assert (concept in vocabulary.concepts_in(text)) is named


def test_employee_phrases_name_employment_law(vocabulary):
    # The catalog uses "employee", so it is not a slip to correct: only its
    # stem can join it to "employment".
    known = set(words("employee handbooks"))
    item = query_item("practice_area", "employee rights", vocabulary, known)
    assert item.concepts == ("area:employment_law",)


def test_a_slip_after_a_vocabulary_stem_is_read_as_it(vocabulary):
    # "immigraton" stems as typed; it begins "immigr", the stem of "immigration".
    item = query_item("practice_area", "immigraton", vocabulary, known=())
    assert item.concepts == ("area:immigration",)
    # Words the catalog uses are never guessed at.
    known = set(words("immigraton"))
    assert query_item("practice_area", "immigraton", vocabulary, known).concepts != (
        "area:immigration",
    )


@pytest.mark.parametrize(
    ("typed", "concept"),
    [
        # One slip in the stem's letters changes the stem itself.
        ("corprate", "area:corporate_law"),
        ("emplyment law", "area:employment_law"),
        ("trust acct", "skill:billing"),
    ],
)
def test_a_slip_inside_the_stem_is_read_as_the_vocabulary_word(
    vocabulary, typed, concept
):
    assert query_item("practice_area", typed, vocabulary).concepts == (concept,)


@pytest.mark.parametrize("typed", ["getting ready for trial", "managing court dates"])
def test_short_words_near_a_stem_are_not_guessed_at(vocabulary, typed):
    # "ready" is one edit from "rea(l)", "dates" from "data": not slips.
    concepts = query_item("skill_gap", typed, vocabulary).concepts
    assert "area:real_estate" not in concepts and "area:privacy" not in concepts
