"""Credit tracking: credential rules, the profile, cycle placement and remaining need.

Public entry points: :func:`recommender.tracking.profile.load_profile`,
:func:`recommender.tracking.rules.load_rules`,
:func:`recommender.tracking.status.compute_status` and
:func:`recommender.tracking.rules.category_fills`.
"""
