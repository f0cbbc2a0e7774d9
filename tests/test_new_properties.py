"""``asplan new`` writes a valid plan for any id and name it accepts (spec §7.1, §4 "new").

YAML reads ``4711``, ``007``, ``true``, ``null``, ``1e5`` and ``0x1F`` as numbers,
booleans or nothing: written unquoted, an id like these made the fresh plan fail
``check`` (ASP102), and so did a manager called ``True`` or ``007`` (their person id).
Names may hold anything a terminal can pass: quotes, colons, ``#``, newlines, control
characters, scripts without Latin letters (whose person id is then asked for).
"""

from __future__ import annotations

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from asplan.loading import parse_yaml
from asplan.model.scalars import ID_PATTERN
from asplan.scaffold import NewPlan, ScaffoldError, plan_text
from helpers import check_text, examples

ids = st.one_of(
    st.sampled_from(["4711", "007", "true", "True", "null", "1e5", "1E-5", "0x1F", "0o17", "1.", "1.5", "inf", "acme"]),
    st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 100),
)
texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
LANGS = ["es", "en"]
names = st.one_of(st.sampled_from(["True", "007", "null", "ACME: Logística #1", "李 小龍", "- x", "'q'"]), texts)


@example(account_id="4711", name="ACME", manager="María López", manager_id=None, lang="en")
@example(account_id="true", name="True", manager="True", manager_id=None, lang="es")
@example(account_id="0x1F", name="007", manager="007", manager_id=None, lang="en")
@example(account_id="li", name="李 小龍", manager="李 小龍", manager_id="li.xiaolong", lang="es")
@settings(max_examples=examples(60), deadline=None)
@given(ids, names, names, st.one_of(st.none(), st.from_regex(ID_PATTERN, fullmatch=True)), st.sampled_from(LANGS))
def test_every_plan_new_writes_passes_check(
    account_id: str, name: str, manager: str, manager_id: str | None, lang: str
) -> None:
    plan = NewPlan(account_id, name, "high", manager, lang, manager_id=manager_id)  # type: ignore[arg-type]
    try:
        text = plan_text(plan)
    except ScaffoldError:
        assume(False)  # refused with a message: not a plan new writes
        raise
    findings = check_text(text, filename=f"{account_id}.yaml")
    assert [f for f in findings if f.severity.value == "error"] == [], text
    data = parse_yaml(text).data
    assert data["account"]["id"] == account_id
    assert data["account"]["name"] == name.strip()
    assert data["people"][0]["name"] == manager.strip()
    assert data["account"]["manager"] == data["people"][0]["id"]
