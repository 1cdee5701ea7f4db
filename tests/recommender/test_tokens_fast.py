"""The refit's fast tokenization gives exactly the tokens of the plain recipe.

:func:`words` (without ``keep``) splits by ``findall`` and a per-word memo,
:meth:`Vocabulary.find` tries only the phrase sizes a first word starts, and
:class:`ListingTokenizer` reuses the tokens of a repeated field text: each is
checked against the straightforward version it replaces.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.documents import ListingTokenizer, listing_tokens
from recommender.vocabulary import load_vocabulary
from recommender.wording import word_spans, words


@pytest.fixture(scope="module")
def vocabulary():
    """The committed vocabulary."""
    return load_vocabulary()


#: Pieces that exercise folding, lone-letter joins, stop words, abbreviations.
PIECES = [
    "e", "E-", "a", "i", "x ", "b-", "discovery", "eDiscovery", "Café", "naïve",
    "&", "'s", "’", "the", "will", "med", "mal", "docs", "trial", "prep", "42",
    "7", "personal injury", "Injuries", " ", "-", ", ", "\n", "ß", "ﬁling",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.text(max_size=20))
def test_words_match_the_spans_recipe(pieces, noise):
    text = "".join(pieces) + noise
    assert words(text) == [word for word, _, _ in word_spans(text)[1]]


def _find_longest_first(vocabulary, tokens):
    """The plain recipe: at each position try every size, longest first."""
    phrases = vocabulary._phrases
    swapped = {
        (b, a): token
        for (a, b), token in ((p, t) for p, t in phrases.items() if len(p) == 2)
        if (b, a) not in phrases
    }
    longest = max(map(len, phrases))
    found, index = [], 0
    while index < len(tokens):
        for size in range(min(longest, len(tokens) - index), 0, -1):
            sequence = tuple(tokens[index : index + size])
            token = phrases.get(sequence) or (size == 2 and swapped.get(sequence))
            if token:
                found.append((token, index, index + size))
                index += size
                break
        else:
            index += 1
    return found


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_find_matches_the_longest_first_recipe(vocabulary, data):
    lexicon = sorted(vocabulary.words) + ["zzz", "court", "law"]
    tokens = data.draw(st.lists(st.sampled_from(lexicon), max_size=15))
    assert vocabulary.find(tokens) == _find_longest_first(vocabulary, tokens)


def test_find_in_real_phrases(vocabulary):
    for phrase in list(vocabulary._phrases)[:300]:
        tokens = ["law", *phrase, *reversed(phrase), "trial"]
        assert vocabulary.find(tokens) == _find_longest_first(vocabulary, tokens)


def test_the_tokenizer_memo_gives_listing_tokens(vocabulary):
    texts = ["E-discovery for PI cases", "Trial prep & med mal", "", "Wills"]
    listings = [
        {
            "title": texts[i % 4],
            "description": texts[(i * 3) % 4] + " records",
            "practice_areas": [texts[i % 3]] if i % 2 else None,
            "presenters": ["Ann E. Doe"] if i % 3 else [],
        }
        for i in range(24)
    ]
    # A memo of two texts is cleared over and over on the way.
    for memo_texts in (2, 1000):
        tokenize = ListingTokenizer(vocabulary, memo_texts=memo_texts)
        for listing in listings:
            assert tokenize(listing) == listing_tokens(listing, vocabulary)
        assert len(tokenize._memo) <= memo_texts
