from __future__ import annotations

import http.client
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The reader's address, trusting X-Forwarded-For only as far as our own proxies append to it."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class FetchError(Exception):
    """An address that could not be fetched, or not safely: the message says why."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could lead anywhere, a host on our own network included: it counts as a failure.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise FetchError(f"{req.full_url} redirects elsewhere")


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, *, hosts: Iterable[str], max_bytes: int, timeout: float) -> bytes:
    """The body of `url`, fetched over https from one of `hosts` only, no redirects followed, at most
    `max_bytes` long and within `timeout` seconds; raises FetchError otherwise.

    For the few outside services the desk asks something of (a video's title and poster), never for an
    address a reader or an editor typed: the hosts are ours to list, so nothing reaches our own network.
    """
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in set(hosts) or parts.port not in {None, 443}:
        raise FetchError(f"{url} is not on an allowed https host")
    request = urllib.request.Request(url, headers={"User-Agent": "TheLongTake/1.0 (+embeds)"})
    try:
        with _opener.open(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
    except FetchError:
        raise
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise FetchError(f"{url}: {error}") from error
    if len(body) > max_bytes:
        raise FetchError(f"{url} is larger than {max_bytes} bytes")
    return body
