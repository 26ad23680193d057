"""The kit's content model: typed, frozen records for everything authors write.

Every record is a pydantic model with ``frozen=True`` and ``extra="forbid"``, so an unknown
field in a content file is an error and a loaded record cannot be changed. Bilingual text is
one type, :class:`Text`; a :class:`Citation` always names a :class:`Source` from the registry
by id, and the loader checks that the id exists (see :class:`Ref`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

LANGUAGES: tuple[str, ...] = ("en", "es")
"""The kit's languages, in display order."""

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A kebab-case identifier: lower-case letters and digits joined by single hyphens."""

PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")]
"""A date as precise as the source allows: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
"""An absolute http(s) address."""


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of a record of another kind.

    Parameters
    ----------
    kind:
        The content kind the id must exist in, e.g. ``"sources"``.
    """

    kind: str


class Record(BaseModel):
    """Base of every content record: frozen, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Text(Record):
    """A text in the kit's two languages.

    At least one language must be present; ``kit check --strict`` requires both.
    """

    en: str = ""
    es: str = ""

    @model_validator(mode="after")
    def _has_some_text(self) -> Text:
        if not (self.en or self.es):
            raise ValueError("needs text in at least one language (en, es)")
        return self

    def get(self, lang: str) -> str:
        """Return the text in ``lang``, or in the other language when that one is missing.

        Parameters
        ----------
        lang:
            ``"en"`` or ``"es"``.
        """
        if lang == "es":
            return self.es or self.en
        return self.en or self.es

    def missing(self) -> tuple[str, ...]:
        """Return the languages this text lacks, e.g. ``("es",)``."""
        return tuple(lang for lang in LANGUAGES if not getattr(self, lang))


class EvidenceLevel(StrEnum):
    """How firmly a cited fact is established.

    ``primary``: read in the original document at the cited place. ``secondary``: taken from
    a report, article or summary about the document. ``unverified``: stated somewhere but not
    confirmed in any source we could read; the apps show it as unverified.
    """

    PRIMARY = "primary"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"


class Citation(Record):
    """A pointer to the place in a source that supports a fact."""

    source: Annotated[Id, Ref("sources")]
    locator: str = Field(min_length=1, description="Where in the source: 'art. 11', 'p. 4'.")
    evidence: EvidenceLevel
    note: Text | None = None


SourceType = Literal[
    "statute",
    "regulation",
    "handbook",
    "policy-statement",
    "protocol",
    "international-standard",
    "report",
    "evaluation",
    "web-page",
    "dataset",
    "reference-work",
]


class Source(Record):
    """A document in the source registry, cited by id from everywhere else."""

    id: Id
    title: Text
    official_title: str | None = Field(
        default=None, description="The title exactly as the issuer gives it, in its language."
    )
    issuer: str = Field(min_length=1)
    type: SourceType
    date: PartialDate
    url: Url
    language: tuple[Literal["en", "es"], ...] = Field(min_length=1)
    notes: Text | None = None


class GlossaryTerm(Record):
    """A term with its English and Mexican-Spanish forms, what it means and where it is used.

    ``term`` holds the two forms; ``definition`` explains the meaning in each language;
    ``notes`` warns of false friends or where the two legal systems differ.
    """

    id: Id
    term: Text
    definition: Text
    notes: Text | None = None
    citations: tuple[Citation, ...] = Field(min_length=1)


KINDS: dict[str, type[Record]] = {
    "glossary": GlossaryTerm,
    "sources": Source,
}
"""Content kinds by the top-level key that holds them in a content file."""
