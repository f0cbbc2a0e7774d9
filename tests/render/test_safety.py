"""A hostile plan renders inert: plan text never becomes markup, a link, or template code."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from asplan.render.document import RenderOptions, load_plan, render_plan
from asplan.render.markdown_text import is_safe_url, to_html, to_markdown

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} {% raw %} [x](javascript:alert(3)) \"q'"
EVIL_YAML = EVIL.replace("'", "''")
# An e-mail must be one address (check refuses anything else), but that can still be hostile text.
EVIL_EMAIL = "'x{{7*7}}&{%raw%}/*@evil.example'"


def _plan() -> str:
    e = f"'{EVIL_YAML}'"
    return f"""\
asplan: 1
account:
  id: evil
  name: {e}
  tier: high
  manager: m
  industry: {e}
  region: {e}
  summary: {e}
  contract: {{id: {e}, fee: {{amount: 100, currency: EUR, per: month}}}}
handoff: {{from: m, to: m, notes: {e}}}
business:
  overview: {e}
  strategy: {e}
  it_alignment: {e}
  markets: [{e}]
  challenges: [{e}]
  priorities: [{e}]
  pain_points: [{e}]
  opportunities: [{e}]
  competitors: [{e}]
  analyst_reports: [{{title: {e}, url: "https://example.com/a?b=<c>"}}]
selection:
  criteria:
    - {{name: {e}, weight: 50, score: 3}}
    - {{name: b, weight: 25, score: 3}}
    - {{name: c, weight: 25, score: 3}}
people:
  - {{id: m, name: {e}, side: provider, role: {e}, email: {EVIL_EMAIL}, phone: {e}, executive: true}}
  - {{id: c, name: {e}, side: client, role: {e}, reports_to: c2, decision_maker: true}}
  - {{id: c2, name: {e}, side: client, role: {e}, executive: true}}
objectives:
  - id: O1
    title: {e}
    description: {e}
    owner: m
    kpis: [{{id: K1, name: {e}, unit: {e}, baseline: 1, target: 2, measurements: [{{date: 2026-10-01, value: 1.5}}]}}]
    milestones: [{{title: {e}, due: 2026-10-01}}]
solutions: [{{id: S1, title: {e}, description: {e}, objectives: [O1]}}]
actions: [{{id: A1, title: {e}, owner: m, due: 2026-10-01, notes: {e}}}]
changes: [{{id: C1, title: {e}, description: {e}, notes: {e}, status: approved, cost: "5 EUR", delay: 1w}}]
reviews:
  every: quarterly
  history: [{{date: 2026-09-01, attendees: [m], summary: {e}, decisions: [{e}], notes: {e}}}]
services:
  in_scope: [{{name: {e}, description: {e}}}]
  out_of_scope: [{{name: {e}, note: {e}}}]
procedures: [{{name: {e}, contact: m, steps: [{e}]}}]
slas:
  - {{id: SLA-1, name: {e}, target: ">= 99%", penalty: {e}, notes: {e}, credit: {{percent: 5}},
     measurements: [{{period: "2026-10", value: 98}}]}}
