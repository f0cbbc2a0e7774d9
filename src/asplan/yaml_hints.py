"""YAML syntax errors in words a plan's author can act on (ASP001).

libyaml (and ruamel's pure-Python parser, the fallback) say what the *parser* met
("did not find expected key while parsing a block mapping"), often somewhere after
the mistake: an unclosed quote is reported at the end of the file, an unquoted
``target: >= 99.9%`` as a broken "block scalar". People fix what they are pointed
at, so each common error is recognised here from the parser's words *and* the text
around it, and turned into three things:

* the position of the cause: the opening quote, the start of the value to quote, the
  first character of the line whose indent is off;
* what went wrong and the most likely fix, in plain words, with the corrected line
  when it can be written ("quote it: target: \">= 99.9%\"");
* the parser's own words, kept at the end as a detail.

Both parsers are recognised (their words differ; their marks mostly agree), so a
hint never depends on whether libyaml's C extension is installed. This module only
reads the text and the error's marks: it never parses again, so a broken 5 MB file
costs no more to explain than a small one (only the lines around the error are read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PREFIX = "YAML syntax error: "

#: The general rule, quoted in several hints.
QUOTE_RULE = "quote values that start with >, |, @, `, %, *, &, ! or contain ': ' or ' #'"


@dataclass(frozen=True)
class SyntaxProblem:
    """Where a syntax error comes from (1-based) and what to say about it."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class LastScalar:
    """The last scalar the parser produced before it failed (for quotes closed too late or too early)."""

    style: str | None
    start: tuple[int, int, int]  # line, column (0-based), index
    end: tuple[int, int, int]


class _Text:
    """Line access on the file's text, with 0-based line numbers like the parsers' marks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def line(self, number: int) -> str:
        lines = self.lines
        return lines[number].rstrip("\r") if 0 <= number < len(lines) else ""

    def char(self, line: int, column: int) -> str:
        text = self.line(line)
        return text[column] if 0 <= column < len(text) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Column of a line's content after its indent and any ``- `` item markers."""
    column = _indent(line)
    while line.startswith("- ", column) or line[column:] == "-":
        column += 2
        while column < len(line) and line[column] == " ":
            column += 1
    return column


def _indent_it(count: int) -> str:
    return f"indent it {_spaces(count)}" if count else "start it at the beginning of the line"


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _spaces(count: int) -> str:
    return f"{count} space{'' if count == 1 else 's'}"


def _mark(mark: Any) -> tuple[int, int] | None:
    if mark is None:
        return None
    return int(mark.line), int(mark.column)


def _original(exc: Any) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem:
        text = str(problem)
        if context:
            text = f"{text} ({context})"
        return text
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _with_detail(what: str, exc: Any) -> str:
    return f"{PREFIX}{what} (parser: {_original(exc)})"


