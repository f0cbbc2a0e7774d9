"""Plan text fields are Markdown written by people: render them safely, for both outputs.

HTML output goes through markdown-it with raw HTML disabled and links limited to
``http``, ``https`` and ``mailto`` (and in-page ``#`` anchors), so a plan can format
its text but never inject markup or a ``javascript:`` link. Markdown output keeps the
author's Markdown but neutralises the same two dangers, because GitHub (or any other
viewer) would otherwise render them.
"""

from __future__ import annotations

import functools
import re
from functools import cache
from typing import Final

from markdown_it import MarkdownIt
from markupsafe import Markup

SAFE_SCHEMES: Final = ("http:", "https:", "mailto:")
_SCHEME_RE: Final = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


def is_safe_url(url: str) -> bool:
    """http, https, mailto, or a scheme-less reference (``#part``); nothing else."""
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f")
    match = _SCHEME_RE.match(cleaned)
    if match is None:
        return not cleaned.startswith("//") and ":" not in cleaned.split("/", 1)[0]
    return f"{match.group(1).lower()}:" in SAFE_SCHEMES


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    return md


@functools.lru_cache(maxsize=2048)
def _render_block(text: str) -> str:
    rendered: str = _parser().render(text)
    return rendered


def to_html(text: str | None) -> Markup:
    """Markdown to HTML: escaped, raw HTML shown as text, unsafe links left as plain text."""
    if not text:
        return Markup("")
    return Markup(_render_block(text))


def to_inline_html(text: str | None) -> Markup:
    """Inline Markdown (list items, table cells): no wrapping ``<p>``."""
    if not text:
        return Markup("")
    return Markup(_parser().renderInline(text))


_LINK_DEST_RE: Final = re.compile(r"(\]\(\s*<?)([^)\s>]*)")
_REF_DEF_RE: Final = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?)(\s|$)", re.M)


def _neutralise_links(text: str) -> str:
    def inline(match: re.Match[str]) -> str:
        return match.group(1) + (match.group(2) if is_safe_url(match.group(2)) else "#")

    def reference(match: re.Match[str]) -> str:
        url = match.group(2)
        return match.group(1) + (url if is_safe_url(url) else "#") + match.group(3) + match.group(4)

    return _REF_DEF_RE.sub(reference, _LINK_DEST_RE.sub(inline, text))


def escape_markdown_html(text: str) -> str:
    """What any Markdown viewer would take as HTML becomes literal text (``&lt;script&gt;``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(text: str | None) -> str:
    """A Markdown text field for Markdown output: the author's formatting, no HTML, safe links."""
    if not text:
        return ""
    return _neutralise_links(escape_markdown_html(text.strip()))


def to_markdown_inline(text: str | None) -> str:
    """A text field inside a table cell or list item: one line, pipes escaped."""
    if not text:
        return ""
    one_line = " ".join(to_markdown(text).split())
    return one_line.replace("|", "\\|")


def plain_markdown(text: str | None) -> str:
    """Plain text (names, titles) placed in Markdown: no formatting, no HTML, no table breaks."""
    if not text:
        return ""
    escaped = escape_markdown_html(" ".join(str(text).split()))
    return re.sub(r"([\\`*_\[\]|~])", r"\\\1", escaped)
