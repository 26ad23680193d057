"""Cells of the policy comparison: one provision with its instrument and dimension.

Kept free of pandas so apps that only show a cell (the scenario player's feedback) load fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.content import Content
from kit.model import UNKNOWN, Dimension, Instrument, Provision

EVIDENCE_ORDER = ("primary", "secondary", "unverified", "unknown")
"""Evidence of a cell, strongest first; ``unknown`` is a cell coded unknown."""


@dataclass(frozen=True)
class Cell:
    """One provision with the records it belongs to, for renderers."""

    instrument: Instrument
    dimension: Dimension
    provision: Provision

    @property
    def evidence(self) -> str:
        """The cell's evidence: its strongest citation's level, or ``unknown``."""
        return cell_evidence(self.provision)


def cell_evidence(provision: Provision) -> str:
    """Return a cell's evidence level: ``unknown`` when coded unknown, else its best citation."""
    if provision.code == UNKNOWN or not provision.citations:
        return "unknown"
    levels = {citation.evidence.value for citation in provision.citations}
    return next(level for level in EVIDENCE_ORDER if level in levels)


def get_cell(content: Content, instrument: str, dimension: str) -> Cell | None:
    """Return the cell of ``instrument`` on ``dimension``, or ``None`` if it was not coded."""
    provision = content.provisions.get(f"{instrument}/{dimension}")
    if provision is None:
        return None
    return Cell(content.instruments[instrument], content.dimensions[dimension], provision)
