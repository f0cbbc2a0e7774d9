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
* Compiled templates are kept between runs (:class:`CompiledTemplates`, in the user
  cache folder): compiling the ~20 templates took each worker process 60 ms before
  its first document, on the critical path of every portfolio render.
* Every ``{{ value }}`` of an HTML template is escaped: Jinja compiles it to
  ``markupsafe.escape(value)``, which wraps each plain string in a ``Markup`` object
  the output then only joins (~700 a document, a fifth of the time in the templates).
  :class:`OutputCodeGenerator` compiles it to :func:`escape_output` instead: the same
  characters escaped the same way, without the wrapper.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import re
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import jinja2
import markupsafe
from jinja2 import nodes
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator, Frame
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


def _replace_escape(text: str) -> str:
    """markupsafe's escaping of a string, spelled out (for a markupsafe without ``_escape_inner``)."""
    return (
        text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")
    )


_escape_str: Callable[[str], str] = getattr(markupsafe, "_escape_inner", _replace_escape)


def escape_output(value: object) -> str:
    """``{{ value }}`` in an autoescaped template: the text of ``markupsafe.escape(value)``.

    A plain string is escaped by markupsafe's own routine and returned as a string (the
    output only joins it); markup is already safe; anything else goes to markupsafe.
    """
    kind = type(value)
    if kind is str:
        return _escape_str(value)  # type: ignore[arg-type]
    if kind is markupsafe.Markup:
        return value  # type: ignore[return-value]
    return markupsafe.escape(value)


class OutputCodeGenerator(CodeGenerator):
    """Jinja's code generator, with autoescaped output going through :func:`escape_output`.

    ``_output_child_pre`` is the hook Jinja's own ``NativeCodeGenerator`` overrides; a
    template that switches autoescaping at run time (a volatile context) keeps Jinja's code.
    """

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.escape_output(")
            if finalize.src is not None:
                self.write(finalize.src)
            return
        super()._output_child_pre(node, frame, finalize)


class RenderEnvironment(jinja2.Environment):
    """The environment of ``render``'s templates: the template rules every asplan template
    follows (:func:`asplan.templates_loader.template_environment`), compiled and called faster."""

    code_generator_class = OutputCodeGenerator
    context_class = TranslatorContext
    escape_output = staticmethod(escape_output)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between runs: ``<user cache>/templates/<key>.code``.

    Jinja names each entry after the template's name and file, and checks the
    template's source against the checksum stored with it. The stamp adds what the
    compiled code depends on besides the source: this module (the code generator), the
    Jinja version (the runtime it calls) and the Python version (the code format).
    Anything that does not match is compiled again and written over; a file that
    cannot be read, written or decoded is ignored, as every asplan cache is.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        from importlib.util import MAGIC_NUMBER

        from asplan.user_cache import installed_version

        jinja = f"jinja2 {installed_version('jinja2')}\n".encode()
        self.stamp = b"asplan-template 1\n" + _module_digest() + jinja + MAGIC_NUMBER + b"\n"

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.code"

    def _header(self, bucket: Bucket) -> bytes:
        return self.stamp + bucket.checksum.encode("ascii") + b"\n"

    def load_bytecode(self, bucket: Bucket) -> None:
        header = self._header(bucket)
        try:
            data = self._file(bucket).read_bytes()
        except OSError:
            return
        if not data.startswith(header):
            return
        try:
            code = marshal.loads(data[len(header) :])
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        from asplan.fileio import atomic_write_bytes

        if bucket.code is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self._file(bucket), self._header(bucket) + marshal.dumps(bucket.code))
        except (OSError, ValueError):
            return


@functools.cache
def _module_digest() -> bytes:
    """This module's source, hashed: a change to the code generator invalidates every entry."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest().encode() + b"\n"


def compiled_templates() -> CompiledTemplates | None:
    """The cache of compiled templates, or ``None`` when caches are off (``ASPLAN_NO_CACHE``)."""
    from asplan.user_cache import caches_disabled, user_cache_dir

    if caches_disabled():
        return None
    return CompiledTemplates(user_cache_dir() / "templates")


@functools.lru_cache(maxsize=8)
def environment(fmt: EnvironmentFormat, template_dir: Path | None) -> jinja2.Environment:
    """The Jinja environment of one output format, with the filters its templates use.

    One per format and process: Jinja caches compiled templates per environment, and
    compiling the ~20 templates again for every plan cost ~0.25 s a plan.
    """
    from asplan.templates_loader import template_environment

    env = template_environment("render", template_dir, autoescape=fmt == "html", environment_class=RenderEnvironment)
    env.auto_reload = template_dir is not None
    env.bytecode_cache = compiled_templates()
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
