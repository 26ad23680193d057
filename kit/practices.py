"""Outreach practices: filtering and ordering, pure functions over the loaded content."""

from __future__ import annotations

import typing
from collections.abc import Sequence

from kit.content import Content
from kit.model import AudienceGroup, Practice

RATING_ORDER = ("effective", "promising", "inconclusive", "no-effects", "harmful", "not-rated")
"""Ratings from the strongest favourable evidence to none."""


def best_rating(practice: Practice) -> str:
    """Return the most favourable rating any outcome of the practice has."""
    ratings = {r.rating for r in practice.ratings}
    return next(r for r in RATING_ORDER if r in ratings)


def evidence_rank(practice: Practice) -> tuple[bool, int]:
    """Sort key putting practices to use before those to avoid, then the best evidence first."""
    return practice.avoid, RATING_ORDER.index(best_rating(practice))


def filter_practices(
    content: Content,
    lang: str,
    goal: str = "",
    partner: str = "",
    rating: str = "",
    kind: str = "",
    query: str = "",
    audience: str = "",
    language: str = "",
) -> list[Practice]:
    """Return the practices that match every filter given ('' means any), best evidence first.

    Parameters
    ----------
    goal, partner, rating, kind, audience:
        A goal, partner id, rating (any outcome), kind or audience group to require.
    language:
        ``"en"`` or ``"es"``: keep practices with at least one source in that language.
    query:
        Words that must all appear in the practice's name, problem, mechanism or audience
        (in ``lang``; case-insensitive).
    """
    words = [w for w in query.lower().split() if w]
    found = []
    for practice in content.records["practices"].values():
        if goal and goal not in practice.goals:
            continue
        if partner and partner not in practice.partners:
            continue
        if rating and rating not in {r.rating for r in practice.ratings}:
            continue
        if kind and practice.kind != kind:
            continue
        if audience and audience not in practice.audiences:
            continue
        if language and not any(language in content.sources[c.source].language for c in practice.sources):
            continue
        text = " ".join(
            [practice.name.get(lang), practice.problem.get(lang), practice.mechanism.get(lang)]
            + [a.get(lang) for a in practice.audience]
        ).lower()
        if any(w not in text for w in words):
            continue
        found.append(practice)
    return sorted(found, key=lambda p: (*evidence_rank(p), p.name.get(lang)))


def audiences(content: Content) -> Sequence[str]:
    """Return the audience groups used by any practice, in the model's order."""
    used = {a for p in content.records["practices"].values() for a in p.audiences}
    return [a for a in typing.get_args(AudienceGroup) if a in used]


def goals(content: Content) -> Sequence[str]:
    """Return the goals used by any practice, in a stable order."""
    return sorted({g for p in content.records["practices"].values() for g in p.goals})
