"""Plan text fields are Markdown written by people: render them safely, for both outputs.

HTML output goes through markdown-it with raw HTML disabled, links limited to
absolute ``http``, ``https`` and ``mailto`` URLs, and images turned into plain links,
so a plan can format its text but never inject markup, a ``javascript:`` link or a
request. Markdown output keeps the author's Markdown but neutralises the same
dangers, decided on the same parser's tokens, because GitHub (or any other viewer)
would otherwise render them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from functools import cache
from typing import Any, Final

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape

SAFE_SCHEMES: Final = ("http://", "https://", "mailto:")


def is_safe_url(url: str) -> bool:
    """An absolute ``http``/``https`` URL with a host, or a ``mailto:`` address; nothing else.

    Relative and scheme-less links (``/etc/passwd``, ``//host``, ``#part``) are refused
    too (spec §7.7): a document is e-mailed and opened from anywhere, where a relative
    link means nothing or something else. Whitespace and control characters are
    ignored when deciding, as browsers ignore them (``java\tscript:``).
    """
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f").lower()
    if cleaned.startswith("mailto:"):
        return len(cleaned) > len("mailto:")
    for scheme in SAFE_SCHEMES[:2]:
        if cleaned.startswith(scheme):
            rest = cleaned[len(scheme) :]
            return bool(rest) and rest[0] not in "/\\?#"
    return False


def _image_as_link(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """An image becomes a plain link to it: the document makes no request (spec §7.6-7.7).

    Mail clients and PDF converters ignore the document's Content-Security-Policy, so an
    ``<img>`` pointing at a tracker would be fetched when the client opens the file.
    """
    token = tokens[idx]
    alt = escape(self.renderInlineAsText(token.children or [], options, env))
    src = str(token.attrs.get("src", ""))
    if not is_safe_url(src):
        return str(alt)
    return f'<a href="{escape(src)}">{alt or escape(src)}</a>'


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_link)
    return md


@cache
def _inspector() -> MarkdownIt:
    """A parser that keeps every link, safe or not, to find them (GitHub's tables and strikethrough on)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
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


@functools.lru_cache(maxsize=4096)
def _render_inline(text: str) -> str:
    rendered: str = _parser().renderInline(text)
    return rendered


def to_inline_html(text: str | None) -> Markup:
    """Inline Markdown (list items, table cells): no wrapping ``<p>``."""
    if not text:
        return Markup("")
    return Markup(_render_inline(text))


def _needs_neutralising(tokens: Sequence[Token], env: EnvType) -> bool:
    """True when Markdown would make a link that is not safe, or an image, out of this text.

    Decided on markdown-it's tokens, not on a pattern: a parser resolves escapes in
    labels (``[a\\]]: javascript:``), definitions inside list items, entities and angle
    brackets exactly as a viewer will. Reference definitions count even when unused
    here: in one document they apply to every field.
    """
    references = env.get("references", {})
    if any(not is_safe_url(str(ref.get("href", ""))) for ref in references.values()):
        return True
    stack = list(tokens)
    while stack:
        token = stack.pop()
        if token.type == "image":
            return True
        if token.type == "link_open" and not is_safe_url(str(token.attrs.get("href", ""))):
            return True
        stack.extend(token.children or ())
    return False


def _close_open_fence(text: str, tokens: Sequence[Token]) -> str:
    """A code fence left open at the end of a field is closed there (spec §7.7).

    Otherwise it would run on through every later section of the Markdown document.
    Only a top-level fence can do that: one inside a list or a quote ends with it.
    """
    fences = [t for t in tokens if t.type == "fence" and t.level == 0 and t.map]
    if not fences:
        return text
    last = fences[-1]
    lines = text.split("\n")
    assert last.map is not None
    if last.map[1] < len(lines):
        return text
    closing = lines[-1].strip()
    marker = last.markup
    if last.map[1] - last.map[0] > 1 and closing and set(closing) == {marker[0]} and len(closing) >= len(marker):
        return text
    return f"{text}\n{marker}"


def escape_markdown_html(text: str) -> str:
    """What any Markdown viewer would take as HTML becomes literal text (``&lt;script&gt;``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(text: str | None) -> str:
    """A Markdown text field for Markdown output: the author's formatting, no HTML, safe links.

    A field that would make an unsafe link, a relative one or an image is written with
    its brackets escaped instead: its words survive, its link syntax does not.
    """
    if not text:
        return ""
    body = escape_markdown_html(text.strip())
    env: EnvType = {}
    tokens = _inspector().parse(body, env)
    if _needs_neutralising(tokens, env):
        body = re.sub(r"([\\\[\]])", r"\\\1", body)
        tokens = _inspector().parse(body, {})
    return _close_open_fence(body, tokens)


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
