"""``asplan.loading``: YAML 1.2 core values, positions of keys and values, suppressions."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from asplan.loading import (
    LoadError,
    decode_utf8,
    iter_yaml_files,
    looks_like_plan,
    parse_suppressions,
    parse_yaml,
    read_text,
)

# Spec §7.8: the same findings with and without libyaml's C parser.
pytestmark = pytest.mark.usefixtures("yaml_parser")


def load_error(text: str) -> tuple[str, int, int, str]:
    with pytest.raises(LoadError) as info:
        parse_yaml(text)
    error = info.value
    return error.code, error.line, error.column, error.message


# ----------------------------------------------------------------- core schema values


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("2026-10-01", "2026-10-01"),  # dates stay text: the model parses them strictly
        ("on", "on"),  # YAML 1.1 booleans are strings in 1.2
        ("yes", "yes"),
        ("no", "no"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("010", 10),  # no YAML 1.1 octal
        ("1_000", "1_000"),  # no YAML 1.1 digit separators
        ("99.9", 99.9),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("12:30", "12:30"),  # no sexagesimal numbers
        ('"42"', "42"),
        ("'true'", "true"),
        ("!!str 42", "42"),
        ("!!float 1", 1.0),
    ],
)
def test_scalars_resolve_by_the_yaml_12_core_schema(source: str, value: object) -> None:
    assert parse_yaml(f"x: {source}\n").data == {"x": value}


def test_nan_is_a_float() -> None:
    assert math.isnan(parse_yaml("x: .nan\n").data["x"])


def test_aliases_share_their_value() -> None:
    data = parse_yaml("a: &who maria\nb: *who\nc: &l [1, 2]\nd: *l\n").data
    assert data == {"a": "maria", "b": "maria", "c": [1, 2], "d": [1, 2]}


def test_merge_keys_are_plain_keys() -> None:
    # ``<<`` is not part of YAML 1.2: it stays an ordinary (and, in a plan, unknown) key.
    assert parse_yaml("base: &b {x: 1}\nitem:\n  <<: *b\n").data == {"base": {"x": 1}, "item": {"<<": {"x": 1}}}


def test_non_string_keys_become_text() -> None:
    assert parse_yaml("1: a\ntrue: b\n~: c\n").data == {"1": "a", "True": "b", "null": "c"}


def test_empty_document_is_none() -> None:
    assert parse_yaml("").data is None
    assert parse_yaml("# only a comment\n").data is None


# ---------------------------------------------------------------------------- positions

BLOCK = """\
asplan: 1
account:
  id: acme
  tags:
    - a
    - {k: v}
