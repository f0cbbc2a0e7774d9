"""## What it does
Warns about characters that change how text reads without being visible: bidi
overrides, embeddings, isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E,
U+200F, U+061C), zero-width spaces and joiners (U+200B-U+200D), word joiners and
invisible operators (U+2060-U+2064), U+180E, a byte order mark inside the text, and
Unicode tag characters, whether typed as such or written as an escape in a
double-quoted value (`"\u202E"`, invisible once rendered). One warning per line, at
the first such character, naming each one. A zero-width joiner inside an emoji
sequence is not reported.

## Why is this bad?
A right-to-left override makes `ACT-1 due 2027` display as something else in an
editor, a pull-request diff or the rendered document, so a reviewer approves what
they did not read ("Trojan Source"). GitHub warns about such characters in diffs;
asplan warns about them in plans, which go to clients.

## Example
```yaml
actions:
  - {id: ACT-1, title: "Pay the credit \u202E 0001 EUR", owner: maria, due: 2026-12-01}
```

## Use instead
```yaml
actions:
  - {id: ACT-1, title: "Pay the credit 1000 EUR", owner: maria, due: 2026-12-01}
```
"""

from asplan.findings import Severity
from asplan.rules.base import Scope

CODE = "ASP005"
NAME = "hidden-unicode"
SEVERITY = Severity.WARNING
SUMMARY = "bidi control or invisible character in the plan"
SCOPE = Scope.LOAD
