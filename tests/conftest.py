"""Settings shared by every test."""

import pytest
from hypothesis import settings

# Property tests explore the same examples on every run, so CI cannot fail on a
# case a previous run never met; raise max_examples locally to search wider.
settings.register_profile("cle", derandomize=True, deadline=None)
settings.load_profile("cle")


@pytest.fixture(autouse=True)
def _state_in_a_temporary_folder(monkeypatch, tmp_path_factory):
    """No test reads or writes the checkout's state/ (or a $CLE_DB of the shell)."""
    monkeypatch.setenv("CLE_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("CLE_DB", raising=False)
