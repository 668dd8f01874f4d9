"""schema.org JSON-LD for works of every kind, as plain dicts (pages render them with `core.seo`).

One builder per kind: Movie, MusicAlbum (byArtist, recordLabel, its tracks), Book (isbn, author,
publisher), TVSeries, TVSeason and TVEpisode (each part of the one above), VideoGame. `work()` picks
the builder for any work; a critic's Review of any kind names it as `itemReviewed`. Each builder reads
what `Work.objects.with_card()` (or an article's `with_related()`) fetched, plus, with `full`, the
work's credits and its kind's lists (tracks, seasons, platforms): prefetch those for a work's page.
"""

from __future__ import annotations

from django.http import HttpRequest

from core.seo import CONTEXT, absolute

from .models import Album, Book, Company, Credit, Episode, Film, Game, Person, Season, Series, Work


def person(request: HttpRequest, someone: Person, *, group_type: str = "PerformingGroup") -> dict:
    """A person, or a group credited under one name (a band is a MusicGroup on its album)."""
    kind = group_type if someone.is_group else "Person"
    return {"@type": kind, "name": someone.name, "url": absolute(request, someone.get_absolute_url())}


def organization(company: Company | None) -> dict | None:
    return {"@type": "Organization", "name": company.name} if company else None


def _released(work: Work) -> str | None:
    if work.release_date:
        return work.release_date.isoformat()
    return str(work.year) if work.year else None


def _people(request: HttpRequest, people: list[Person], **kwargs) -> list[dict] | None:
    return [person(request, someone, **kwargs) for someone in people] or None


def _credits(work: Work, role: str) -> list[Person]:
    return [credit.person for credit in work.credits.all() if credit.role == role]


def _base(request: HttpRequest, work: Work, kind: str, *, full: bool) -> dict:
    data = {"@type": kind, "name": work.title}
    if url := work.get_absolute_url():
        data["url"] = absolute(request, url)
    data["datePublished"] = _released(work)
    if work.picture and (share := work.picture.share):
        data["image"] = absolute(request, share.url)
    if full and work.summary:
        data["description"] = work.summary
    return data


def movie(request: HttpRequest, film: Film, *, full: bool = False) -> dict:
    """A Movie: name, page, release date, poster and directors; with `full`, cast, runtime,
    synopsis and its IMDb page too."""
    data = _base(request, film, "Movie", full=full)
    directors = _credits(film, Credit.Role.DIRECTOR) if full else film.directors
    data["director"] = _people(request, directors)
    if full:
        data["actor"] = _people(request, _credits(film, Credit.Role.CAST))
        data["duration"] = f"PT{film.runtime}M" if film.runtime else None
        data["sameAs"] = [f"https://www.imdb.com/title/{film.imdb_id}/"] if film.imdb_id else None
    return data


def music_album(request: HttpRequest, album: Album, *, full: bool = False) -> dict:
    data = _base(request, album, "MusicAlbum", full=full)
    data["byArtist"] = _people(request, album.artists, group_type="MusicGroup")
    data["recordLabel"] = organization(album.label)
    if album.format in {Album.Format.EP, Album.Format.SINGLE}:
        data["albumReleaseType"] = f"https://schema.org/{album.format}"
    else:
        data["albumProductionType"] = f"https://schema.org/{album.format}"
    if full:
        tracks = list(album.tracks.all())
        data["numTracks"] = len(tracks) or None
        data["track"] = (
            {
                "@type": "ItemList",
                "numberOfItems": len(tracks),
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": track.number,
                        "item": _without_empty(
                            {"@type": "MusicRecording", "name": track.title, "duration": track.duration_iso or None}
                        ),
                    }
                    for track in tracks
                ],
            }
            if tracks
            else None
        )
        data["producer"] = _people(request, _credits(album, Credit.Role.PRODUCER))
    return data


def book(request: HttpRequest, volume: Book, *, full: bool = False) -> dict:
    data = _base(request, volume, "Book", full=full)
    data["author"] = _people(request, volume.authors, group_type="Organization")
    data["translator"] = _people(request, volume.translators, group_type="Organization")
    data["publisher"] = organization(volume.publisher)
    data["isbn"] = volume.isbn or None
    data["numberOfPages"] = volume.pages
    data["bookEdition"] = volume.edition or None
    return data


