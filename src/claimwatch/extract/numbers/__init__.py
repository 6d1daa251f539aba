"""Quantities: numerals (``numerals``) read as measures with units (``quantities``).

The word lists both read are data in ``claimwatch.lexicon.numbers``.
"""

from .quantities import as_claim, claim_worthiness, find_quantities, with_worthiness

__all__ = ["as_claim", "claim_worthiness", "find_quantities", "with_worthiness"]
