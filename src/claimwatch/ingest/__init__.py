"""The ingest stage: files, directories, JSONL and URLs in; ``Article`` records out.

Every input becomes an ``Article`` or an ``IngestFailure`` with a reason; one bad input
never stops the others.
"""

from .decode import DecodeError, decode_bytes
from .fetch import fetch_article, is_url
from .files import IngestLimits, iter_articles

__all__ = ["DecodeError", "IngestLimits", "decode_bytes", "fetch_article", "is_url", "iter_articles"]
