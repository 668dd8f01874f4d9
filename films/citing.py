"""What an MLA works-cited entry takes from a work's record, by kind (MLA Handbook, 9th ed.)."""

from __future__ import annotations

from .models import Person, Work


def inverted(person: Person) -> str:
    """A person's name as a works-cited list starts with it: “Baker, Sean”; a group's as it is."""
    name = person.name.strip()
    if person.is_group or " " not in name:
        return name
    first, last = name.rsplit(" ", 1)
    return f"{last}, {first}"


def _names(people: list[Person]) -> str:
    names = [person.name for person in people]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])}, and {names[-1]}"


def _lead(people: list[Person]) -> str:
    """The author element: one person inverted, two joined by “and”, three or more as “et al.”."""
    if not people:
        return ""
    if len(people) == 1:
        return inverted(people[0])
    if len(people) == 2:
        return f"{inverted(people[0])}, and {people[1].name}"
    return f"{inverted(people[0])}, et al."


def mla_facts(work: Work) -> dict:
    """The elements of `work`'s entry (kind, author, title, container, contributors, publisher,
    year, date) as `articles.Citation` names them; empty ones are left out.

    Reads the card's prefetches (`card_relations`, `card_credits`) when they are there.
    """
    work = work.specific
    kind = work.kind
    facts: dict = {"title": work.title, "year": work.year}
    if kind == Work.Kind.FILM:
        # MLA leads a film with its title; the director is a contributor.
        facts["kind"] = "film"
        if work.directors:
            facts["contributors"] = f"directed by {_names(work.directors)}"
        facts["publisher"] = work.distributor.name if work.distributor else ""
    elif kind == Work.Kind.ALBUM:
        facts["kind"] = "album"
        facts["author"] = _lead(work.artists)
        facts["publisher"] = work.label.name if work.label else ""
    elif kind == Work.Kind.BOOK:
        facts["kind"] = "book"
        facts["author"] = _lead(work.authors)
        if work.translators:
            facts["contributors"] = f"translated by {_names(work.translators)}"
        facts["publisher"] = work.publisher.name if work.publisher else ""
    elif kind == Work.Kind.SERIES:
        facts["kind"] = "tv"
        if work.creators:
            facts["contributors"] = f"created by {_names(work.creators)}"
        facts["publisher"] = work.network.name if work.network else ""
    elif kind == Work.Kind.SEASON:
        series = work.series
        facts["kind"] = "tv"
        facts["title"] = series.title
        facts["contributors"] = f"season {work.number}"
        facts["publisher"] = series.network.name if series.network else ""
    elif kind == Work.Kind.EPISODE:
        season = work.season
        facts["kind"] = "episode"
        facts["container"] = season.series.title
        facts["contributors"] = f"season {season.number}, episode {work.number}"
        facts["publisher"] = season.series.network.name if season.series.network else ""
        facts["date"] = work.release_date
    elif kind == Work.Kind.GAME:
        facts["kind"] = "game"
        makers = [company.name for company in (work.studio, work.publisher) if company]
        facts["publisher"] = " / ".join(dict.fromkeys(makers))
    return {name: value for name, value in facts.items() if value}
