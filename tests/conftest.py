"""Settings shared by every test."""

from hypothesis import settings

# Property tests explore the same examples on every run, so CI cannot fail on a
# case a previous run never met; raise max_examples locally to search wider.
settings.register_profile("cle", derandomize=True, deadline=None)
settings.load_profile("cle")
