"""The text of what ``asplan new`` and ``asplan init`` write, built without touching the disk.

A new plan must be useful from its first commit: every section of the format present
and explained in the plan's own language, so the account manager fills it in rather
than looking the format up, and valid as it stands, so CI is green on day one and the
only findings are the completeness warnings that say what is still missing. Values
that nobody can know yet (an objective, an action, an SLA) are never invented: they
are shown as commented-out examples.

Pure functions only: the CLI decides where files go and whether they may be written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from asplan import __version__
from asplan.model.account import Language, Tier
from asplan.model.plan import SUPPORTED_VERSION
from asplan.model.scalars import parse_id
from asplan.templates_loader import template_environment

SCHEMA_FILE: Final = "asplan.schema.json"
CONFIG_FILE: Final = "asplan.toml"
PRE_COMMIT_FILE: Final = ".pre-commit-config.yaml"
WORKFLOW_FILE: Final = ".github/workflows/asplan.yml"
DIGEST_WORKFLOW_FILE: Final = ".github/workflows/asplan-digest.yml"
GITLAB_CI_FILE: Final = ".gitlab-ci.yml"
CI_CHOICES: Final = ("github", "gitlab", "none")
# Where asplan is published when the installed package's metadata does not say
# (running from a source tree that was never installed); pyproject.toml's
# [project.urls] Source is the one place to change it.
SOURCE_FALLBACK: Final = "https://github.com/asplan/asplan"
DEFAULT_PLANS_DIR: Final = "plans"

TIERS: Final = tuple(t.value for t in Tier)
LANGUAGES: Final = tuple(lang.value for lang in Language)

# How often a plan is reviewed with the client, by tier: the closer the relationship,
# the more often (a quarterly business review is the norm for key accounts).
REVIEW_CADENCE: Final[dict[str, str]] = {
    "strategic": "quarterly",
    "high": "quarterly",
    "medium": "semiannual",
    "low": "yearly",
}


class ScaffoldError(ValueError):
    """Input a scaffold cannot be built from; the message says what to change."""


# Latin letters that Unicode does not decompose into a base letter plus accents.
_FOLD: Final = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)


def ascii_fold(text: str) -> str:
    """``"María Núñez"`` -> ``"Maria Nunez"``: accents dropped; letters with no ASCII base dropped too."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch.isascii())


def person_id(full_name: str) -> str:
    """A person id from a full name, ``first.last`` in lowercase ASCII: ``"María López"`` -> ``maria.lopez``.

    The first and the last word are kept (``"Ana María García"`` -> ``ana.garcia``),
    which is how most organisations spell e-mail addresses; a single word stays alone.
    Hyphens inside a word stay (``"Jean-Luc Picard"`` -> ``jean-luc.picard``).
    """
    folded = ascii_fold(full_name).lower().replace("'", "")
    words = [w.strip("-") for w in re.split(r"[^a-z0-9-]+", folded)]
    words = [w for w in words if w]
    if not words:
        raise ScaffoldError(
            f"cannot derive a person id from the name {full_name!r}: it needs Latin letters or digits;"
            " give one with --manager-id (letters, digits, '.', '_' or '-', like wang.li)"
        )
    candidate = words[0] if len(words) == 1 else f"{words[0]}.{words[-1]}"
    return parse_id(candidate)


_PLAIN_SAFE = re.compile(r"[^\W_][\w .,&()'/+-]*", re.UNICODE)
_NOT_A_STRING = re.compile(
    r"(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
)


