"""PDF output: the HTML document laid out on A4 by WeasyPrint (the optional extra ``asplan[pdf]``).

The PDF is the HTML document itself, printed: the same view (so the same audience
rules), the same templates and stylesheet, plus a running footer (the account name,
the "as of" date and "page X of Y") that only paged media have. WeasyPrint is
optional because it needs the Pango library from the system; without it ``render -f
pdf`` says in one line how to install it, before rendering anything.

No external request: the documents reference nothing outside themselves, and the URL
fetcher given to WeasyPrint refuses every URL anyway (links stay links; nothing is
fetched to draw them). WeasyPrint's warnings about CSS it does not support (the
screen-only parts of the stylesheet) are kept off the user's terminal.
"""

from __future__ import annotations

import logging
from typing import Any, Final

INSTALL_HINT: Final = (
    "PDF output needs WeasyPrint: pip install 'asplan[pdf]' "
    "(it uses the Pango library: on Debian or Ubuntu, apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
)


class PdfUnavailable(Exception):
    """WeasyPrint (or the Pango library it loads) is not installed."""


def unavailable_reason() -> str | None:
    """``None`` when PDF output works here, else the one line that says how to make it work."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: WeasyPrint is installed but Pango is not
        return INSTALL_HINT
    return None


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise PermissionError(f"asplan documents fetch nothing ({url})")


def _fetcher() -> Any:
    """WeasyPrint's URL fetcher, refusing everything: a ``URLFetcher`` subclass where
    WeasyPrint has that class (newer versions), else a plain function (older ones)."""
    from weasyprint import urls

    base = getattr(urls, "URLFetcher", None)
    if base is None:
        return _refuse

    class Refusing(base):  # type: ignore[misc,valid-type]
        def fetch(self, url: str, headers: object = None) -> Any:
            return _refuse(url)

    return Refusing(allowed_protocols=())


def html_to_pdf(html: str) -> bytes:
    """The PDF of one HTML document; byte-identical for the same HTML."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        raise PdfUnavailable(INSTALL_HINT) from None
    for name in ("weasyprint", "fontTools"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
    pdf: bytes = HTML(string=html, url_fetcher=_fetcher()).write_pdf()
    return pdf


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (for ``content:``); ``<`` escaped, so it cannot close the ``<style>``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def page_counter(label: str) -> str:
    """A CSS ``content`` value for "Page {page} of {pages}" in the document's language."""
    parts: list[str] = []
    rest = label
    while rest:
        positions = [(rest.find(token), token) for token in ("{pages}", "{page}") if token in rest]
        if not positions:
            parts.append(css_string(rest))
            break
        index, token = min(positions)
        if index:
            parts.append(css_string(rest[:index]))
        parts.append("counter(pages)" if token == "{pages}" else "counter(page)")
        rest = rest[index + len(token) :]
    return " ".join(parts)
