"""The user's additions to the lexicon: ``[lexicon]`` of claimwatch.toml (or
``CLAIMWATCH_LEXICON``), read once when claimwatch is imported.

The lexicon modules add them to their tables as they load, before any extractor compiles
a pattern from those tables, so titles, roles and currencies a user adds are read exactly
like the built-in ones. The extraction's version includes them (``digest``): changing
them makes ``claimwatch reextract`` refresh the documents read before.
"""

from __future__ import annotations

import hashlib

from ..config import LexiconExtensions, load_config
from ..errors import InputError


def _load() -> LexiconExtensions:
    try:
        return load_config().lexicon
    except InputError:
        # a broken file is reported where the settings are read, as the command line's
        # one-line error; here, at import, it adds nothing
        return LexiconExtensions()


EXTENSIONS: LexiconExtensions = _load()


def digest() -> str:
    """A short digest of what the extensions change in extraction ('' when nothing)."""
    source = EXTENSIONS.digest_source()
    return hashlib.sha1(source.encode()).hexdigest()[:8] if source else ""
