"""ASP509: placeholder text (TODO, TBD, FIXME, XXX) left in a plan value."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan


def test_placeholders_in_values() -> None:
    text = plan(
        """\
        business:
          strategy: TODO ask Carlos
          markets: [España, TBD]
        actions:
          - {id: A1, title: "Migrate (FIXME: which system?)"}
        """
    )
    findings = check_text(text, select=["ASP509"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [
        ("ASP509", 10, 13, "business.strategy"),
        ("ASP509", 11, 21, "business.markets[1]"),
        ("ASP509", 13, 21, "actions[0].title"),
    ]
    assert messages(findings, "ASP509")[0] == "placeholder 'TODO' left in the plan: fill it in before sharing"


def test_comments_x_keys_lowercase_and_words_containing_it_pass() -> None:
    text = plan(
        """\
        # TODO: add the client side
        business:
          strategy: a todo list, TODOS and MTBD are not placeholders
        x-notes: TODO
        """
    )
    assert lint(text, "ASP509") == []


def test_a_placeholder_written_with_escapes_is_found_though_the_file_lacks_the_word() -> None:
    # The rule skips plans whose text holds neither a placeholder word nor a backslash;
    # an escape in a double-quoted value is the one way a value gets letters the file lacks.
    text = plan(
        """\
        business:
          strategy: "\\x54ODO ask Carlos"
          markets: ["T\\u0042D"]
        """
    )
    assert "TODO" not in text and "TBD" not in text
    findings = check_text(text, select=["ASP509"])
    assert [(f.line, f.column, f.path) for f in findings] == [
        (10, 13, "business.strategy"),
        (11, 13, "business.markets[0]"),
    ]
    assert messages(findings, "ASP509") == [
        "placeholder 'TODO' left in the plan: fill it in before sharing",
        "placeholder 'TBD' left in the plan: fill it in before sharing",
    ]
