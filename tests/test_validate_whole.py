"""The one-call validation of a valid plan gives exactly what section-by-section validation gives.

:mod:`asplan.model.validate_whole` validates a plan through :class:`Plan`'s own
validator, reading data paths from the parser's table by ``id()``; when it cannot
vouch for the result it gives up and the section path (with pruning) runs. These
tests validate every example, fixture and generated plan, valid or not, both ways
and compare the plans (every object and the data path it carries) and the findings.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from asplan.loading import Document, LoadError, parse_yaml
from asplan.model import validate_whole
from asplan.model.base import PlanModel
from asplan.model.validate import ValidatedPlan, validate_plan

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

from helpers import edit_lines  # noqa: E402

FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")], key=str)
EXAMPLES = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("examples/*.yaml"))]


def _generated() -> list[str]:
    """Forty plans of the benchmark corpus (bench/corpus.py), as its files hold them."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return [Path(p).read_text(encoding="utf-8") for p in corpus.write_corpus(folder, 40, seed=5)]


GENERATED = _generated()


def _objects(value: Any, into: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Every model object under ``value`` with its type, data path and fields set, in order."""
    if isinstance(value, BaseModel):
        path = value.path if isinstance(value, PlanModel) else None
        into.append((type(value).__name__, path, sorted(value.model_fields_set)))
        for name in type(value).model_fields:
            _objects(getattr(value, name), into)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _objects(item, into)
    elif isinstance(value, dict):
        for item in value.values():
            _objects(item, into)
    return into


def _both(document: Document) -> tuple[ValidatedPlan, ValidatedPlan]:
    data = document.data
    whole = validate_plan(data, document.positions, document.path, document.text, document.mapping_paths)
    sections = validate_plan(data, document.positions, document.path, document.text)
    return whole, sections


def _assert_same(whole: ValidatedPlan, sections: ValidatedPlan) -> None:
    assert whole.findings == sections.findings
    assert whole.plan == sections.plan
    assert _objects(whole.plan, []) == _objects(sections.plan, [])
    if whole.plan is not None and sections.plan is not None:
        assert whole.plan.model_dump() == sections.plan.model_dump()
        assert whole.plan.model_fields_set == sections.plan.model_fields_set


def _document(text: str) -> Document | None:
    try:
        document = parse_yaml(text, "plan.yaml")
    except LoadError:  # text that is not YAML has nothing to validate
        return None
    return document if isinstance(document.data, dict) and "asplan" in document.data else None


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each validation went the whole-plan way (True) or gave up (False)."""
    calls: list[bool] = []
    original = validate_whole.whole_plan_sections

    def spy(data: dict[Any, Any], paths: dict[int, Any]) -> dict[str, Any] | None:
        result = original(data, paths)
        calls.append(result is not None)
        return result

    monkeypatch.setattr("asplan.model.validate.whole_plan_sections", spy)
    return calls


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_examples_and_fixtures_validate_alike(path: Path, taken: list[bool]) -> None:
    document = _document(path.read_text(encoding="utf-8"))
    if document is None:
        return  # not a plan (or not YAML): nothing to validate
    whole, sections = _both(document)
    _assert_same(whole, sections)
    if path.parent.name == "examples":
        assert taken == [True], "a valid example must take the one-call way"


def test_generated_plans_validate_alike_and_take_the_one_call_way(taken: list[bool]) -> None:
    for text in GENERATED:
        document = _document(text)
        assert document is not None and document.mapping_paths is not None
        _assert_same(*_both(document))
    assert taken == [True] * len(GENERATED)


def test_an_invalid_plan_gives_up_and_reports_as_before(taken: list[bool]) -> None:
    text = EXAMPLES[0].replace("tier: ", "tier: golden-", 1)
    document = _document(text)
    assert document is not None
    whole, sections = _both(document)
    _assert_same(whole, sections)
    assert [f.code for f in whole.findings] == ["ASP102"]
    assert taken == [False]


@pytest.mark.parametrize(
    ("edit", "old", "new"),
    [
        ("unknown key", "account:\n", "account:\n  titel: x\n"),
        ("empty section", "account:\n", "risks:\naccount:\n"),
        ("own data", "account:\n", "x-note: {a: 1}\naccount:\n  x-mine: [1]\n"),
    ],
)
def test_keys_the_section_path_treats_its_own_way(edit: str, old: str, new: str, taken: list[bool]) -> None:
    minimal = (ROOT / "examples" / "minimal.yaml").read_text(encoding="utf-8")
    assert "\nrisks:" not in minimal
    document = _document(minimal.replace(old, new, 1))
    assert document is not None
    _assert_same(*_both(document))
    assert taken == [edit == "own data"]


def test_a_locale_without_a_language_keeps_the_accounts_path() -> None:
    # Account's before-validator validates a copy ({**data, "language": ...}): the copy
    # must keep the path, or findings about the account would point at line 1.
    text = "asplan: 1\naccount: {id: acme, name: Acme, tier: high, manager: ana, locale: es-MX}\n"
    text += "people:\n  - {id: ana, name: Ana, side: provider}\n"
    document = _document(text)
    assert document is not None
    whole, sections = _both(document)
    _assert_same(whole, sections)
    assert whole.plan is not None and whole.plan.account is not None
    assert whole.plan.account.path == ("account",)
    assert whole.plan.account.language.value == "es"


def test_shared_or_dropped_mappings_have_no_path_table() -> None:
    aliased = _document("asplan: 1\nbase: &b {id: x}\naccount: *b\n")
    duplicate = _document("asplan: 1\naccount: {id: a}\naccount: {id: b}\n")
    plain = _document("asplan: 1\naccount: {id: a}\n")
    assert aliased is not None and aliased.mapping_paths is None
    assert duplicate is not None and duplicate.mapping_paths is None
    assert plain is not None and plain.mapping_paths == {
        id(plain.data): (),
        id(plain.data["account"]): ("account",),
    }


@st.composite
def edited_plans(draw: st.DrawFn) -> str:
    """An example plan with lines deleted or copied, or a value typed onto a line's end: mostly invalid."""
    typed = st.tuples(st.sampled_from(["x", "1", " ", "-", "0", ".5"]), st.just(True))
    return edit_lines(draw, EXAMPLES + GENERATED[:5], typed, edits=3)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_plans())
def test_edited_plans_validate_alike(text: str) -> None:
    document = _document(text)
    if document is not None:
        _assert_same(*_both(document))


def test_a_plan_with_hidden_characters_keeps_its_path_table(taken: list[bool]) -> None:
    """ASP005 (a warning) changes no data, so such a plan still takes the one-call way, with the same result."""
    text = EXAMPLES[0].replace("name: ", "name: \u200b", 1)
    document = _document(text)
    assert document is not None and document.mapping_paths is not None
    assert [f.code for f in document.findings] == ["ASP005"]
    _assert_same(*_both(document))
    assert taken == [True]
