"""``account.locale``: the quick test for a known tag agrees with Babel's full list."""

from __future__ import annotations

from babel.localedata import locale_identifiers

from asplan.model.locale_tag import has_locale_data, supported_locales


def test_every_supported_tag_is_found_by_its_data_file() -> None:
    supported = supported_locales()
    assert {"en", "en-GB", "en-US", "es", "es-ES", "es-MX", "es-419"} <= set(supported)
    assert [tag for tag in supported if not has_locale_data(tag)] == []


def test_the_quick_test_never_accepts_what_the_list_refuses() -> None:
    spellings = {"", "es-", "-ES", "es--ES", "es-ES-", "es-es", "en_GB", " es", "es-ES ", "es-Latn", "es-E1", "root"}
    for identifier in locale_identifiers():
        tag = identifier.replace("_", "-")
        spellings |= {identifier, tag, tag.lower(), tag.upper()}
    accepted = {text for text in spellings if has_locale_data(text)}
    assert accepted <= set(supported_locales())
    assert "es-MX" in accepted and "en_US" not in accepted and "en-us" not in accepted