def yaml_string(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text``: plain when that is safe, else double-quoted.

    JSON's string syntax is a subset of YAML's double-quoted style, so ``json.dumps``
    gives a correct quoting for anything (``:``, ``#``, quotes, newlines, a name that
    looks like a number or a boolean).
    """
    if _PLAIN_SAFE.fullmatch(text) and not text.endswith(" ") and not _NOT_A_STRING.fullmatch(text):
        return text
    return _NOT_PRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


# JSON leaves these as they are, but YAML refuses them in a file (DEL, the C1 controls,
# U+FFFE/U+FFFF) or reads them as line breaks (NEL, LS, PS): escaped, they read back exactly.
_NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def check_account_id(account_id: str) -> None:
    """Refuse an id the plan format would refuse (it also names the plan's file)."""
    try:
        parse_id(account_id)
    except ValueError as exc:
        raise ScaffoldError(f"invalid account id {account_id!r}: {exc}") from None


@dataclass(frozen=True)
class NewPlan:
    """What ``asplan new`` needs to know about the account."""

    account_id: str
    name: str
    tier: str
    manager_name: str
    language: Literal["es", "en"]
    schema_path: str = f"../{SCHEMA_FILE}"
    manager_id: str | None = None  # derived from manager_name when not given

    @property
    def manager_person_id(self) -> str:
        """The manager's person id: as given, else ``first.last`` from the name (:func:`person_id`)."""
        if self.manager_id is not None:
            try:
                return parse_id(self.manager_id)
            except ValueError as exc:
                raise ScaffoldError(f"--manager-id {self.manager_id!r}: {exc}") from None
        return person_id(self.manager_name)

    def validate(self) -> None:
        """Refuse what the plan format would refuse, with the option to fix named."""
        check_account_id(self.account_id)
        for option, value in (("--name", self.name), ("--manager", self.manager_name)):
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                raise ScaffoldError(f"{option}: not valid text (bytes that are not UTF-8?)")
        if not self.name.strip():
            raise ScaffoldError("--name: the client's name cannot be empty")
        if self.tier not in TIERS:
            raise ScaffoldError(f"--tier {self.tier}: expected one of {', '.join(TIERS)}")
        if self.language not in LANGUAGES:
            raise ScaffoldError(f"--lang {self.language}: expected one of {', '.join(LANGUAGES)}")
        if not self.manager_name.strip():
            raise ScaffoldError("--manager: the account manager's full name cannot be empty")
        self.manager_person_id  # noqa: B018  # refuses a name with no id, or a bad --manager-id


def plan_text(plan: NewPlan) -> str:
    """The YAML text of a new, commented plan in the plan's language."""
    plan.validate()
    template = template_environment("scaffold").get_template(f"plan.{plan.language}.yaml.j2")
    return template.render(
        schema_path=plan.schema_path,
        version=SUPPORTED_VERSION,
        account_id=plan.account_id,
        # Ids go into YAML values quoted when YAML would read them as something else
        # (4711, 007, true, null, 1e5, 0x1F); the plain id stays for comments and paths.
        account_id_value=yaml_string(plan.account_id),
        name=yaml_string(plan.name.strip()),
        tier=plan.tier,
        manager_id=yaml_string(plan.manager_person_id),
        manager_name=yaml_string(plan.manager_name.strip()),
        language=plan.language,
        review_every=REVIEW_CADENCE[plan.tier],
    )


def config_text(plans_dir: str = DEFAULT_PLANS_DIR) -> str:
    """``asplan.toml`` with every key present, at its default, and explained."""
    return _render("asplan.toml.j2", plans_dir=plans_dir)


def pre_commit_text() -> str:
    """A ``.pre-commit-config.yaml`` that runs ``asplan check`` before every commit."""
    return _render("pre-commit-config.yaml.j2")


@dataclass(frozen=True)
class CiSource:
    """Where the generated CI files install asplan from: a Git repository and a ref.

    A package index would be simpler, but asplan is not published on one; the CI
    files must work as written, so they name the repository the user got asplan from
    (by default the ``Source`` URL of the installed package) and a tag of it.
    """

    url: str
    ref: str

    @classmethod
    def default(cls) -> CiSource:
        return cls(installed_source_url(), f"v{__version__}")

    @property
    def github_action(self) -> str:
        """``OWNER/NAME@REF`` for ``uses:``; ``ScaffoldError`` if the source is not on GitHub."""
        match = re.fullmatch(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?", self.url)
        if match is None:
            raise ScaffoldError(
                f"--source {self.url}: the GitHub workflow uses asplan's GitHub Action, so the source must be "
                "https://github.com/OWNER/NAME (or use --ci gitlab or --ci none)"
            )
        return f"{match[1]}/{match[2]}@{self.ref}"


def installed_source_url() -> str:
    """The ``Source`` project URL of the installed asplan, else :data:`SOURCE_FALLBACK`."""
    from importlib import metadata

    try:
        urls: list[str] = metadata.metadata("asplan").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return SOURCE_FALLBACK
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "source" and url.strip():
            return str(url.strip())
    return SOURCE_FALLBACK


def workflow_text(source: CiSource | None = None) -> str:
    """A GitHub Actions workflow that annotates pull requests through asplan's composite Action."""
    source = source or CiSource.default()
    return _render("github-workflow.yml.j2", action=source.github_action, source=source.url)


def digest_workflow_text(source: CiSource | None = None) -> str:
    """A scheduled workflow: each Monday, ``asplan due --group-by owner`` in one issue, opened or updated by ``gh``."""
    source = source or CiSource.default()
    return _render("github-digest.yml.j2", source=source.url, ref=source.ref)


def gitlab_ci_text(source: CiSource | None = None) -> str:
    """A ``.gitlab-ci.yml`` job that publishes ``asplan check --format gitlab`` as a code-quality report."""
    source = source or CiSource.default()
    return _render("gitlab-ci.yml.j2", source=source.url, ref=source.ref)


def schema_text() -> str:
    """``asplan.schema.json`` exactly as ``asplan schema`` prints it."""
    from asplan.schema import schema_json

    return schema_json()


def init_files(
    plans_dir: str = DEFAULT_PLANS_DIR, ci: str = "github", source: CiSource | None = None
) -> dict[str, str]:
    """Relative path -> text of every file ``asplan init`` creates, in the order it reports them."""
    if ci not in CI_CHOICES:
        raise ScaffoldError(f"--ci {ci}: expected one of {', '.join(CI_CHOICES)}")
    files = {
        CONFIG_FILE: config_text(plans_dir),
        SCHEMA_FILE: schema_text(),
        PRE_COMMIT_FILE: pre_commit_text(),
    }
    if ci == "github":
        files[WORKFLOW_FILE] = workflow_text(source)
        files[DIGEST_WORKFLOW_FILE] = digest_workflow_text(source)
    elif ci == "gitlab":
        files[GITLAB_CI_FILE] = gitlab_ci_text(source)
    return files


def _render(name: str, **values: object) -> str:
    return template_environment("scaffold").get_template(name).render(**values)
