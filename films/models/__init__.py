"""Works of every kind (films, albums, books, TV series, seasons and episodes, video games), the
people who make them and the companies that put them out, and the log of merged duplicates."""

from .base import (
    CARD_ROLES,
    COMPANY_PATHS,
    KIND_GROUPS,
    MAKER_ROLES,
    Company,
    Credit,
    CreditQuerySet,
    Person,
    Proposal,
    ProposalQuerySet,
    Work,
    WorkQuerySet,
    card_credits,
    card_relations,
    kind_relations,
)
from .kinds import Album, Book, Episode, Film, FilmQuerySet, Game, Platform, Season, Series, Track
from .merges import Merge

__all__ = [
    "CARD_ROLES",
    "COMPANY_PATHS",
    "KIND_GROUPS",
    "MAKER_ROLES",
    "Album",
    "Book",
    "Company",
    "Credit",
    "CreditQuerySet",
    "Episode",
    "Film",
    "FilmQuerySet",
    "Game",
    "Merge",
    "Person",
    "Platform",
    "Proposal",
    "ProposalQuerySet",
    "Season",
    "Series",
    "Track",
    "Work",
    "WorkQuerySet",
    "card_credits",
    "card_relations",
    "kind_relations",
]
