"""Country codes and names: ISO 3166-1 alpha-2 through pycountry, with Kosovo* as XK."""
from __future__ import annotations

from functools import lru_cache

# Names used in reports where pycountry's official short name is not what readers expect.
DISPLAY_NAMES = {
    "XK": "Kosovo*",
    "MK": "North Macedonia",
    "BA": "Bosnia and Herzegovina",
    "MD": "Moldova",
    "US": "United States",
    "GB": "United Kingdom",
    "RU": "Russia",
    "TR": "Türkiye",
    "NL": "Netherlands",
    "CZ": "Czechia",
}


@lru_cache(maxsize=None)
def country_name(code: str) -> str:
    """English name of an ISO code for reports; Kosovo is 'Kosovo*'."""
    import pycountry

    code = code.upper()
    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    return getattr(found, "common_name", None) or found.name


def is_country_code(code: str) -> bool:
    """True for a valid ISO 3166-1 alpha-2 code or XK."""
    import pycountry

    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None
