"""The five ``asplan check`` output formats, on one hand-built report."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from asplan.findings import Finding, Severity
from asplan.reporters import FORMATS, get_reporter, reporter_class
from asplan.reporters.base import CheckReport, Reporter, ReportOptions
from asplan.reporters.github import GithubReporter, escape_data, escape_property
from asplan.reporters.gitlab import GitlabReporter, fingerprint
from asplan.reporters.json import JsonReporter
from asplan.reporters.junit import JunitReporter
from asplan.reporters.sarif import SarifReporter
from asplan.reporters.text import TextReporter

ACME = "plans/acme.yaml"
CLEAN = "plans/clean.yaml"
GLOBEX = "plans/globex.yaml"
TRICKY_MESSAGE = "Action 'a-1': 100% late,\nask the owner"

SUMMARIES = {
    "ASP101": "Required field missing",
    "ASP201": "Reference to an unknown person",
    "ASP302": "Action overdue",
    "ASP309": "Review due soon",
    "ASP505": "No decision maker on the client side",  # in no finding: no SARIF rule
}

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def make_report(findings: list[Finding] | None = None, files: list[str] | None = None) -> CheckReport:
    if findings is None:
        findings = [
            Finding(ACME, 3, 5, "ASP101", Severity.ERROR, "Required field 'name' missing", "account"),
            Finding(ACME, 12, 7, "ASP302", Severity.WARNING, TRICKY_MESSAGE, "actions[0].due"),
            Finding(ACME, 20, 3, "ASP309", Severity.INFO, "Revisión vencida", "reviews.next"),
            Finding(
                GLOBEX,
                8,
                1,
                "ASP201",
                Severity.ERROR,
                "Unknown person 'ana.ruis'",
                "people[0].reports_to",
            ),
            Finding(GLOBEX, 9, 11, "ASP302", Severity.WARNING, "Action 'a-2' overdue", "actions[1].due"),
        ]
    return CheckReport(
        version="0.1.0",
        today=date(2026, 11, 23),
        files=[ACME, CLEAN, GLOBEX] if files is None else files,
        findings=findings,
        summaries=dict(SUMMARIES),
    )


def render(reporter: Reporter, report: CheckReport | None = None, **options: bool) -> str:
    return reporter.render(report or make_report(), ReportOptions(**options))


# --- registry ----------------------------------------------------------------------


def test_registry_names_every_format() -> None:
    expected = [
        ("text", TextReporter),
        ("json", JsonReporter),
        ("github", GithubReporter),
        ("sarif", SarifReporter),
        ("junit", JunitReporter),
        ("gitlab", GitlabReporter),
    ]
    assert [(name, reporter_class(name)) for name in FORMATS] == expected
    for name, cls in expected:
        reporter = get_reporter(name)
        assert type(reporter) is cls
        assert reporter.name == name


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(ValueError, match=r"'xml'.*text, json, github, sarif, junit, gitlab"):
        get_reporter("xml")


# --- text --------------------------------------------------------------------------

EXPECTED_TEXT = """\
plans/acme.yaml
plans/acme.yaml:3:5 ASP101 [error] Required field 'name' missing
plans/acme.yaml:12:7 ASP302 [warning] Action 'a-1': 100% late,
    ask the owner
plans/acme.yaml:20:3 ASP309 [info] Revisión vencida

plans/globex.yaml
plans/globex.yaml:8:1 ASP201 [error] Unknown person 'ana.ruis'
plans/globex.yaml:9:11 ASP302 [warning] Action 'a-2' overdue

