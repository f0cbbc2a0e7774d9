"""libyaml's parser calling the composer directly gives what its event objects give.

:func:`asplan.yaml_parser.feed_events` lets libyaml's parser call the composer's
methods where it would build ruamel's event objects (a third of parsing, saved). The
older way, event objects read back field by field, is kept for the pure-Python parser
and for a ruamel build where the direct calls do not work; these tests pin that both
ways compose every input alike, refusals and their positions and words included, and
that ruamel's module is left as it was found.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asplan import loading, yaml_parser
from asplan.yaml_compose import _Composer
from helpers import edit_lines

ROOT = Path(__file__).parent.parent
FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")], key=str)
EXAMPLES = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("examples/*.yaml"))]

HOSTILE = {
    "tag": "asplan: 1\nname: !!python/object:os.system x\n",
    "core tags": "asplan: !!int 1\na: !!str 2\nb: !!float 3\nc: !!bool true\nd: !!null ''\ne: ! '4'\n",
    "bad core tag": "asplan: 1\na: !!int x\n",
    "tagged collection": "asplan: 1\na: !!map {b: 1}\nc: !custom [1]\n",
    "duplicate scalar": "asplan: 1\na: 1\na: 2\n",
    "duplicate collection": "asplan: 1\na: {b: 1}\na: {c: [1, 2]}\nd: 3\n",
    "two documents": "asplan: 1\n---\nasplan: 2\n",
    "unknown alias": "asplan: 1\nnote: *bold* text\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcd", "bcde", strict=True)),
    "alias chars": "a: &a " + "x" * 5000 + "\nb: [" + ", ".join(["*a"] * 300) + "]\n",
    "shared anchors": "base: &b {x: 1, y: [1, 2]}\none: *b\ntwo: {z: *b}\nk: &k key\n*k : 3\n",
    "deep": "a: " + "[" * 70 + "]" * 70 + "\n",
    "long int": "asplan: 1\nn: " + "9" * 5000 + "\n",
    "collection key": "asplan: 1\n? [a, b]\n: c\n",
    "flow key": "asplan: 1\n{a: 1}: 2\n",
    "hidden": 'asplan: 1\na: "x\\u202ey"\nb: plain\u200bword\n',
    "syntax": "asplan: 1\nname: \"Acme\" Logistics\n",
    "late quote": "asplan: 1\na: 'it's\nb: 2\n",
    "tabs": "asplan:\t1\nb: [1,\t2]\n",
    "numbers": "a: [0o17, 0x1F, -.inf, .NaN, +12, 1e3, 007, ٣]\n",
    "nulls": "a:\nb: ~\nc: null\n? d\ne: [~, , ]\n",
    "root scalar": "just text\n",
    "root sequence": "- 1\n- {a: 2}\n",
    "empty": "",
    "comments only": "# nothing\n",
    "explicit end": "asplan: 1\n...\n",
}


def _parse(text: str) -> tuple[Any, ...]:
    try:
        document = loading.parse_yaml(text, "plan.yaml")
    except loading.LoadError as error:
        return ("refused", error.code, error.line, error.column, error.message)
    positions = document.positions
    findings = [(f.code, f.line, f.column, f.message, f.path) for f in document.findings]
    return ("parsed", repr(document.data), positions.values, positions.keys, positions.flow, findings)


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    direct = _parse(text)
    with monkeypatch.context() as patch:
        patch.setattr(yaml_parser, "_direct_calls_work", lambda composer_class: False)
        objects = _parse(text)
    return direct, objects


@pytest.fixture(autouse=True)
def _libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(yaml_parser.PARSER_ENV, raising=False)
    assert yaml_parser.yaml_parser_name() == "libyaml"
    assert yaml_parser._direct_calls_work(_Composer)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_and_fixture_composes_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    direct, objects = _both(path.read_text(encoding="utf-8"), monkeypatch)
    assert direct == objects
    assert direct[0] == "parsed"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_and_odd_inputs_compose_or_are_refused_alike(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    direct, objects = _both(HOSTILE[name], monkeypatch)
    assert direct == objects


def test_the_odd_inputs_take_the_paths_they_are_meant_to() -> None:
    assert _parse(HOSTILE["tag"])[:4] == ("refused", "ASP004", 2, 7)
    assert _parse(HOSTILE["alias bomb"])[:2] == ("refused", "ASP004")
    assert "alias bomb" in _parse(HOSTILE["alias chars"])[4]
    assert _parse(HOSTILE["deep"])[:4] == ("refused", "ASP004", 1, 67)
    assert _parse(HOSTILE["two documents"])[:4] == ("refused", "ASP001", 2, 1)
    assert _parse(HOSTILE["syntax"])[:2] == ("refused", "ASP001")
    assert [f[0] for f in _parse(HOSTILE["duplicate collection"])[5]] == ["ASP002"]
    shared = {"x": 1, "y": [1, 2]}
    assert _parse(HOSTILE["shared anchors"])[1] == repr(
        {"base": shared, "one": shared, "two": {"z": shared}, "k": "key", "key": 3}
    )


def test_the_late_quote_hint_reads_the_last_scalar_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    # The hint needs the event before the error: the direct path parses again for it.
    direct, objects = _both(HOSTILE["late quote"], monkeypatch)
    assert direct == objects
    assert direct[0] == "refused" and "quote" in direct[4]


def test_ruamels_event_classes_are_put_back_after_every_parse() -> None:
    from ruamel.yaml import events
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]

    module = sys.modules[CParser.__module__]
    for text in (EXAMPLES[0], HOSTILE["tag"], HOSTILE["syntax"], HOSTILE["long int"], HOSTILE["alias bomb"]):
        _parse(text)
        assert all(getattr(module, name) is getattr(events, name) for name in yaml_parser._STAND_INS)
    # And ruamel's own event API still works afterwards.
    parser = CParser("a: 1\n")
    kinds = []
    while not kinds or kinds[-1] != "StreamEndEvent":
        kinds.append(type(parser.get_event()).__name__)
    assert kinds[3] == "ScalarEvent"


@st.composite
def edited_plans(draw: st.DrawFn) -> str:
    """An example plan with lines deleted, copied or typed into: syntax errors included."""
    typed = st.tuples(st.text(st.characters(codec="utf-8", exclude_characters="\r"), max_size=8), st.just(False))
    return edit_lines(draw, EXAMPLES, typed, edits=4)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edited_plans())
def test_edited_plans_compose_alike(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    direct, objects = _both(text, monkeypatch)
    assert direct == objects


# --- one parse at a time, whatever else happens in the process (review of 2026-12-02) ------------

BROKEN = 'asplan: 1\nname: "Acme" Logistics\n'


def _hint() -> str:
    with pytest.raises(loading.LoadError) as refused:
        loading.parse_yaml(BROKEN)
    return refused.value.message


def test_two_threads_parsing_at_once_each_get_their_own_document() -> None:
    """The syntax-error hint re-parses with event objects; it must not meet another thread's direct parse."""
    import threading

    good = EXAMPLES[0]
    expected_data, expected_hint = loading.parse_yaml(good).data, _hint()
    wrong: list[str] = []

    def parse_good() -> None:
        for _ in range(60):
            if loading.parse_yaml(good).data != expected_data:
                wrong.append("good")

    def parse_broken() -> None:
        for _ in range(60):
            if _hint() != expected_hint:
                wrong.append("hint")

    threads = [threading.Thread(target=parse_good), threading.Thread(target=parse_broken)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert wrong == []
    assert expected_hint.startswith('YAML syntax error: this " closes the quoted value')


def _patched() -> list[str]:
    import _ruamel_yaml  # type: ignore[import-not-found]
    from ruamel.yaml import events as ev

    return [name for name in yaml_parser._STAND_INS if getattr(_ruamel_yaml, name) is not getattr(ev, name)]


def test_names_left_bound_by_an_interrupt_are_put_back_by_the_next_parse() -> None:
    """An interrupt between the parse and the restore leaves the names bound; the next parse heals them."""
    import _ruamel_yaml

    hint = _hint()
    dead = _Composer("a: 1\n", "<dead>")
    _ruamel_yaml.__dict__.update({name: dead.scalar for name in yaml_parser._STAND_INS})
    assert len(_patched()) == len(yaml_parser._STAND_INS)
    assert loading.parse_yaml("a: [1, {b: c}]\n").data == {"a": [1, {"b": "c"}]}
    assert _patched() == []
    _ruamel_yaml.__dict__.update({name: dead.scalar for name in yaml_parser._STAND_INS})
    assert _hint() == hint  # the event-object parse puts them right before it starts
    assert _patched() == []


def test_a_parse_inside_a_parse_of_the_same_thread_does_not_wait_for_itself() -> None:
    """From a signal handler or a finalizer: the pure-Python parser, and the same result."""
    import threading

    results: list[Any] = []

    def nested() -> None:
        with yaml_parser._SWAP.lock:
            yaml_parser._SWAP.owner = threading.get_ident()
            try:
                results.append(loading.parse_yaml("b: [2, {c: d}]\n").data)
            finally:
                yaml_parser._SWAP.owner = None

    thread = threading.Thread(target=nested)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the nested parse waited for the lock its own thread holds"
    assert results == [{"b": [2, {"c": "d"}]}]


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork() is POSIX")
def test_a_child_forked_during_a_parse_parses() -> None:
    """The child gets a lock nobody holds and ruamel's names as they should be."""
    import os

    with yaml_parser._SWAP.lock:  # as if another thread were parsing when the fork happened
        import _ruamel_yaml

        _ruamel_yaml.__dict__.update({name: _Composer("", "<x>").scalar for name in yaml_parser._STAND_INS})
        pid = os.fork()
        if pid == 0:  # the child: report through the exit code, never return into pytest
            code = 1
            try:
                signal_alarm = __import__("signal").alarm
                signal_alarm(10)
                ok = loading.parse_yaml("a: [1, 2]\n").data == {"a": [1, 2]} and _patched() == []
                code = 0 if ok else 1
            finally:
                os._exit(code)
        _ruamel_yaml.__dict__.update(yaml_parser._originals())
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
