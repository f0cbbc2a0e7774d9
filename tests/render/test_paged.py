"""The PDF footer's page counter, as CSS built from the catalogue (no WeasyPrint needed)."""

from __future__ import annotations

from asplan.render.i18n import locale
from asplan.render.pdf import css_string, page_counter


def test_the_page_counter_follows_the_message() -> None:
    assert page_counter(locale("es")("doc.page")) == '"Página " counter(page) " de " counter(pages)'
    assert page_counter(locale("en")("doc.page")) == '"Page " counter(page) " of " counter(pages)'
    assert page_counter("{pages}/{page}") == 'counter(pages) "/" counter(page)'


def test_css_strings_cannot_break_out() -> None:
    assert css_string('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert "</style>" not in css_string("</style><script>")
