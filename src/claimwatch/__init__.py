"""claimwatch: quantitative claims in the news, with evidence."""

__version__ = "0.1.0"
