"""Number words and fractions in published wording, rewritten as decimals.

Providers write hours as "One (1) hour", "one and one-half hours", "1 1/2" or
"1½". :func:`numbers_to_digits` turns all of these into plain decimals so the
credit and price parsers only ever look for digits.
"""

from __future__ import annotations

import re

#: The normalizers read this many characters of a wording; the rest is ignored.
MAX_CHARS = 2000

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_PARTS = {
    "half": 0.5,
    "one-half": 0.5,
    "one half": 0.5,
    "a half": 0.5,
    "quarter": 0.25,
    "one-quarter": 0.25,
    "one quarter": 0.25,
    "a quarter": 0.25,
    "three-quarters": 0.75,
    "three quarters": 0.75,
    "three-fourths": 0.75,
}
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}

_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_PART = "|".join(sorted((re.escape(p) for p in _PARTS), key=len, reverse=True))
#: "twenty-five", "twenty five", "one", ...
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUMBER_WORD = rf"\b(?:(?:{_TENS})[- ](?:{_ONES})\b|(?:{_WORD})\b)"

_WORD_AND_PART = re.compile(rf"\b({_NUMBER_WORD})\s+and\s+({_PART})\b", re.I)
_DIGIT_AND_PART = re.compile(rf"\b(\d+)\s+and\s+({_PART})\b", re.I)
_HALF_AN_HOUR = re.compile(r"\b(?:a\s+half|one[- ]half|half)\s+(?:an?\s+)?hour", re.I)
_AN_HOUR = re.compile(r"\b(?:an|one)\s+hour\b", re.I)
_NUMBER_WORD_RE = re.compile(_NUMBER_WORD, re.I)
_PART_RE = re.compile(rf"\b({_PART})\b(?=\s+(?:hours?|credits?|of|an?\b))", re.I)
_MIXED_FRACTION = re.compile(r"\b(\d+)[\s-]+(\d)/(\d)(?![\d/])")
_FRACTION = re.compile(r"(?<![\d/])(\d)/(\d)(?![\d/])")
_DIGIT_VULGAR = re.compile(r"(?<!\d)(\d+)\s*([½¼¾⅓⅔])")
_REPEATED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*\(\s*(\d+(?:\.\d+)?)\s*\)")


def word_value(word: str) -> float | None:
    """Return the value of one number word ("two", "twenty-five"), or None."""
    key = word.lower().replace("-", " ").split()
    if not key or any(part not in _UNITS for part in key):
        return None
    return float(sum(_UNITS[part] for part in key))


def _fmt(value: float) -> str:
    return f"{round(value, 4):g}"


def numbers_to_digits(text: str) -> str:
    """Rewrite number words and fractions as decimals; other text is unchanged.

    :param text: published wording, e.g. "One and one-half (1.5) hours"
    :return: the same wording with digits, e.g. "1.5 hours"
    """

    def word_and_part(match: re.Match) -> str:
        whole = word_value(match[1]) or 0.0
        return _fmt(whole + _PARTS[match[2].lower()])

    def digit_and_part(match: re.Match) -> str:
        return _fmt(int(match[1]) + _PARTS[match[2].lower()])

    def mixed(match: re.Match) -> str:
        denominator = int(match[3])
        if denominator == 0 or int(match[2]) >= denominator:
            return match[0]
        return _fmt(int(match[1]) + int(match[2]) / denominator)

    def fraction(match: re.Match) -> str:
        denominator = int(match[2])
        if denominator in (0, 1) or int(match[1]) >= denominator:
            return match[0]
        return _fmt(int(match[1]) / denominator)

    def repeated(match: re.Match) -> str:
        # "One (1) hour", "Two (2.0) hours": the figure in brackets repeats the word.
        if float(match[1]) == float(match[2]):
            return match[2] if "." in match[2] else match[1]
        return match[0]

    text = _DIGIT_VULGAR.sub(lambda m: _fmt(int(m[1]) + _VULGAR[m[2]]), text)
    for symbol, value in _VULGAR.items():
        text = text.replace(symbol, _fmt(value))
    text = _WORD_AND_PART.sub(word_and_part, text)
    text = _DIGIT_AND_PART.sub(digit_and_part, text)
    text = _HALF_AN_HOUR.sub("0.5 hour", text)
    text = _AN_HOUR.sub("1 hour", text)
    text = _PART_RE.sub(lambda m: _fmt(_PARTS[m[1].lower()]), text)
    text = _NUMBER_WORD_RE.sub(lambda m: _fmt(word_value(m[0]) or 0.0), text)
    text = _MIXED_FRACTION.sub(mixed, text)
    text = _FRACTION.sub(fraction, text)
    return _REPEATED.sub(repeated, text)
