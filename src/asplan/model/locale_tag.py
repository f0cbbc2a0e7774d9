"""``account.locale``: the BCP 47 tag whose conventions a document follows (spec §7.6).

The language of the words comes from ``account.language`` (the catalogues asplan
has); the locale adds the region's conventions on top: ``en-US`` writes
"December 9, 2026" and "$1,000.00", ``en-GB`` "9 December 2026" and "US$1,000.00".
A tag is accepted when Babel (CLDR) has data for it and its language is one asplan
has words for, written the canonical BCP 47 way (``es-MX``, ``es-419``); ``en_US``
or ``en-us`` is refused with the canonical spelling as a hint, so that the JSON
Schema (an ``enum`` of these tags) and ``check`` accept exactly the same values.
"""

from __future__ import annotations

import functools
import os
from typing import Annotated, Final

from pydantic import AfterValidator, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

# The languages that have a message catalogue (render/locales/); the first is the default.
LANGUAGES: Final = ("en", "es")

# The locale of a document whose plan names a language and no locale: what asplan
# rendered before locales existed, so those documents do not change.
DEFAULT_LOCALE: Final = {"en": "en-GB", "es": "es-ES"}


@functools.cache
def supported_locales() -> tuple[str, ...]:
    """Every tag ``account.locale`` accepts, sorted: ``en``, ``en-001``, ..., ``es-VE``."""
    from babel.localedata import locale_identifiers

    tags = set()
    for identifier in locale_identifiers():
        parts = identifier.split("_")
        if parts[0] not in LANGUAGES or len(parts) > 2:
            continue
        if len(parts) == 2 and not (
            (len(parts[1]) == 2 and parts[1].isalpha()) or (len(parts[1]) == 3 and parts[1].isdigit())
        ):
            continue  # scripts (en_Shaw) and variants (en_US_POSIX) are not regional conventions
        tags.add("-".join(parts))
    return tuple(sorted(tags))


def canonical_locale(text: str) -> str | None:
    """The supported tag ``text`` means, whatever its case or separator (``en_us`` -> ``en-US``)."""
    wanted = text.strip().replace("_", "-").lower()
    return next((tag for tag in supported_locales() if tag.lower() == wanted), None)


def has_locale_data(value: str) -> bool:
    """True when ``value`` is a tag of :func:`supported_locales`, found without listing them.

    A canonical tag (``es``, ``es-MX``, ``es-419``) of a language asplan has, whose CLDR
    file Babel ships (``locale-data/es_MX.dat``, the files ``locale_identifiers`` lists):
    one file test instead of importing Babel and reading its 700 names, which was a tenth
    of checking one plan. Anything else (``en_us``, a typo) is left to the full list,
    which gives the hint.
    """
    language, dash, region = value.partition("-")
    if language not in LANGUAGES or (dash and not _is_region(region)):
        return False
    folder = _locale_data_folder()
    if folder is None:
        return False
    return os.path.isfile(os.path.join(folder, (f"{language}_{region}" if dash else language) + ".dat"))


def _is_region(text: str) -> bool:
    """``ES`` or ``419``, as CLDR names regions (not a script like ``Latn``, nor lower case)."""
    if not text.isascii():
        return False
    return (len(text) == 2 and text.isalpha() and text.isupper()) or (len(text) == 3 and text.isdigit())


@functools.cache
def _locale_data_folder() -> str | None:
    """Babel's ``locale-data`` folder (``babel.localedata._dirname``), located without importing Babel."""
    from importlib.util import find_spec

    try:
        spec = find_spec("babel")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = os.path.join(next(iter(spec.submodule_search_locations)), "locale-data")
    return folder if os.path.isdir(folder) else None


def _check_locale(value: str) -> str:
    if has_locale_data(value) or value in supported_locales():
        return value
    hint = canonical_locale(value)
    if hint is not None:
        raise ValueError(f"expected a BCP 47 locale tag written {hint!r} (language-REGION), got {value!r}")
    raise ValueError(
        f"expected a BCP 47 locale whose language is {' or '.join(LANGUAGES)}, "
        f"e.g. es-ES, es-MX, en-US, en-GB, got {value!r}"
    )


class _LocaleSchema:
    """The JSON Schema of a locale tag, built only when a schema is asked for (Babel's
    locale list is not read by every ``check`` run)."""

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {
            "type": "string",
            "enum": list(supported_locales()),
            "description": (
                "BCP 47 locale of rendered documents: dates, numbers, percentages and currency "
                "(e.g. es-ES, es-MX, en-US, en-GB). Default: es-ES for language es, en-GB for en."
            ),
        }


LocaleTag = Annotated[str, AfterValidator(_check_locale), _LocaleSchema()]
"""A locale tag ``check`` accepts; the JSON Schema lists every accepted tag."""
