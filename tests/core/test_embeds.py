"""Which pasted addresses become embeds, and fetching from outside services safely."""

import io
import urllib.request

import pytest

from core import embeds, net

VIDEO = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "pasted",
    [
        f"https://www.youtube.com/watch?v={VIDEO}",
        f"https://youtube.com/watch?feature=share&v={VIDEO}&t=42",
        f"https://m.youtube.com/watch?v={VIDEO}",
        f"https://youtu.be/{VIDEO}?si=abc",
        f"https://www.youtube.com/embed/{VIDEO}",
        f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1",
        f"https://www.youtube.com/shorts/{VIDEO}",
    ],
)
def test_youtube_addresses_become_one_video(pasted):
    embed = embeds.parse(pasted)

    assert (embed.provider.name, embed.id) == ("youtube", VIDEO)
    assert embed.url == f"https://www.youtube.com/watch?v={VIDEO}"
    assert embed.player == f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1"


@pytest.mark.parametrize("pasted", ["https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?h=1"])
def test_vimeo_addresses_become_one_video_played_without_tracking(pasted):
    embed = embeds.parse(pasted)

    assert (embed.provider.name, embed.id, embed.url) == ("vimeo", "76979871", "https://vimeo.com/76979871")
    assert embed.player == "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"


def test_any_other_https_page_becomes_a_link_card_without_its_fragment():
    embed = embeds.parse("https://Example.org/essays/anora?x=1#top")

    assert (embed.provider.name, embed.url, embed.host, embed.player) == (
        "link",
        "https://example.org/essays/anora?x=1",
        "example.org",
        "",
    )


@pytest.mark.parametrize(
    "pasted",
    [
        "http://example.org/",
        "javascript:alert(1)",
        "https://user:pw@example.org/",
        "https://127.0.0.1/admin/",
        "https://localhost/",
        'https://example.org/"onmouseover="x',
        "https://example.org/" + "a" * 600,
        "ftp://example.org/",
        "",
    ],
)
def test_other_addresses_are_not_embedded(pasted):
    assert embeds.parse(pasted) is None


def test_a_provider_switched_off_embeds_nothing_not_even_a_link_card(settings):
    settings.EMBED_PROVIDERS = ["vimeo", "link"]

    assert embeds.parse(f"https://youtu.be/{VIDEO}") is None
    assert embeds.parse("https://example.org/") is not None
    assert embeds.player_origins() == ["https://player.vimeo.com"]


def test_the_csp_frames_only_the_players_of_the_providers_switched_on(settings):
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] == [
        "'self'",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]


class _Response(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_fetch_reads_an_allowed_host(monkeypatch):
    monkeypatch.setattr(net._opener, "open", lambda request, timeout: _Response(b"{}"))

    assert net.fetch("https://i.ytimg.com/vi/x/hqdefault.jpg", hosts=["i.ytimg.com"], max_bytes=10, timeout=1) == b"{}"


@pytest.mark.parametrize(
    "url",
    ["http://i.ytimg.com/x.jpg", "https://evil.example/x.jpg", "https://i.ytimg.com:8443/x.jpg", "file:///etc/passwd"],
)
def test_fetch_refuses_other_hosts_schemes_and_ports_without_connecting(monkeypatch, url):
    monkeypatch.setattr(net._opener, "open", lambda *args, **kwargs: pytest.fail("connected"))

    with pytest.raises(net.FetchError):
        net.fetch(url, hosts=["i.ytimg.com"], max_bytes=10, timeout=1)


def test_fetch_refuses_an_answer_larger_than_the_limit(monkeypatch):
    monkeypatch.setattr(net._opener, "open", lambda request, timeout: _Response(b"x" * 11))

    with pytest.raises(net.FetchError, match="larger than 10 bytes"):
        net.fetch("https://i.ytimg.com/x.jpg", hosts=["i.ytimg.com"], max_bytes=10, timeout=1)


def test_fetch_follows_no_redirect():
    handler = net._NoRedirects()
    request = urllib.request.Request("https://i.ytimg.com/x.jpg")

    with pytest.raises(net.FetchError, match="redirects"):
        handler.redirect_request(request, None, 302, "Found", {}, "https://10.0.0.1/")


def test_fetch_turns_a_network_failure_into_a_fetch_error(monkeypatch):
    def refuse(request, timeout):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(net._opener, "open", refuse)

    with pytest.raises(net.FetchError, match="unreachable"):
        net.fetch("https://i.ytimg.com/x.jpg", hosts=["i.ytimg.com"], max_bytes=10, timeout=1)
