"""Price wording → price_usd, member_price_usd, is_free (table tests).

Rows marked "providers.md 8" are the wordings listed in research/providers.md
section 8; the rest are recreations in the same styles.
"""

from __future__ import annotations

import pytest

from catalog.normalize import parse_price

# text, price_usd, member_price_usd (None = absent)
CASES = [
    # providers.md 8 (NFPA 2012, NALA Campus member / non-member fee, TEC cost)
    (
        "This is a free event for NFPA members; there is a small charge for "
        "non-members.",
        None,
        0,
    ),
    ("Member fee: $45 / Non-member fee: $65", 65, 45),
    ("Free", 0, None),
    ("$25 – $45", 45, None),
    # free wordings
    ("No cost", 0, None),
    ("Complimentary", 0, None),
    ("FREE webinar", 0, None),
    ("Free of charge", 0, None),
    ("$0.00", 0, None),
    ("free for members", None, 0),
    ("Free to members, $20 for everyone else", 20, 0),
    ("Free for NALA members; $50 non-members", 50, 0),
    ("Members free | Public $35", 35, 0),
    # member and non-member in either order and with any separator
    ("Member $35 / Non-member $50", 50, 35),
    ("Non-member: $50; Member: $35", 50, 35),
    ("$50 ($35 for members)", 50, 35),
    ("$35 members, $50 nonmembers", 50, 35),
    ("Members $35 and non members $50", 50, 35),
    ("Member price $29 · Non-member price $49", 49, 29),
    ("NALS Member: $0 • Non-Member: $25", 25, 0),
    ("Guests $40, members $30", 40, 30),
    # both labels in one clause, no separator between them
    ("Member Rate $50 Non-Member Rate $75", 75, 50),
    ("$50 members $75 non-members", 75, 50),
    ("Free for members non-members $10", 10, 0),
    # the label after the price, in brackets
    ("Price: $0 (members) | $15 (non-members)", 15, 0),
    ("$45 (non-members) / $30 (NALS members)", 45, 30),
    ("$25 | Members save 10%", 25, None),
    # thousands separators, currency words and symbols
    ("$1,250.00", 1250, None),
    ("USD 1,000", 1000, None),
    ("Twenty-five dollars", 25, None),
    ("99 USD", 99, None),
    ("US$ 15", 15, None),
    ("Registration: 45", 45, None),
    ("Tuition $2,495 (members $1,995)", 2495, 1995),
    ("Price: $19.99", 19.99, None),
    # ranges and several prices (documented: the highest is the public price)
    ("$25 to $45", 45, None),
    ("$199 live webinar / $149 on-demand", 199, None),
    # unknown
    ("Pricing varies", None, None),
    ("See website", None, None),
    ("", None, None),
    ("small charge for non-members", None, None),
]


@pytest.mark.parametrize("text,price,member", CASES)
def test_parses_price_wording(text, price, member):
    result = parse_price(text)
    assert (result.get("price_usd"), result.get("member_price_usd")) == (price, member)


@pytest.mark.parametrize("text,price,member", CASES)
def test_is_free_follows_the_public_price(text, price, member):
    result = parse_price(text)
    expected = None if price is None else price == 0
    assert result.get("is_free") == expected


def test_ignores_figures_without_currency():
    assert parse_price("1.5 hours, 12 seats left") == {}


# Classes of failure seen on real pages (issue 12); wordings of our own.
NOT_A_PRICE = [
    # another currency
    ("€50", None, None),
    ("£40 + VAT", None, None),
    ("C$75", None, None),
    ("CAD 75", None, None),
    ("75 AUD", None, None),
    ("Fee: $120 USD (C$160 in Canada)", 120, None),
    # a range with one sign gives its high end
    ("$35-55", 55, None),
    ("Tickets $35 – 55 per person", 55, None),
    ("Members $20-30; non-members $40-60", 60, 30),
    ("$35 - 2 hours", 35, None),
    # fees that are not prices
    ("Cancellation fee: $25", None, None),
    ("A $25 processing fee applies to refunds. Registration: $99", 99, None),
    ("$99; late fee $20", 99, None),
    ("Registration $150 (non-refundable)", 150, None),
    ("Cost: $45 (refunds available until Dec 1)", 45, None),
    ("The seminar costs $45. Refunds less a $10 fee until Dec. 1.", 45, None),
    (
        "$99; a full refund, less a $20 service charge ($30 for Canadian orders)",
        99,
        None,
    ),
    ("Refunds less a $15 administrative charge", None, None),
    ("Annual dues $75", None, None),
    # bounds are not prices
    ("up to $50", None, None),
    ("under $100", None, None),
    ("$20 or less", None, None),
    ("From $25", None, None),
    ("From $25 to $45", 45, None),
    # rates, add-ons and other audiences
    ("$40 per credit hour", None, None),
    ("Each additional attendee $25; registration $95", 95, None),
    ("Students: free | Non-members: $45", 45, None),
    ("Members | $25 | $35", None, 25),
    ("Non-members | $40 | $50", 50, None),
    ("Students | $10 | $15", None, None),
    ("A $1,000 scholarship for paralegal students", None, None),
    ("Exhibit hall | $25/day | $30/day", None, None),
    ("We offer low-cost programs ($10 or less) and free ones", None, None),
    ("Exam fee $250", None, None),
    ("Transfers are free of charge", None, None),
    ("CLE processing is complimentary; webinar $79", 79, None),
    ("Free with an All-Access pass", None, None),
    ("Awards Luncheon $45", 45, None),
]


@pytest.mark.parametrize("text,price,member", NOT_A_PRICE)
def test_money_that_is_not_a_course_price_stays_unknown(text, price, member):
    result = parse_price(text)
    assert (result.get("price_usd"), result.get("member_price_usd")) == (price, member)
