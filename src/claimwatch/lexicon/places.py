"""Places as data: country names from ISO 3166 (the maintained ``pycountry`` tables).

A single capitalised word the entity recognizer did not label ("Iran says exports rose")
is a person only when it is not a country: a country speaking stands for its state.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lower-case names of every country: official, common and short forms."""
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value.lower())
                # "Iran, Islamic Republic of" -> "iran"
                names.add(value.split(",")[0].strip().lower())
    return frozenset(names)


def is_country(name: str) -> bool:
    return name.strip().lower().removesuffix("'s").removesuffix("’s") in country_names()