Found 2 errors, 2 warnings and 1 info in 2 of 3 files.
"""


def test_text_groups_by_file_and_sums_up() -> None:
    output = render(TextReporter())
    assert output == EXPECTED_TEXT
    assert CLEAN not in output
    assert "\x1b" not in output


def test_text_with_colour_is_the_same_text_painted() -> None:
    output = render(TextReporter(), color=True)
    assert "\x1b[1;31m[error]\x1b[0m" in output
    assert "\x1b[33m[warning]\x1b[0m" in output
    assert "\x1b[36m[info]\x1b[0m" in output
    assert "\x1b[1;4mplans/acme.yaml\x1b[0m" in output
    assert ANSI.sub("", output) == EXPECTED_TEXT


def test_text_statistics_most_frequent_first() -> None:
    output = render(TextReporter(), statistics=True)
    findings_part, statistics, summary = output.rsplit("\n\n", 2)
    assert findings_part + "\n\n" == EXPECTED_TEXT.rsplit("\n\n", 1)[0] + "\n\n"
    assert statistics.splitlines() == [
        "2  ASP302  warning  Action overdue",
        "1  ASP101  error    Required field missing",
        "1  ASP201  error    Reference to an unknown person",
        "1  ASP309  info     Review due soon",
    ]
    assert summary == "Found 2 errors, 2 warnings and 1 info in 2 of 3 files.\n"
    assert "\x1b" not in output


def test_text_statistics_split_a_code_reported_at_two_severities() -> None:
    report = make_report(
        [
            Finding(ACME, 1, 1, "ASP306", Severity.WARNING, "Contract renewal window open"),
            Finding(ACME, 2, 1, "ASP306", Severity.ERROR, "Contract expired"),
            Finding(GLOBEX, 1, 1, "ASP306", Severity.ERROR, "Contract expired"),
        ]
    )
    lines = render(TextReporter(), report, statistics=True).splitlines()
    assert lines[-4:-2] == ["2  ASP306  error", "1  ASP306  warning"]


def test_text_all_clean() -> None:
    assert render(TextReporter(), make_report([])) == "All checks passed: 3 files, no findings.\n"
    assert (
        render(TextReporter(), make_report([], files=[CLEAN]), statistics=True)
        == "All checks passed: 1 file, no findings.\n"
    )
    coloured = render(TextReporter(), make_report([]), color=True)
    assert coloured == "\x1b[1;32mAll checks passed: 3 files, no findings.\x1b[0m\n"


@pytest.mark.parametrize(
    ("severities", "summary"),
    [
        ([Severity.WARNING], "Found 1 warning in 1 of 1 file."),
        ([Severity.INFO, Severity.INFO], "Found 2 infos in 1 of 1 file."),
        ([Severity.ERROR, Severity.INFO], "Found 1 error and 1 info in 1 of 1 file."),
    ],
)
def test_text_summary_wording(severities: list[Severity], summary: str) -> None:
    findings = [Finding(ACME, line, 1, "ASP302", severity, "x") for line, severity in enumerate(severities, start=1)]
    output = render(TextReporter(), make_report(findings, files=[ACME]))
    assert output.splitlines()[-1] == summary


def test_text_never_passes_control_characters_to_the_terminal() -> None:
    report = make_report([Finding(ACME, 1, 1, "ASP509", Severity.WARNING, "TODO \x1b[2J\x07 left")])
    output = render(TextReporter(), report)
    assert "\x1b" not in output
    assert "\x07" not in output
    assert r"plans/acme.yaml:1:1 ASP509 [warning] TODO \x1b[2J\x07 left" in output


def test_text_lists_files_known_only_from_findings_after_the_checked_ones() -> None:
    events = "events/outages.csv"
    report = make_report(
        [
            Finding(events, 1, 1, "ASP206", Severity.ERROR, "Column 'end' missing"),
            Finding(GLOBEX, 2, 1, "ASP302", Severity.WARNING, "Action overdue"),
        ]
    )
    headers = [line for line in render(TextReporter(), report).splitlines() if line and ":" not in line]
    assert headers[:2] == [GLOBEX, events]
    assert headers[-1] == "Found 1 error and 1 warning in 2 of 4 files."


# --- json --------------------------------------------------------------------------


def test_json_exact_shape() -> None:
    output = render(JsonReporter())
    data = json.loads(output)
    assert list(data) == ["tool", "version", "today", "files", "findings", "summary"]
    assert data == {
        "tool": "asplan",
        "version": "0.1.0",
        "today": "2026-11-23",
        "files": [ACME, CLEAN, GLOBEX],
        "findings": [
            {
                "file": ACME,
                "line": 3,
                "column": 5,
                "code": "ASP101",
                "severity": "error",
                "message": "Required field 'name' missing",
                "path": "account",
            },
            {
                "file": ACME,
                "line": 12,
                "column": 7,
                "code": "ASP302",
                "severity": "warning",
                "message": TRICKY_MESSAGE,
                "path": "actions[0].due",
            },
            {
                "file": ACME,
                "line": 20,
                "column": 3,
                "code": "ASP309",
                "severity": "info",
                "message": "Revisión vencida",
                "path": "reviews.next",
            },
            {
                "file": GLOBEX,
                "line": 8,
                "column": 1,
                "code": "ASP201",
                "severity": "error",
                "message": "Unknown person 'ana.ruis'",
                "path": "people[0].reports_to",
            },
            {
                "file": GLOBEX,
                "line": 9,
                "column": 11,
                "code": "ASP302",
                "severity": "warning",
                "message": "Action 'a-2' overdue",
                "path": "actions[1].due",
            },
        ],
        "summary": {"files": 3, "errors": 2, "warnings": 2, "infos": 1},
    }
    assert list(data["findings"][0]) == [
        "file",
        "line",
        "column",
        "code",
        "severity",
        "message",
        "path",
    ]
    assert list(data["summary"]) == ["files", "errors", "warnings", "infos"]


def test_json_text_form() -> None:
    output = render(JsonReporter(), color=True)
    assert output.startswith('{\n  "tool": "asplan",\n  "version": "0.1.0",\n')
    assert output.endswith("}\n")
    assert '"message": "Revisión vencida"' in output
    assert "\x1b" not in output


# --- github ------------------------------------------------------------------------

COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice) "
    r"file=(?P<file>[^,:]*),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>ASP\d{3})"
    r"::(?P<message>[^\r\n]*)$"
)


def test_github_one_workflow_command_per_finding() -> None:
    output = render(GithubReporter())
    assert output.endswith("\n")
    lines = output.splitlines()
    assert len(lines) == 5
    matches = [COMMAND.match(line) for line in lines]
    parsed = [m.groupdict() if m else line for m, line in zip(matches, lines, strict=True)]
    assert parsed == [
        {
            "command": "error",
            "file": ACME,
            "line": "3",
            "col": "5",
            "title": "ASP101",
            "message": "Required field 'name' missing",
        },
        {
            "command": "warning",
            "file": ACME,
            "line": "12",
            "col": "7",
            "title": "ASP302",
            "message": "Action 'a-1': 100%25 late,%0Aask the owner",
        },
        {
            "command": "notice",
            "file": ACME,
            "line": "20",
            "col": "3",
            "title": "ASP309",
            "message": "Revisión vencida",
        },
        {
            "command": "error",
            "file": GLOBEX,
            "line": "8",
            "col": "1",
            "title": "ASP201",
            "message": "Unknown person 'ana.ruis'",
        },
        {
            "command": "warning",
            "file": GLOBEX,
            "line": "9",
            "col": "11",
            "title": "ASP302",
            "message": "Action 'a-2' overdue",
        },
    ]


def test_github_escapes_property_values() -> None:
    report = make_report([Finding("plans/a,b:c%\r\n.yaml", 1, 2, "ASP205", Severity.WARNING, "a:b,c%\r\nd")])
    assert render(GithubReporter(), report) == (
        "::warning file=plans/a%2Cb%3Ac%25%0D%0A.yaml,line=1,col=2,title=ASP205::a:b,c%25%0D%0Ad\n"
    )
    assert escape_data("50%\r\n") == "50%25%0D%0A"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_prints_nothing_without_findings() -> None:
    assert render(GithubReporter(), make_report([])) == ""


# --- sarif -------------------------------------------------------------------------


def test_sarif_structure() -> None:
    sarif = json.loads(render(SarifReporter()))
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"]) == 1
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "asplan"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")

    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == ["ASP101", "ASP201", "ASP302", "ASP309"]
    assert {rule["id"]: rule["shortDescription"]["text"] for rule in rules} == {
        code: SUMMARIES[code] for code in ("ASP101", "ASP201", "ASP302", "ASP309")
    }
    assert [rule["defaultConfiguration"]["level"] for rule in rules] == [
        "error",
        "error",
        "warning",
        "note",
    ]

    assert [a["location"]["uri"] for a in run["artifacts"]] == [ACME, CLEAN, GLOBEX]

    results = run["results"]
    assert len(results) == 5
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert run["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("ASP101", "error"),
        ("ASP302", "warning"),
        ("ASP309", "note"),
        ("ASP201", "error"),
        ("ASP302", "warning"),
    ]
    tricky = results[1]
    assert tricky["message"] == {"text": TRICKY_MESSAGE}
    assert tricky["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": ACME, "index": 0},
                "region": {"startLine": 12, "startColumn": 7},
            }
        }
    ]
    assert tricky["properties"] == {"path": "actions[0].due"}
    assert results[2]["message"]["text"] == "Revisión vencida"
    assert results[4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == GLOBEX


def test_sarif_rule_level_is_the_worst_seen_and_summary_falls_back_to_code() -> None:
    report = make_report(
        [
            Finding(ACME, 1, 1, "ASP306", Severity.WARNING, "Renewal window open"),
            Finding(ACME, 2, 1, "ASP306", Severity.ERROR, "Contract expired"),
        ]
    )
    run = json.loads(render(SarifReporter(), report))["runs"][0]
    assert run["tool"]["driver"]["rules"] == [
        {
            "id": "ASP306",
            "shortDescription": {"text": "ASP306"},
            "defaultConfiguration": {"level": "error"},
        }
    ]
    assert [r["level"] for r in run["results"]] == ["warning", "error"]


def test_sarif_uri_is_relative_with_forward_slashes_and_encoded() -> None:
    report = make_report(
        [Finding("plans\\my plans\\revisión.yaml", 1, 1, "ASP205", Severity.WARNING, "x")],
        files=["plans\\my plans\\revisión.yaml"],
    )
    run = json.loads(render(SarifReporter(), report))["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "plans/my%20plans/revisi%C3%B3n.yaml"
    assert run["artifacts"] == [{"location": {"uri": uri}}]


def test_sarif_without_findings_has_no_rules_and_no_results() -> None:
    run = json.loads(render(SarifReporter(), make_report([])))["runs"][0]
    assert run["tool"]["driver"]["rules"] == []
    assert run["results"] == []
    assert len(run["artifacts"]) == 3


# --- junit -------------------------------------------------------------------------


def test_junit_one_testcase_per_file() -> None:
    output = render(JunitReporter())
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(output)
    assert root.tag == "testsuites"
    assert root.get("name") == "asplan"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    assert (suite.get("name"), suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        "asplan check",
        "3",
        "2",
        "0",
    )
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == [ACME, CLEAN, GLOBEX]
    assert {case.get("classname") for case in cases.values()} == {"asplan"}

    acme_failure = cases[ACME].find("failure")
    assert acme_failure is not None
    assert acme_failure.get("message") == "1 error"
    assert acme_failure.get("type") == "asplan"
    assert acme_failure.text == "3:5 ASP101 Required field 'name' missing"
    acme_out = cases[ACME].find("system-out")
    assert acme_out is not None
    assert acme_out.text == (
        "12:7 ASP302 [warning] Action 'a-1': 100% late,\n    ask the owner\n20:3 ASP309 [info] Revisión vencida"
    )

    assert list(cases[CLEAN]) == []

    globex_failure = cases[GLOBEX].find("failure")
    assert globex_failure is not None
    assert globex_failure.text == "8:1 ASP201 Unknown person 'ana.ruis'"


def test_junit_warnings_alone_do_not_fail() -> None:
    report = make_report(
        [
            Finding(ACME, 1, 1, "ASP302", Severity.WARNING, "Action overdue"),
            Finding(GLOBEX, 1, 1, "ASP101", Severity.ERROR, "a"),
            Finding(GLOBEX, 2, 1, "ASP101", Severity.ERROR, "b"),
        ]
    )
    suite = ET.fromstring(render(JunitReporter(), report)).find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "1"
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases[ACME].find("failure") is None
    failure = cases[GLOBEX].find("failure")
    assert failure is not None
    assert failure.get("message") == "2 errors"
    assert failure.text == "1:1 ASP101 a\n2:1 ASP101 b"


def test_junit_stays_well_formed_with_markup_and_control_characters() -> None:
    report = make_report(
        [Finding("plans/<a&b>.yaml", 1, 1, "ASP101", Severity.ERROR, "</failure>\x1b\x00 & ]]>")],
        files=["plans/<a&b>.yaml"],
    )
    output = render(JunitReporter(), report)
    case = ET.fromstring(output).find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "plans/<a&b>.yaml"
    failure = case.find("failure")
    assert failure is not None
    assert failure.text == r"1:1 ASP101 </failure>\x1b\x00 & ]]>"


# --- all formats -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_output_is_deterministic(name: str) -> None:
    reporter = get_reporter(name)
    assert render(reporter, statistics=True) == render(reporter, statistics=True)


def test_text_statistics_with_colour_keep_their_alignment() -> None:
    plain = render(TextReporter(), statistics=True)
    coloured = render(TextReporter(), statistics=True, color=True)
    assert "\x1b[1;31merror\x1b[0m    Required field missing" in coloured
    assert ANSI.sub("", coloured) == plain


# --- gitlab (Code Climate JSON) ----------------------------------------------------


def test_gitlab_code_quality_shape() -> None:
    issues = json.loads(render(GitlabReporter()))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("ASP101", "major", {"path": ACME, "lines": {"begin": 3}}),
        ("ASP302", "minor", {"path": ACME, "lines": {"begin": 12}}),
        ("ASP309", "info", {"path": ACME, "lines": {"begin": 20}}),
        ("ASP201", "major", {"path": GLOBEX, "lines": {"begin": 8}}),
        ("ASP302", "minor", {"path": GLOBEX, "lines": {"begin": 9}}),
    ]
    assert issues[1]["description"] == "ASP302 " + TRICKY_MESSAGE
    assert issues[0]["fingerprint"] == fingerprint(ACME, "ASP101", "account", 0)
    assert len({i["fingerprint"] for i in issues}) == 5
    assert all(re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"]) for i in issues)


def test_gitlab_fingerprint_survives_moved_lines_and_changed_counts() -> None:
    # The same overdue action, three lines lower and a day later: GitLab must see the same issue.
    before = Finding(ACME, 12, 7, "ASP302", Severity.WARNING, "ACT-6 is overdue by 9 days", "actions[5].due")
    after = Finding(ACME, 15, 7, "ASP302", Severity.WARNING, "ACT-6 is overdue by 10 days", "actions[5].due")
    first = json.loads(render(GitlabReporter(), make_report([before])))
    second = json.loads(render(GitlabReporter(), make_report([after])))
    assert first[0]["fingerprint"] == second[0]["fingerprint"]
    other = Finding(ACME, 12, 7, "ASP302", Severity.WARNING, "ACT-7 is overdue", "actions[6].due")
    assert json.loads(render(GitlabReporter(), make_report([other])))[0]["fingerprint"] != first[0]["fingerprint"]


def test_gitlab_fingerprints_stay_unique_for_findings_at_one_path() -> None:
    twice = [
        Finding(ACME, 1, 1, "ASP001", Severity.ERROR, "first", ""),
        Finding(ACME, 2, 1, "ASP001", Severity.ERROR, "second", ""),
    ]
    issues = json.loads(render(GitlabReporter(), make_report(twice)))
    assert [i["fingerprint"] for i in issues] == [
        fingerprint(ACME, "ASP001", "", 0),
        fingerprint(ACME, "ASP001", "", 1),
    ]


def test_gitlab_report_without_findings_is_an_empty_list() -> None:
    assert render(GitlabReporter(), make_report([])) == "[]\n"


# --- source snippets (text, --show-source) ---------------------------------------------


def _snippet(line_text: str, column: int, line: int = 7) -> list[str]:
    finding = Finding(ACME, line, column, "ASP102", Severity.ERROR, "bad value", "x")
    report = make_report([finding], [ACME])
    report.sources = {ACME: {line: line_text}}
    return render(TextReporter(), report, show_source=True).splitlines()[2:5]


def test_snippet_puts_the_caret_under_the_column() -> None:
    assert _snippet("  due: 2026-13-01", 8) == ["  |", "7 |   due: 2026-13-01", "  |        ^"]


def test_snippet_gutter_follows_the_width_of_the_line_number() -> None:
    assert _snippet("x: 1", 4, line=1234) == ["     |", "1234 | x: 1", "     |    ^"]


def test_snippet_spells_out_control_characters_and_keeps_the_caret_aligned() -> None:
    # An ESC before the column is shown as \x1b (4 cells): the caret moves with it.
    assert _snippet("t: \x1b[2Kx: 1", 11) == ["  |", "7 | t: \\x1b[2Kx: 1", "  |              ^"]


def test_snippet_shows_a_tab_as_one_space() -> None:
    assert _snippet("key:\tvalue", 6) == ["  |", "7 | key: value", "  |      ^"]


def test_snippet_counts_wide_characters_as_two_cells() -> None:
    assert _snippet("name: 東京 x: 1", 12) == ["  |", "7 | name: 東京 x: 1", "  |              ^"]


def test_snippet_cuts_a_long_line_around_the_column() -> None:
    text = "d: " + "x" * 300 + " here " + "y" * 300
    _top, shown, caret = _snippet(text, 305)
    assert shown.startswith("7 | ...") and shown.endswith("...")
    assert len(shown) < 140
    assert shown[caret.index("^") :].startswith("here")


def test_without_show_source_no_snippet_even_when_sources_are_there() -> None:
    finding = Finding(ACME, 7, 1, "ASP102", Severity.ERROR, "bad value", "x")
    report = make_report([finding], [ACME])
    report.sources = {ACME: {7: "x: 1"}}
    assert " | " not in render(TextReporter(), report)
