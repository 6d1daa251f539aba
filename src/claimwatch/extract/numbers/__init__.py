"""Quantities: numerals (``numerals``) read as measures with units (``quantities``).

The word lists both read are data in ``claimwatch.lexicon.numbers``.
"""

from .quantities import claim_worthiness, find_quantities, with_worthiness

__all__ = ["claim_worthiness", "find_quantities", "with_worthiness"]