"""


def test_positions_in_block_style() -> None:
    positions = parse_yaml(BLOCK).positions
    assert positions.value(()) == (1, 1)
    assert positions.key(("asplan",)) == (1, 1)
    assert positions.value(("asplan",)) == (1, 9)
    assert positions.key(("account",)) == (2, 1)
    assert positions.value(("account",)) == (3, 3)
    assert positions.key(("account", "id")) == (3, 3)
    assert positions.value(("account", "id")) == (3, 7)
    assert positions.value(("account", "tags", 0)) == (5, 7)
    assert positions.value(("account", "tags", 1)) == (6, 7)
    assert positions.key(("account", "tags", 1, "k")) == (6, 8)
    assert positions.value(("account", "tags", 1, "k")) == (6, 11)


def test_positions_in_flow_style() -> None:
    positions = parse_yaml('asplan: 1\nactions: [{id: A1, due: "2026-01-01"}, {id: A2}]\n').positions
    assert positions.value(("actions",)) == (2, 10)
    assert positions.value(("actions", 0)) == (2, 11)
    assert positions.key(("actions", 0, "due")) == (2, 20)
    assert positions.value(("actions", 0, "due")) == (2, 25)
    assert positions.value(("actions", 1, "id")) == (2, 45)


def test_list_items_have_no_key_position() -> None:
    positions = parse_yaml(BLOCK).positions
    assert positions.key(("account", "tags", 0)) == (5, 7)


def test_unknown_paths_fall_back_to_the_nearest_ancestor() -> None:
    positions = parse_yaml(BLOCK).positions
    assert positions.value(("account", "contract", "end")) == (3, 3)
    assert positions.value(("nowhere",)) == (1, 1)
    assert positions.has(("account", "id"))
    assert not positions.has(("account", "contract"))


def test_positions_with_crlf_line_ends() -> None:
    positions = parse_yaml(BLOCK.replace("\n", "\r\n")).positions
    assert positions.value(("account", "id")) == (3, 7)
    assert positions.value(("account", "tags", 1, "k")) == (6, 11)


def test_positions_after_multibyte_characters_count_characters() -> None:
    positions = parse_yaml("name: Logística\nid: {ñ: é, x: 1}\n").positions
    assert positions.value(("id", "x")) == (2, 15)


def test_positions_of_an_aliased_value_are_the_alias() -> None:
    positions = parse_yaml("a: &p {x: 1}\nb: *p\n").positions
    assert positions.value(("b",)) == (2, 4)
    assert positions.value(("b", "x")) == (2, 4)


# ------------------------------------------------------------------------- duplicates


def test_duplicate_key_keeps_the_first_value_and_its_positions() -> None:
    document = parse_yaml("a:\n  x: 1\nb: 2\na:\n  y: 2\n")
    assert document.data == {"a": {"x": 1}, "b": 2}
    assert document.positions.value(("a",)) == (2, 3)
    assert not document.positions.has(("a", "y"))
    assert [(f.code, f.line, f.column, f.path) for f in document.findings] == [("ASP002", 4, 1, "a")]
    assert document.findings[0].message == "duplicate key 'a' (first defined on line 1): remove or rename one of them"


def test_duplicate_key_deep_in_flow_style() -> None:
    document = parse_yaml("x: [{a: 1, b: [{c: 1, c: 2}]}]\n")
    assert document.data == {"x": [{"a": 1, "b": [{"c": 1}]}]}
    assert [(f.code, f.line, f.column, f.path) for f in document.findings] == [("ASP002", 1, 23, "x[0].b[0].c")]


# ------------------------------------------------------------------------------ errors


def test_syntax_error_position_and_message() -> None:
    code, line, column, message = load_error("asplan: 1\naccount: {id: acme\n")
    assert (code, line, column) == ("ASP001", 2, 10)  # the '{' that is never closed
    assert message.startswith("YAML syntax error: this '{' is not closed with '}' on its line")
    assert message.endswith("(while parsing a flow mapping))")  # the parser's words kept as a detail


def test_unknown_alias() -> None:
    assert load_error("a: *nowhere\n")[:3] == ("ASP001", 1, 4)


def test_collection_as_a_key_is_refused() -> None:
    assert load_error("? [a, b]\n: c\n")[:3] == ("ASP004", 1, 3)
    assert load_error("{a: 1}: c\n")[:3] == ("ASP004", 1, 1)


def test_second_document_is_refused_where_it_starts() -> None:
    code, line, column, message = load_error("asplan: 1\n---\nasplan: 1\n")
    assert (code, line, column) == ("ASP001", 2, 1)
    assert message == "more than one YAML document: a plan file holds exactly one"


def test_one_explicit_document_is_fine() -> None:
    assert parse_yaml("---\nasplan: 1\n...\n").data == {"asplan": 1}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("asplan: 1\naccount:\n\tid: acme\n", 3, 1),
        ("asplan: 1\naccount:\n  id: acme\n\tname: x\n", 4, 1),
        ("asplan: 1\nx: |\n\ttext\n", 3, 1),
    ],
)
def test_tab_indentation_message(text: str, line: int, column: int) -> None:
    assert load_error(text) == (
        "ASP001",
        line,
        column,
        "YAML syntax error: tabs are not allowed for indentation: use spaces",
    )


def test_tab_after_a_colon_is_only_a_separator() -> None:
    assert parse_yaml("asplan:\t1\n").data == {"asplan": 1}


def test_other_bad_characters_keep_the_parser_message() -> None:
    code, line, column, message = load_error("asplan: 1\nx: @foo\n")
    assert (code, line, column) == ("ASP001", 2, 4)
    assert "tab" not in message


# ----------------------------------------------------------------------- text decoding


def test_bom_is_dropped() -> None:
    assert decode_utf8(b"\xef\xbb\xbfasplan: 1\n") == "asplan: 1\n"


def test_utf16_is_named() -> None:
    with pytest.raises(LoadError, match="UTF-16"):
        decode_utf8("asplan: 1\n".encode("utf-16"))


def test_bad_byte_position() -> None:
    with pytest.raises(LoadError) as info:
        decode_utf8(b"a: 1\nbb: \xe9t\xe9\n")
    assert (info.value.code, info.value.line, info.value.column) == ("ASP001", 2, 5)


def test_read_text_refuses_large_files(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 30)
    assert read_text(str(path), max_bytes=150) == "a: 1\n" * 30
    with pytest.raises(LoadError) as info:
        read_text(str(path), max_bytes=149)
    assert info.value.code == "ASP004"
    assert info.value.message.startswith("file is 150 bytes, over the limit of 149")


def test_read_text_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        read_text(str(tmp_path / "gone.yaml"))
    assert info.value.code == "ASP001"
    assert info.value.message.startswith("cannot read file: ")


# -------------------------------------------------------------------------- suppressions


def test_suppression_comments() -> None:
    text = (
        "a: 1  # asplan: ignore[ASP201]\n"
        "b: 2\n"
        "c: 3  # asplan: ignore\n"
        "d: 4  #asplan:ignore[asp302, ASP301 ]\n"
        "e: 5  # asplan: ignore[]\n"
    )
    assert parse_suppressions(text) == {
        1: frozenset({"ASP201"}),
        3: None,
        4: frozenset({"ASP302", "ASP301"}),
        5: None,
    }


def test_no_suppressions() -> None:
    assert parse_suppressions("a: 1  # ignore this\n") == {}


# ------------------------------------------------------------------------------ finding


def test_iter_yaml_files_is_sorted_and_skips_hidden_folders(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "notes.txt", "sub/c.yaml", ".git/d.yaml", "node_modules/e.yaml", ".hidden/f.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in iter_yaml_files(str(tmp_path))]
    assert found == ["a.yml", "b.yaml", "sub/c.yaml"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("asplan: 1\n", True),
        ("# comment\nasplan : 1\n", True),
        ('{"asplan": 1}\n', True),
        ("  asplan: 1\n", False),
        ("services: {}\n", False),
    ],
)
def test_looks_like_plan(text: str, expected: bool) -> None:
    assert looks_like_plan(text) is expected
