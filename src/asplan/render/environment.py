"""The Jinja environments of ``render``: one per output format and process, with the filters
the templates use and a faster path for the translator ``t``.

A portfolio render fills the same ~20 templates a thousand times, so what Jinja does per
call matters. Two things are set here for that reason, neither of which changes a byte of
output:

* Templates are compiled once per environment, and the environment is kept for the
  process (:func:`environment`); the shipped templates are not checked on disk for
  changes at every ``{% include %}`` (a template folder given with ``--template-dir``
  still is, as Jinja does by default).
* ``{{ t("key") }}`` is a call Jinja makes through ``Context.call``, which inspects the
  callee for ``pass_context`` and friends each time: about 200 calls a document, a sixth
  of the time spent in the templates. :class:`TranslatorContext` calls a
  :class:`~asplan.render.i18n.Locale` directly (it takes no context) and leaves every
  other callee (macros, ``namespace``, a custom template's own) to Jinja.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.runtime import Context

from asplan.render import markdown_text
from asplan.render.i18n import Locale

EnvironmentFormat = Literal["html", "md"]


class TranslatorContext(Context):
    """A template context whose calls to the translator skip Jinja's callee inspection."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """``t(...)`` directly; anything else as Jinja calls it.

        The names start with ``__`` as in Jinja's method, so a keyword a template passes
        (``t("doc.footer", file=...)``) can never collide with them.
        """
        if type(__obj) is Locale:
            kwargs.pop("_loop_vars", None)  # Jinja's bookkeeping, meant for pass_context callees
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


@functools.lru_cache(maxsize=8)
def environment(fmt: EnvironmentFormat, template_dir: Path | None) -> jinja2.Environment:
    """The Jinja environment of one output format, with the filters its templates use.

    One per format and process: Jinja caches compiled templates per environment, and
    compiling the ~20 templates again for every plan cost ~0.25 s a plan.
    """
    from asplan.templates_loader import template_environment

    env = template_environment("render", template_dir, autoescape=fmt == "html")
    env.context_class = TranslatorContext
    env.auto_reload = template_dir is not None
    env.filters.update(
        md=markdown_text.to_html,
        md_inline=markdown_text.to_inline_html,
        mdtext=markdown_text.to_markdown,
        mdcell=markdown_text.to_markdown_inline,
        mdplain=markdown_text.plain_markdown,
        mermaid=mermaid_label,
        safe_url=lambda url: url if url and markdown_text.is_safe_url(str(url)) else "",
        email_href=email_href,
    )
    return env


_EMAIL_RE = re.compile(r"[^@\s<>\"'()\[\]:;,]+@[^@\s<>\"'()\[\]:;,]+")


def email_href(email: object) -> str:
    """A ``mailto:`` link for what looks like one address; anything else is shown, not linked."""
    text = str(email or "")
    return f"mailto:{text}" if _EMAIL_RE.fullmatch(text) else ""


def mermaid_label(text: object) -> str:
    """Text inside a Mermaid ``["..."]`` label: entity codes for what Mermaid would parse."""
    out = " ".join(str(text).split())
    for char, code in (
        ("#", "#35;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
        ("`", "#96;"),
        ("[", "#91;"),
        ("]", "#93;"),
    ):
        out = out.replace(char, code)
    return out