def _quoted(value: str) -> str:
    """``value`` as a double-quoted YAML scalar, ready to paste."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shorten(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 3] + "..."


def explain(text: str, exc: Any, last_scalar: LastScalar | None = None) -> SyntaxProblem:
    """The position and message for a parser error on ``text`` (``exc`` is ruamel's MarkedYAMLError)."""
    source = _Text(text)
    if isinstance(getattr(exc, "position", None), int) and getattr(exc, "character", None) is not None:
        return _unacceptable_character(text, exc)
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    at = _mark(getattr(exc, "problem_mark", None))
    ctx = _mark(getattr(exc, "context_mark", None))
    fallback = at or ctx or (0, 0)
    for explainer in _EXPLAINERS:
        found = explainer(source, problem, context, at, ctx, last_scalar)
        if found is not None:
            (line, column), what = found
            if what == _TABS:
                return SyntaxProblem(line + 1, column + 1, PREFIX + _TABS)
            return SyntaxProblem(line + 1, column + 1, _with_detail(what, exc))
    return SyntaxProblem(fallback[0] + 1, fallback[1] + 1, PREFIX + _original(exc))


def _unacceptable_character(text: str, exc: Any) -> SyntaxProblem:
    """A control character in the text (the reader refuses it before any token, with an index, not a mark)."""
    import unicodedata

    character = exc.character
    code = character if isinstance(character, int) else ord(str(character)[:1] or "?")
    position = max(int(exc.position), 0)
    if position >= len(text) or ord(text[position]) != code:
        # libyaml counts bytes of the UTF-8 text, ruamel characters.
        position = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
    position = min(position, len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    name = unicodedata.name(chr(code), "") or {0x1B: "ESCAPE", 0x7F: "DELETE"}.get(code, "a control character")
    what = (
        f"the character U+{code:04X} ({name}) is not allowed in YAML: delete it"
        f" (inside a \"...\" value it can be written as the escape \\u{code:04x})"
    )
    reason = getattr(exc, "reason", "")
    return SyntaxProblem(line, column, f"{PREFIX}{what} (parser: unacceptable character, {reason})")


Found = tuple[tuple[int, int], str] | None

_TABS = "tabs are not allowed for indentation: use spaces"


def _tabs(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """A tab in the indentation: libyaml's "cannot start any token" says nothing useful."""
    if at is None:
        return None
    if "tab" in problem:
        return at, _TABS
    prefix = source.line(at[0])[: at[1] + 1]
    if prefix.endswith("\t") and not prefix[:-1].strip(" \t-?:"):
        return at, _TABS
    return None


def _unclosed_quote(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """An opening quote never closed: the parser stops at the end of the file."""
    if "quoted scalar" not in context or "end of stream" not in problem or ctx is None:
        return None
    quote = source.char(*ctx) or "'"
    hint = f"this {quote} opens a quoted value that is never closed, so the rest of the file became part of it"
    hint += f": add the closing {quote} at the end of the value"
    if quote == "'":
        hint += " (an apostrophe inside '...' is written twice: 'it''s')"
    return ctx, hint


def _quote_closed_elsewhere(
    source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None
) -> Found:
    """A quoted value followed by more text: its quote closed on a later line, or too early."""
    if at is None or last is None or last.style not in ("'", '"'):
        return None
    if "block mapping" not in context and "flow" not in context and "block collection" not in context:
        return None
    end_line, end_column, _ = last.end
    if end_line != at[0] or source.line(at[0])[end_column : at[1]].strip():
        return None
    quote = last.style
    start_line, start_column, _ = last.start
    if start_line != end_line:
        return (start_line, start_column), (
            f"this {quote} opens a quoted value that only closes on line {end_line + 1}"
            f" (with the {quote} at column {end_column}), so the lines in between became part of it:"
            f" add the closing {quote} at the end of this line's value"
        )
    rest = source.line(at[0])[at[1] :].strip()
    if quote == "'":
        return (end_line, end_column - 1), (
            f"this ' closes the quoted value, and {_shorten(rest)!r} follows it:"
            " an apostrophe inside '...' is written twice ('it''s'), or quote the whole value with \"...\""
        )
    return (end_line, end_column - 1), (
        f'this " closes the quoted value, and {_shorten(rest)!r} follows it:'
        ' write a " inside "..." as \\", or quote the whole value with \'...\''
    )


def _block_scalar(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """``target: >= 99.9%``: a value starting with > or | opens a block of text."""
    if "block scalar" not in context or ctx is None:
        return None
    line = source.line(ctx[0])
    indicator = source.char(*ctx)
    value = line[ctx[1] :].split(" #")[0].rstrip()
    key = line[: ctx[1]].rstrip()
    what = "a folded" if indicator == ">" else "a literal"
    hint = (
        f"a value starting with {indicator!r} starts {what} block of text in YAML, so {_shorten(value)!r}"
        f" cannot follow it on the same line: quote it: {key.strip()} {_quoted(value)}"
    )
    if indicator == "|" and value.strip() in ("|", "|-", "|+"):
        hint = (
            "text after '|' must start on the next line, indented more than the key:"
            f" {key.strip()} | and then the text on its own lines"
        )
    return ctx, f"{hint} ({QUOTE_RULE})"


def _reserved_start(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """``@maria``, a backquote or ``%`` at the start of an unquoted value."""
    if "cannot start any token" not in problem or at is None:
        return None
    line = source.line(at[0])
    char = source.char(*at)
    if not char or char.isspace():
        return None
    return at, f"{char!r} cannot start an unquoted value in YAML: quote it: {_quote_fix(line, at[1])} ({QUOTE_RULE})"


def _quote_fix(line: str, column: int) -> str:
    """``key: "value"`` for the unquoted value starting at ``column``.

    Inside ``{...}`` or ``[...]`` the value ends at the next ``,``, ``}`` or ``]``, and
    only its own key is shown (not the whole line before it).
    """
    value = line[column:].split(" #")[0].rstrip()
    before = line[:column].rstrip()
    if any(c in before for c in "[{"):
        for end in (",", "}", "]"):
            value = value.split(end)[0].rstrip()
        key = re.search(r"([^\s{\[,]+:)$", before)
        return f"{key.group(1)} {_quoted(value)}" if key else _quoted(value)
    return f"{before} {_quoted(value)}".strip() if before.endswith((":", "-")) else _quoted(value)


def _alias(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """``*bold*``: a value starting with ``*`` names an anchor."""
    if "alias" not in context or ctx is None:
        return None
    return ctx, alias_hint(source.line(ctx[0]), ctx[1])


def alias_hint(line: str, column: int) -> str:
    """The words for a value starting with ``*`` (shared with the loader's unknown-alias error)."""
    value = line[column:].split(" #")[0].rstrip()
    for end in (",", "}", "]"):
        if end in value and any(c in line[:column] for c in "[{"):
            value = value.split(end)[0].rstrip()
    before = line[:column].rstrip()
    fix = f"{before} {_quoted(value)}".strip() if before.endswith((":", "-")) else _quoted(value)
    return (
        "a value starting with '*' refers to an anchor (&name) defined earlier in the file:"
        f" if it is text, quote it: {fix}"
    )


def _flow_indicator_in_value(
    source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None
) -> Found:
    """``{url: https://x}``: inside braces or brackets a ':' or '?' must be followed by a space."""
    if at is None:
        return None
    char = source.char(*at)
    if "plain scalar" in context and "found unexpected" in problem and char in ":?" and ctx is not None:
        start = ctx
    elif "flow" in context and (char == "?" or source.line(at[0])[: at[1]].rstrip().endswith("?")):
        line = source.line(at[0])
        question = at[1] if char == "?" else line[: at[1]].rstrip().rfind("?")
        start = (at[0], _flow_item_start(line, question))
        char = "?"
    else:
        return None
    line = source.line(start[0])
    value = re.split(r"\s*[,}\]]", line[start[1] :], maxsplit=1)[0]
    before = line[: start[1]].rstrip()
    fix = f"{before.split('{')[-1].split('[')[-1].split(',')[-1].strip()} {_quoted(value)}".strip()
    if char == ":":
        what = "a ':' must be followed by a space, so a link or a time has to be quoted"
    else:
        what = "a '?' ends an unquoted value, so a question has to be quoted"
    return start, f"inside {{...}} or [...] {what}: {fix} ({QUOTE_RULE})"


def _flow_item_start(line: str, column: int) -> int:
    """Start of the flow item holding ``column``: just after the last ``[``, ``{`` or ``,`` before it."""
    start = max(line.rfind(c, 0, column) for c in "[{,") + 1
    while start < len(line) and line[start] == " ":
        start += 1
    return start


def _colon_in_value(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """``title: Meeting: agenda``: a second ': ' on the line reads as a key."""
    if "mapping values are not allowed" not in problem or at is None:
        return None
    line = source.line(at[0])
    first = re.search(r":(\s|$)", line[_key_column(line) :])
    if first is None:
        return None
    colon = _key_column(line) + first.start()
    if colon >= at[1]:
        return None  # the first ':' of its line: an indentation problem (below)
    start = colon + 1
    while start < len(line) and line[start] == " ":
        start += 1
    value = line[start:].split(" #")[0].rstrip()
    key = line[_key_column(line) : colon + 1]
    return (at[0], start), (
        f"this value contains ': ', which YAML reads as the start of another key: quote it: {key} {_quoted(value)}"
    )


def _indent_stack(source: _Text, before: int) -> list[tuple[int, int]]:
    """(indent, line) of the blocks still open above line ``before``, innermost first."""
    stack: list[tuple[int, int]] = []
    limit = 1 << 30
    number = before - 1
    while number >= 0 and limit > 0 and before - number < 500:
        line = source.line(number)
        if _is_content(line):
            for column in sorted({_key_column(line), _indent(line)}, reverse=True):
                if column < limit:
                    stack.append((column, number))
            limit = min(limit, _indent(line))
        number -= 1
    return stack


def _indentation(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """A line indented at no level the lines above it use (or deeper than its key)."""
    if at is None:
        return None
    kinds = ("mapping values are not allowed", "expected key", "expected '-' indicator", "expected <block end>")
    if not any(kind in problem for kind in kinds):
        return None
    number = at[0]
    line = source.line(number)
    indent = _indent(line)
    if not _is_content(line):
        return None
    if "mapping values are not allowed" in problem:
        # The first ':' of its line: the line continues the value of the line above.
        above = number - 1
        while above >= 0 and not _is_content(source.line(above)):
            above -= 1
        if above < 0:
            return None
        key = _key_column(source.line(above))
        if indent <= key:
            return None
        return (number, indent), (
            f"this line is indented {_spaces(indent)}, more than the key above it on line {above + 1}"
            f" ({_spaces(key)}), so YAML reads it as more text of that key's value:"
            f" {_indent_it(key)} like its siblings"
        )
    if _key_column(line) != at[1] and indent != at[1]:
        return None
    stack = _indent_stack(source, number)
    levels = {column for column, _ in stack}
    if indent in levels:
        if ctx is not None and "block collection" in context and indent == ctx[1] and not line.lstrip().startswith("-"):
            return (number, indent), (
                f"this line is at the indent of the list items above (line {ctx[0] + 1}) but does not start"
                " with '- ': make it an item of the list, or indent it under an item"
            )
        if line.lstrip().startswith("- ") and "block mapping" in context:
            return (number, indent), (
                "a list item ('- ') here sits among keys: indent the list under its key"
                " (key:, then '- item' on the lines below, indented more)"
            )
        return None
    sibling, sibling_line = min(stack, key=lambda item: (abs(item[0] - indent), -item[0])) if stack else (0, number)
    return (number, indent), (
        f"this line is indented {_spaces(indent)}, its siblings {_spaces(sibling)}"
        f" (line {sibling_line + 1}): indent it {_spaces(sibling)}"
    )


def _text_after_value(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """More text after a complete value on the same line (``a: {b}c``, ``a: [x] y``)."""
    if at is None or not ("expected key" in problem or "expected <block end>" in problem):
        return None
    line = source.line(at[0])
    if at[1] <= _key_column(line) or "block mapping" not in context:
        return None
    rest = line[at[1] :].strip()
    return at, (
        f"{_shorten(rest)!r} follows a complete value on this line: quote the whole value ({QUOTE_RULE}),"
        " or move the text to its own 'key: value' line"
    )


def _missing_colon(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """A line among keys that is not ``key: value`` (``name b``, ``name:b``, or text that wrapped)."""
    if "expected ':'" not in problem or "simple key" not in context or ctx is None:
        return None
    line = source.line(ctx[0])
    content = line[ctx[1] :].split(" #")[0].rstrip()
    glued = re.match(r"([^\s:]+):(\S.*)", content)
    if glued:
        return ctx, f"a key needs a space after its ':': {glued.group(1)}: {glued.group(2)}"
    return ctx, (
        f"{_shorten(content)!r} is at the indent of the keys but is not a 'key: value' pair:"
        " add ': ' after the key; if it continues the text above, indent it more than that key,"
        " or quote the whole text"
    )


def _unclosed_flow(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    """``[a, b`` or ``{id: a`` never closed (or broken inside)."""
    if ("flow sequence" not in context and "flow mapping" not in context) or ctx is None or at is None:
        return None
    opener = "[" if "sequence" in context else "{"
    closer = "]" if opener == "[" else "}"
    if at[0] > ctx[0] and source.char(*ctx) == opener:
        return ctx, (
            f"this {opener!r} is not closed with {closer!r} on its line: close it there"
            f" (a {{...}} or [...] value must end on the line it starts on to be read as intended),"
            " or write the entries one per line"
        )
    return at, (
        f"unexpected text inside {opener}...{closer}: separate entries with ', ' and quote an entry"
        " that contains ',', ':', '?', '[', ']', '{' or '}'"
    )


def _bad_escape(source: _Text, problem: str, context: str, at: Any, ctx: Any, last: LastScalar | None) -> Found:
    r"""``"C:\path"``: in double quotes a backslash starts an escape."""
    if "escape" not in problem or at is None:
        return None
    line, column = at
    if source.char(line, column) != "\\" and source.char(line, column - 1) == "\\":
        column -= 1
    return (line, column), (
        "in a \"...\" value a backslash starts an escape like \\n: write \\\\ for a backslash,"
        " or quote the value with '...' instead"
    )


_EXPLAINERS = (
    _tabs,
    _unclosed_quote,
    _quote_closed_elsewhere,
    _block_scalar,
    _reserved_start,
    _alias,
    _flow_indicator_in_value,
    _colon_in_value,
    _indentation,
    _text_after_value,
    _missing_colon,
    _unclosed_flow,
    _bad_escape,
)
