"""Test-wide settings: property tests draw the same examples on every run, so a CI run
cannot fail on an example no developer has seen."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("claimwatch", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("claimwatch")
