"""Issue 12: every example, with hostile text in every free-text field, renders inert.

HTML: no script, no event handler, no element that fetches anything (no ``src`` at
all: images are plain links), every link an absolute https/mailto URL or one of the
document's own ``#`` anchors. Markdown: parsed back with markdown-it as a viewer would,
no link but https/mailto, no image, and no field's open code fence swallowing the
sections after it. Both audiences, every example.
"""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from asplan.loading import parse_yaml
from asplan.render.document import RenderOptions, load_plan, render_plan
from asplan.render.markdown_text import is_safe_url, to_markdown

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TODAY = date(2026, 11, 23)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[a](javascript:alert(3))",
    "[a\\]]: javascript:alert(4)\n\n[a\\]]",
    "- item\n\n  [ref]: javascript:alert(5)\n\n[ref]",
    "![pixel](https://tracker.example/p.gif)",
    "[local](/etc/passwd) [net](//evil.example/x) [page](#top)",
    "[enc](&#x6A;avascript:alert(6)) [angle](<javascript:alert(7)>)",
    "<javascript:alert(8)> <https://ok.example>",
    "```\nan unclosed fence",
    "{{ 7*7 }} {% raw %}",
    "[t](https://ok.example \"title\") [m](mailto:a@example.com)",
]

# Free text: Markdown fields and plain names and titles (not ids, references, dates or enums).
TEXT_KEYS = {
    "name", "title", "summary", "notes", "overview", "strategy", "it_alignment", "description", "role",
    "industry", "region", "penalty", "mitigation", "note", "channel", "unit",
}  # fmt: skip
TEXT_LIST_KEYS = {
    "markets", "challenges", "priorities", "pain_points", "opportunities", "competitors", "steps", "decisions",
}  # fmt: skip


def poison(value: Any, counter: list[int], key: str | None = None) -> Any:
    """The plan with each free-text value replaced by the next hostile text (cycling)."""

    def next_text() -> str:
        counter[0] += 1
        return HOSTILE[counter[0] % len(HOSTILE)]

    if isinstance(value, dict):
        return {k: poison(v, counter, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in TEXT_LIST_KEYS:
            return [next_text() if isinstance(v, str) else v for v in value]
        return [poison(v, counter) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return next_text()
    return value


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def poisoned(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    source: Path = request.param
    data = parse_yaml(source.read_text(encoding="utf-8"), str(source)).data
    counter = [0]
    hostile = poison(data, counter)
    folder = tmp_path_factory.mktemp(source.stem)
    if (ROOT / "examples" / "data").is_dir():
        import shutil

        shutil.copytree(ROOT / "examples" / "data", folder / "data")
    path = folder / source.name
    path.write_text(json.dumps(hostile, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    return path, counter[0]


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((name, value or "") for name, value in attrs)


def links_and_images(markdown: str) -> tuple[list[str], int]:
    """Every link target a viewer would make of ``markdown``, and the number of images."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    env: dict[str, Any] = {}
    tokens = md.parse(markdown, env)
    hrefs = [str(ref["href"]) for ref in env.get("references", {}).values()]
    images = 0
    stack = list(tokens)
    while stack:
        token = stack.pop()
        if token.type == "link_open":
            hrefs.append(str(token.attrs["href"]))
        if token.type == "image":
            images += 1
        stack.extend(token.children or ())
    return hrefs, images


def headings(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_html_of_a_poisoned_example_is_inert(poisoned: tuple[Path, int], audience: str) -> None:
    path, replaced = poisoned
    assert replaced >= 2  # the poison reached the plan (minimal.yaml has two text fields)
    html = render_plan(load_plan(path), TODAY, RenderOptions(audience=audience), path)  # type: ignore[arg-type]
    elements = Elements()
    elements.feed(html)
    assert not {"script", "img", "iframe", "object", "embed", "link", "form", "input"} & set(elements.tags)
    assert [name for name, _ in elements.attrs if name.startswith("on")] == []
    assert [value for name, value in elements.attrs if name in ("src", "srcset", "background", "poster")] == []
    hrefs = [value for name, value in elements.attrs if name in ("href", "xlink:href")]
    assert [h for h in hrefs if not (is_safe_url(h) or h.startswith("#"))] == []
    assert "https://tracker.example/p.gif" not in [v for _, v in elements.attrs if _ != "href"]
    if replaced >= len(HOSTILE):  # every payload used at least once
        assert "{{ 7*7 }}" in html  # shown as typed, never evaluated
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_markdown_of_a_poisoned_example_is_inert(poisoned: tuple[Path, int], audience: str) -> None:
    path, _ = poisoned
    options = RenderOptions(fmt="md", audience=audience)  # type: ignore[arg-type]
    md = render_plan(load_plan(path), TODAY, options, path)
    hrefs, images = links_and_images(md)
    assert [h for h in hrefs if not is_safe_url(h) and not h.startswith("#")] == []
    assert images == 0
    assert "<script" not in md and "<img" not in md
    # An unclosed fence in a field does not swallow the sections after it.
    clean = next(p for p in EXAMPLES if p.name == path.name)
    assert headings(md) != []
    expected = headings(render_plan(load_plan(clean), TODAY, options, clean))
    assert len(headings(md)) == len(expected)


# ------------------------------------------------------------ generated reference forms

LABEL = st.text(st.sampled_from("ab]\\[ *_`1"), min_size=1, max_size=6).filter(lambda s: s.strip())
DESTINATION = st.sampled_from(
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:x",
        "vbscript:x",
        "data:text/html;base64,PHNjcmlwdD4=",
        "/etc/passwd",
        "//evil.example",
        "relative/page",
        "&#x6A;avascript:x",
        "<javascript:x>",
        "https://ok.example",
        "mailto:a@example.com",
    ]
)
CONTEXT = st.sampled_from(["{}", "- {}", "> {}", "1. {}", "   {}", "- item\n\n  {}", "* a\n  * b\n\n    {}"])


@settings(max_examples=300, deadline=None)
@given(LABEL, DESTINATION, CONTEXT, st.sampled_from(["", ' "title"', " 'title'", " (title)"]), st.booleans())
def test_reference_definitions_never_make_an_unsafe_link(
    label: str, destination: str, context: str, title: str, used_elsewhere: bool
) -> None:
    # The definition in one field, the reference in another: in one document they meet.
    field = context.format(f"[{label}]: {destination}{title}")
    user = f"see [{label}] and [x][{label}]"
    document = f"{to_markdown(field)}\n\n{to_markdown(user) if used_elsewhere else ''}\n\n[{label}]\n"
    hrefs, images = links_and_images(document)
    assert [h for h in hrefs if not is_safe_url(h)] == [], document
    assert images == 0


PIECES = ["[", "]", "(", ")", "!", "<", ">", "\\", "`", "javascript:x", "https://a.example", " ", "\n", ":", "a", "#"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "-", "&#106;"]), max_size=30).map("".join))
def test_any_field_text_makes_no_unsafe_link_or_image(text: str) -> None:
    hrefs, images = links_and_images(to_markdown(text))
    assert [h for h in hrefs if not is_safe_url(h)] == []
    assert images == 0
