"""Videos and link cards in article bodies: which providers, and what their addresses may look like.

An editor pastes an address; the body stores a placeholder (images/richtext.py renders it) that
names the address and, for a player, the player's address. Readers' browsers load nothing from the
provider until the reader clicks (static/js/embeds.js then puts the player in place). Every value
the placeholder carries is checked here with a strict pattern, never taken as free text: the
sanitiser (core/sanitize.py) keeps only placeholders whose addresses these functions accept.
Which providers are on is EMBED_PROVIDERS in the settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings

MAX_URL_LENGTH = 500


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    # Addresses an editor may paste; the group "id" is the video's id.
    pasted: tuple[re.Pattern, ...] = ()
    canonical: str = ""  # the video's page, from its id
    player: str = ""  # the player an iframe loads after the reader's click, from its id
    # Where the title and the poster are asked for (server side, once, when the editor pastes).
    oembed: str = ""
    poster_hosts: frozenset[str] = frozenset()

    @property
    def player_origin(self) -> str:
        parts = urlsplit(self.player)
        return f"{parts.scheme}://{parts.netloc}" if self.player else ""

    def player_pattern(self) -> re.Pattern:
        return re.compile(re.escape(self.player).replace(re.escape("{id}"), self._id_pattern))

    @property
    def _id_pattern(self) -> str:
        return self.pasted[0].pattern.split("(?P<id>", 1)[1].split(")", 1)[0]


_YOUTUBE_ID = r"(?P<id>[A-Za-z0-9_-]{11})"
_VIMEO_ID = r"(?P<id>[1-9][0-9]{3,11})"

PROVIDERS: dict[str, Provider] = {
    "youtube": Provider(
        name="youtube",
        label="YouTube",
        pasted=(
            re.compile(rf"https://(?:www\.|m\.)?youtube\.com/watch\?(?:[^#]*&)?v={_YOUTUBE_ID}(?:[&#].*)?"),
            re.compile(rf"https://youtu\.be/{_YOUTUBE_ID}(?:[?#].*)?"),
            re.compile(
                rf"https://(?:www\.)?youtube(?:-nocookie)?\.com/(?:embed|shorts|live)/{_YOUTUBE_ID}(?:[?#].*)?"
            ),
        ),
        canonical="https://www.youtube.com/watch?v={id}",
        player="https://www.youtube-nocookie.com/embed/{id}?autoplay=1",
        oembed="https://www.youtube.com/oembed?format=json&url={url}",
        poster_hosts=frozenset({"i.ytimg.com"}),
    ),
    "vimeo": Provider(
        name="vimeo",
        label="Vimeo",
        pasted=(
            re.compile(rf"https://(?:www\.)?vimeo\.com/{_VIMEO_ID}/?(?:[?#].*)?"),
            re.compile(rf"https://player\.vimeo\.com/video/{_VIMEO_ID}/?(?:[?#].*)?"),
        ),
        canonical="https://vimeo.com/{id}",
        player="https://player.vimeo.com/video/{id}?autoplay=1&dnt=1",
        oembed="https://vimeo.com/api/oembed.json?url={url}",
        poster_hosts=frozenset({"i.vimeocdn.com"}),
    ),
    # Any other https address: a card with its title and host, a plain link to the page.
    "link": Provider(name="link", label="Link"),
}


@dataclass(frozen=True)
class Embed:
    provider: Provider
    url: str  # the canonical address, what the placeholder links to
    id: str = ""  # the video's id; empty for a link card

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def player(self) -> str:
        return self.provider.player.format(id=self.id) if self.id and self.provider.player else ""

    @property
    def oembed(self) -> str:
        return self.provider.oembed.format(url=quote(self.url, safe="")) if self.provider.oembed else ""


def enabled() -> list[Provider]:
    return [PROVIDERS[name] for name in settings.EMBED_PROVIDERS]


def _link_url(url: str) -> str | None:
    """`url` as a link card may hold it: https, a host name, no credentials, nothing that breaks out."""
    if len(url) > MAX_URL_LENGTH or re.search(r"[\s\"'<>\\`]", url) or not url.isascii():
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = parts.hostname or ""
    if (
        parts.scheme != "https"
        or parts.username
        or parts.password
        or not re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", host)
    ):
        return None
    return urlunsplit(("https", parts.netloc.lower(), parts.path or "/", parts.query, ""))


def parse(url: str) -> Embed | None:
    """The embed an editor means by pasting `url`, or None if no enabled provider takes it."""
    url = (url or "").strip()
    for provider in enabled():
        if provider.name == "link":
            continue
        for pattern in provider.pasted:
            if match := pattern.fullmatch(url):
                video = match.group("id")
                return Embed(provider, provider.canonical.format(id=video), video)
    # An address of a video provider that is switched off is not turned into a link card either.
    video = any(pattern.fullmatch(url) for provider in PROVIDERS.values() for pattern in provider.pasted)
    if "link" in settings.EMBED_PROVIDERS and not video and (link := _link_url(url)):
        return Embed(PROVIDERS["link"], link)
    return None


def is_stored_url(value: str) -> bool:
    """Whether `value` is an address a placeholder may store: one `parse()` gives back unchanged."""
    embed = parse(value)
    return embed is not None and embed.url == value


def is_player_url(value: str) -> bool:
    """Whether `value` is the player address of an enabled provider for a well-formed id."""
    return any(provider.player and provider.player_pattern().fullmatch(value) for provider in enabled())


def player_origins() -> list[str]:
    """The origins the CSP's frame-src allows: the enabled players, loaded only after a click."""
    return [provider.player_origin for provider in enabled() if provider.player]
