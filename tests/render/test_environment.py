"""The render environment's shortcuts change nothing a template can see (render/environment.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup, escape

from asplan.render.environment import CompiledTemplates, TranslatorContext, _replace_escape, environment, escape_output
from asplan.render.i18n import locale


def _template_dir(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_translator_is_called_directly_and_everything_else_as_jinja_does(tmp_path: Path) -> None:
    @jinja2.pass_context
    def who(context: jinja2.runtime.Context, suffix: str) -> str:
        return f"{context['t'].lang}{suffix}"

    folder = _template_dir(
        tmp_path,
        "probe.html.j2",
        '{% macro shout(x) %}{{ x | upper }}{% endmacro %}'
        '{% for i in [1] %}{{ t("doc.footer", file="a<b") }}|{{ t.n("due.in_days", 2) }}|{{ who("!") }}'
        "|{{ shout(t('doc.title')) }}{% endfor %}",
    )
    env = environment("html", folder)
    assert env.context_class is TranslatorContext
    t = locale("es")
    text = env.get_template("html/probe.html.j2").render(t=t, who=who)
    assert text == (
        f"{escape(t('doc.footer', file='a<b'))}|{t.n('due.in_days', 2)}|es!|{t('doc.title').upper()}"
    )
    assert "a&lt;b" in text


def test_only_a_template_folder_is_watched_for_changes(tmp_path: Path) -> None:
    assert environment("html", None).auto_reload is False  # the shipped templates do not change under a run
    folder = _template_dir(tmp_path, "one.html.j2", "first")
    env = environment("html", folder)
    assert env.get_template("html/one.html.j2").render() == "first"
    (folder / "html" / "one.html.j2").write_text("second version", encoding="utf-8")
    assert env.get_template("html/one.html.j2").render() == "second version"


class _Html:
    def __html__(self) -> str:
        return "<i>safe</i>"


class _Text(str):
    pass


ESCAPED = ["Ana Ruiz", "Revisión <trimestral> & 'anual' \"Q4\"", "", "&amp;", Markup("<b>x</b>"), _Text("a<b"),
           42, 99.5, None, True, _Html()]  # fmt: skip


def test_escape_output_gives_the_text_markupsafe_gives() -> None:
    for value in ESCAPED:
        assert escape_output(value) == str(escape(value)), value
    assert escape_output("a<b & 'c'") == "a&lt;b &amp; &#39;c&#39;"
    assert escape_output(Markup("<b>x</b>")) == "<b>x</b>"
    for value in ESCAPED[:3]:
        assert _replace_escape(value) == str(escape(value))  # the fallback without markupsafe's routine


def test_autoescape_switched_in_the_template_keeps_jinja_s_code(tmp_path: Path) -> None:
    folder = _template_dir(
        tmp_path,
        "switch.html.j2",
        "{{ x }}|{% autoescape false %}{{ x }}{% endautoescape %}|{% autoescape flag %}{{ x }}{% endautoescape %}",
    )
    template = environment("html", folder).get_template("html/switch.html.j2")
    assert template.render(x="<b>", flag=True) == "&lt;b&gt;|<b>|&lt;b&gt;"
    assert template.render(x="<b>", flag=False) == "&lt;b&gt;|<b>|<b>"


def _fresh_environment(cache: Path, monkeypatch: pytest.MonkeyPatch) -> jinja2.Environment:
    """What a new process gets: the environment built anew, over the cache folder ``cache``."""
    monkeypatch.setenv("ASPLAN_CACHE_DIR", str(cache))
    monkeypatch.delenv("ASPLAN_NO_CACHE", raising=False)
    return environment.__wrapped__("html", None)  # type: ignore[attr-defined,no-any-return]


def test_compiled_templates_are_kept_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t = locale("en")
    first = _fresh_environment(tmp_path, monkeypatch)
    assert isinstance(first.bytecode_cache, CompiledTemplates)
    text = first.get_template("html/_risks.html.j2").render(t=t, v=_NoRisks())
    [kept] = (tmp_path / "templates").iterdir()
    assert kept.read_bytes().startswith(b"asplan-template 1\n")
    compiled = []
    second = _fresh_environment(tmp_path, monkeypatch)
    monkeypatch.setattr(second, "compile", lambda *a, **k: compiled.append(a) or first.compile(*a, **k))
    assert second.get_template("html/_risks.html.j2").render(t=t, v=_NoRisks()) == text
    assert compiled == []  # read from the cache, not compiled


@pytest.mark.parametrize("damage", ["truncated", "foreign", "garbage"])
def test_a_damaged_or_foreign_entry_is_compiled_again(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = locale("es")
    text = _fresh_environment(tmp_path, monkeypatch).get_template("html/_risks.html.j2").render(t=t, v=_NoRisks())
    [entry] = (tmp_path / "templates").iterdir()
    good = entry.read_bytes()
    damaged = {
        "truncated": good[: len(good) - 40],
        "foreign": good.replace(b"asplan-template 1", b"asplan-template 0"),
        "garbage": good[: good.index(b"\n", good.index(b"jinja2")) + 1] + b"\x00" * 64,
    }[damage]
    entry.write_bytes(damaged)
    again = _fresh_environment(tmp_path, monkeypatch)
    assert again.get_template("html/_risks.html.j2").render(t=t, v=_NoRisks()) == text
    assert entry.read_bytes() == good  # compiled again and written over


def test_no_compiled_templates_with_caches_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASPLAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ASPLAN_NO_CACHE", "1")
    env = environment.__wrapped__("html", None)  # type: ignore[attr-defined]
    assert env.bytecode_cache is None
    env.get_template("html/_risks.html.j2")
    assert not (tmp_path / "templates").exists()


class _NoRisks:
    risks = ()
    internal = False
