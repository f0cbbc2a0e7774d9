"""``account`` and ``handoff``: who the client is and how the account reached us."""

from enum import StrEnum
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from asplan.model.base import PlanModel, carry_path
from asplan.model.locale_tag import DEFAULT_LOCALE, LocaleTag
from asplan.model.scalars import Id, Number, StrictDate, TimeZoneName, Whole


class Tier(StrEnum):
    strategic = "strategic"
    high = "high"
    medium = "medium"
    low = "low"


class Language(StrEnum):
    es = "es"
    en = "en"


class Audience(StrEnum):
    """Who may read a part of the plan: ``internal`` (our side only, the default) or ``client``."""

    internal = "internal"
    client = "client"


class Stage(StrEnum):
    """Where the account is in its life cycle."""

    presale = "presale"
    onboarding = "onboarding"
    service = "service"
    renewal = "renewal"
    retention = "retention"
    churned = "churned"


class FeePer(StrEnum):
    month = "month"
    year = "year"


class Fee(PlanModel):
    """The contract fee credits are computed from (a yearly fee is split per period)."""

    amount: Number = Field(ge=0, description="Fee amount per `per`.", examples=[20000])
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 currency code.", examples=["EUR"])
    per: FeePer = Field(description="What the amount pays for: a `month` or a `year`.")


class Contract(PlanModel):
    """The contract under which the service is delivered."""

    id: str | None = Field(default=None, description="Contract reference.", examples=["MSA-2024-017"])
    start: StrictDate | None = Field(default=None, description="Contract start date.")
    end: StrictDate | None = Field(default=None, description="Contract end date.")
    renewal_notice_days: Whole = Field(
        default=90, ge=0, le=3650, description="Days before `end` when the renewal window opens."
    )
    fee: Fee | None = Field(default=None, description="Contract fee, for SLA credits.")


class Account(PlanModel):
    """The client account this plan is about."""

    id: Id = Field(description="Account id, unique in the repository; by convention the file stem.")
    name: str = Field(min_length=1, description="Client's name.", examples=["ACME Logística S.A."])
    tier: Tier = Field(description="Account tier: strategic, high, medium or low.")
    manager: Id = Field(description="Person id (provider side) who owns the plan.")
    industry: str | None = Field(default=None, description="Client's industry.")
    region: str | None = Field(default=None, description="Region, e.g. EMEA.")
    language: Language = Field(
        default=Language.en, description="Language of rendered documents (default: the language of `locale`, else en)."
    )
    locale: LocaleTag | None = Field(
        default=None,
        description="BCP 47 locale of rendered documents (dates, numbers, currency); default es-ES or en-GB.",
        examples=["es-MX", "en-US"],
    )
    timezone: TimeZoneName = Field(
        default="UTC", description="IANA time zone of the account.", examples=["Europe/Madrid"]
    )
    since: StrictDate | None = Field(default=None, description="Client since this date.")
    summary: str | None = Field(default=None, description="Markdown summary of the account.")
    stage: Stage = Field(
        default=Stage.service,
        description="Life-cycle stage: presale, onboarding, service (default), renewal, retention or churned.",
    )
    contract: Contract | None = Field(default=None, description="The current contract.")

    @model_validator(mode="before")
    @classmethod
    def _language_from_locale(cls, data: Any, info: ValidationInfo) -> Any:
        """``locale: es-MX`` alone means a Spanish document: the language follows the locale."""
        if isinstance(data, dict) and "language" not in data and isinstance(data.get("locale"), str):
            language = data["locale"].split("-")[0]
            if language in Language.__members__:
                data, original = {**data, "language": language}, data
                carry_path(original, data, info)
        return data

    @field_validator("locale")
    @classmethod
    def _locale_speaks_the_language(cls, value: str | None, info: ValidationInfo) -> str | None:
        language = info.data.get("language")
        if value is not None and isinstance(language, Language) and value.split("-")[0] != language.value:
            raise ValueError(
                f"locale {value} does not match the document language (account.language: {language.value}): "
                f"use a locale of that language such as {DEFAULT_LOCALE[language.value]}, or change the language"
            )
        return value


class Handoff(PlanModel):
    """Hand-off of the account from the sales team to account management."""

    date: StrictDate | None = Field(default=None, description="Date of the hand-off.")
    from_: Id | None = Field(default=None, alias="from", description="Person handing over (sales).")
    to: Id | None = Field(default=None, description="Person receiving the account.")
    notes: str | None = Field(default=None, description="Internal Markdown notes.")
    audience: Audience = Field(
        default=Audience.internal,
        description="Who reads the hand-off section: internal (default: left out of the client's document) or client.",
    )
