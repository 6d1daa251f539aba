"""claimwatch: quantitative claims in the news, with evidence.

The Python API (``claimwatch.api``) is importable from here::

    import claimwatch
    store = claimwatch.open_store("news.db")
    store.claims(speaker="Jane Roe").to_pandas()
    claimwatch.extract("Output rose 4% in May, the agency said.", published="2024-06-03")

``claimwatch.extract`` is the function; the extraction stage's package stays importable
by its full name (``from claimwatch.extract import pipeline``): importing the API loads
that package first, and the function's name is bound after it.
"""

from __future__ import annotations

from .api import ClaimStore, Extracted, Results, extract, open_store

__version__ = "0.1.0"

__all__ = ["ClaimStore", "Extracted", "Results", "extract", "open_store"]