def tv_series(request: HttpRequest, series: Series, *, full: bool = False) -> dict:
    data = _base(request, series, "TVSeries", full=full)
    data["creator"] = _people(request, series.creators, group_type="Organization")
    # The network that shows it publishes it (schema.org has no property for a broadcaster of a series).
    data["publisher"] = organization(series.network)
    data["startDate"] = series.first_air_date.isoformat() if series.first_air_date else None
    data["endDate"] = series.last_air_date.isoformat() if series.last_air_date else None
    if full:
        seasons = list(series.seasons.all())
        data["numberOfSeasons"] = len(seasons) or None
        data["containsSeason"] = [
            _without_empty(
                {
                    "@type": "TVSeason",
                    "name": season.title,
                    "seasonNumber": season.number,
                    "url": absolute(request, url) if (url := season.get_absolute_url()) else None,
                }
            )
            for season in seasons
        ] or None
    return data


def _part_of_series(request: HttpRequest, series: Series) -> dict:
    return _without_empty(
        {
            "@type": "TVSeries",
            "name": series.title,
            "url": absolute(request, url) if (url := series.get_absolute_url()) else None,
        }
    )


def tv_season(request: HttpRequest, season: Season, *, full: bool = False) -> dict:
    data = _base(request, season, "TVSeason", full=full)
    data["seasonNumber"] = season.number
    data["partOfSeries"] = _part_of_series(request, season.series)
    data["startDate"] = season.release_date.isoformat() if season.release_date else None
    data["creator"] = _people(request, season.card_people, group_type="Organization")
    if full:
        episodes = list(season.episodes.all())
        data["numberOfEpisodes"] = len(episodes) or None
        data["episode"] = [
            {"@type": "TVEpisode", "name": episode.title, "episodeNumber": episode.number} for episode in episodes
        ] or None
    return data


def tv_episode(request: HttpRequest, episode: Episode, *, full: bool = False) -> dict:
    data = _base(request, episode, "TVEpisode", full=full)
    data["episodeNumber"] = episode.number
    data["partOfSeason"] = {"@type": "TVSeason", "name": episode.season.title, "seasonNumber": episode.season.number}
    data["partOfSeries"] = _part_of_series(request, episode.season.series)
    data["director"] = _people(request, episode.card_people)
    return data


def video_game(request: HttpRequest, game: Game, *, full: bool = False) -> dict:
    data = _base(request, game, "VideoGame", full=full)
    # The studio that made it is its author; directors, when credited, its director.
    data["author"] = organization(game.studio)
    data["publisher"] = organization(game.publisher)
    data["director"] = _people(request, game.card_people)
    data["applicationCategory"] = "Game"
    if full:
        data["gamePlatform"] = [platform.name for platform in game.platforms.all()] or None
    return data


BUILDERS = {
    Work.Kind.FILM: movie,
    Work.Kind.ALBUM: music_album,
    Work.Kind.BOOK: book,
    Work.Kind.SERIES: tv_series,
    Work.Kind.SEASON: tv_season,
    Work.Kind.EPISODE: tv_episode,
    Work.Kind.GAME: video_game,
}


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value is not None}


def work(request: HttpRequest, about: Work, *, full: bool = False) -> dict:
    """The work as its kind's schema.org type, without empty properties."""
    specific = about.specific
    return _without_empty(BUILDERS[specific.kind](request, specific, full=full))


def work_page(request: HttpRequest, about: Work) -> dict:
    return {"@context": CONTEXT, **work(request, about, full=True)}


def film_page(request: HttpRequest, film: Film) -> dict:
    return work_page(request, film)


def person_page(request: HttpRequest, someone: Person, credits: list[Credit]) -> dict:
    data = {"@context": CONTEXT, **person(request, someone)}
    if someone.portrait and (share := someone.portrait.share):
        data["image"] = absolute(request, share.url)
    if someone.bio:
        data["description"] = someone.bio
    roles = sorted({credit.get_role_display() for credit in credits if credit.role != Credit.Role.CAST})
    if any(credit.role == Credit.Role.CAST for credit in credits):
        roles.append("Actor")
    if roles:
        data["jobTitle"] = roles
    return data