escalation: [{{level: 1, contact: m, after: 1h}}]
continuity: {{rto: 1h, notes: {e}}}
communication: [{{name: {e}, every: weekly, channel: {e}, owner: m, last: 2026-11-01}}]
risks: [{{id: R1, title: {e}, mitigation: {e}, owner: m}}]
"""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.extend((name, value or "") for name, value in attrs)


ALLOWED_TAGS = {
    *[
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "footer",
        "nav",
        "section",
        "div",
        "span",
        "p",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
    ],
    *[
        "strong",
        "em",
        "code",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "br",
        "svg",
        "rect",
        "line",
        "polyline",
        "circle",
        "text",
    ],
    "desc",
    "b",
}


@pytest.fixture
def evil_plan(tmp_path: Path) -> Path:
    path = tmp_path / "evil.yaml"
    path.write_text(_plan(), encoding="utf-8")
    return path


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_html_is_inert(evil_plan: Path, audience: str) -> None:
    html = render_plan(load_plan(evil_plan), date(2026, 11, 23), RenderOptions(audience=audience), evil_plan)  # type: ignore[arg-type]
    parser = _Tags()
    parser.feed(html)
    assert parser.tags <= ALLOWED_TAGS, parser.tags - ALLOWED_TAGS
    assert not [a for a in parser.attrs if a[0].startswith("on")]
    hrefs = [v for k, v in parser.attrs if k in ("href", "src")]
    assert all(h.startswith(("https://", "mailto:", "#")) for h in hrefs), hrefs
    assert "javascript:" not in "".join(hrefs)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html
    # the hostile text reaches the page in every field: 25+ places in the client view
    assert html.count("&lt;img src=x onerror=alert(2)&gt;") >= 25


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_markdown_is_inert(evil_plan: Path, audience: str) -> None:
    md = render_plan(load_plan(evil_plan), date(2026, 11, 23), RenderOptions(fmt="md", audience=audience), evil_plan)  # type: ignore[arg-type]
    assert "<script" not in md and "<img" not in md
    assert not re.search(r"(?<!\\)\]\(\s*<?javascript:", md)
    assert "{{ 7*7 }}" in md and "49" not in md


def test_client_audience_leaves_out_internal_fields(evil_plan: Path) -> None:
    plan = load_plan(evil_plan)
    client = render_plan(plan, date(2026, 11, 23), RenderOptions(), evil_plan)
    internal = render_plan(plan, date(2026, 11, 23), RenderOptions(audience="internal"), evil_plan)
    assert "Key-account selection" not in client and "Key-account selection" in internal
    assert "Internal: not for the client" not in client
    # notes of handoff, action, change, review, SLA and continuity: six more copies internally
    assert internal.count("onerror=alert(2)") - client.count("onerror=alert(2)") >= 6


def test_markdown_fields() -> None:
    assert str(to_html("[a](javascript:alert(1)) [b](https://x.org)")) == (
        '<p>[a](javascript:alert(1)) <a href="https://x.org">b</a></p>\n'
    )
    assert str(to_html("<b>x</b>")) == "<p>&lt;b&gt;x&lt;/b&gt;</p>\n"
    # An unsafe link: the field keeps its words, its brackets are escaped, so no link at all.
    assert to_markdown("[a](javascript:alert(1)) <b>") == "\\[a\\](javascript:alert(1)) &lt;b&gt;"
    assert to_markdown("ok [b](https://x.org) **bold**") == "ok [b](https://x.org) **bold**"
    urls = ("https://a", "MAILTO:x@y", "#s", "java\tscript:x", "data:x", "//evil", "/etc/passwd", "https:///x")
    assert [is_safe_url(u) for u in urls] == [True, True, False, False, False, False, False, False]


# ------------------------------------------------------------------ where documents land


def test_an_output_name_that_is_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    from asplan.render.document import RenderError, output_file

    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "elsewhere.html").write_text("x", encoding="utf-8")
    (site / "acme.html").symlink_to(tmp_path / "elsewhere.html")
    (site / "beta.html").symlink_to(site / "real-beta.html")  # a link that stays inside
    assert output_file(site, "plain", "html") == site.resolve() / "plain.html"
    assert output_file(site, "beta", "html") == site.resolve() / "real-beta.html"
    with pytest.raises(RenderError, match=r"account id 'acme' would write outside"):
        output_file(site, "acme", "html")
    with pytest.raises(RenderError, match=r"account id '\.\./up' would write outside"):
        output_file(site, "../up", "html")


def test_a_relative_output_folder_follows_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from asplan.render.document import output_file

    for name in ("one", "two"):
        (tmp_path / name / "site").mkdir(parents=True)
        monkeypatch.chdir(tmp_path / name)
        assert output_file(Path("site"), "acme", "md") == (tmp_path / name / "site" / "acme.md").resolve()
