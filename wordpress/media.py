"""Where an attachment's picture comes from: a folder of the site's uploads, or the operator's base URL.

Either way the file is only read here; the media library's own checks and re-encoding
(images.processing, images.services) decide what is kept. Fetching goes to the one host the
operator named, never to a private or loopback address (the export is not trusted: its
addresses are only used for the path under the uploads folder), with a timeout and a size
limit, and follows no redirect.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings

from .body import UPLOADS
from .wxr import Item

TIMEOUT_SECONDS = 20


class MediaError(Exception):
    """The picture could not be had; the message says why, for the report."""


def relative_path(item: Item) -> str:
    """The attachment's path under wp-content/uploads ("2019/05/still.jpg")."""
    attached = item.meta.get("_wp_attached_file", "").strip().lstrip("/")
    if attached and not attached.startswith(("http://", "https://")):
        return attached
    path = urlsplit(item.attachment_url or item.guid).path
    return path.split(UPLOADS, 1)[1] if UPLOADS in path else path.rsplit("/", 1)[-1]


@dataclass
class Folder:
    """The uploads folder copied from the old server (wp-content/uploads)."""

    root: Path

    def read(self, relative: str) -> bytes:
        root = self.root.resolve()
        path = (root / relative).resolve()
        if not path.is_relative_to(root):
            raise MediaError(f"{relative} points outside the media folder")
        if not path.is_file():
            raise MediaError(f"{relative} is not in {self.root}")
        if path.stat().st_size > settings.IMAGE_MAX_UPLOAD_BYTES:
            raise MediaError(f"{relative} is larger than IMAGE_MAX_UPLOAD_MB")
        return path.read_bytes()


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_global and not ip.is_multicast


@dataclass
class BaseURL:
    """The old site's uploads address ("https://old.example/wp-content/uploads"); nothing else is fetched."""

    base: str
    # Tests serve pictures from 127.0.0.1; nothing else should ever turn this on.
    allow_private: bool = False

    def __post_init__(self) -> None:
        parts = urlsplit(self.base)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
            raise MediaError(f"--media-base must be an http(s) address without a login, not {self.base!r}")
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.prefix = parts.path.rstrip("/")

    def _address(self) -> str:
        """The host's address, refused when it is private: checked once and used for the connection,
        so that a second DNS answer cannot point the request elsewhere."""
        try:
            infos = socket.getaddrinfo(self.host, self.port or 0, type=socket.SOCK_STREAM)
        except OSError as error:
            raise MediaError(f"cannot resolve {self.host}: {error}") from None
        addresses = [info[4][0] for info in infos]
        if not self.allow_private and not all(_is_public(address) for address in addresses):
            raise MediaError(f"{self.host} resolves to a private address; refusing to fetch from it")
        return addresses[0]

    def read(self, relative: str) -> bytes:
        path = f"{self.prefix}/{quote(relative.lstrip('/'), safe='/')}"
        if ".." in relative.split("/"):
            raise MediaError(f"{relative} points outside the uploads")
        address = self._address()
        port = self.port or (443 if self.scheme == "https" else 80)
        if self.scheme == "https":
            connection = _PinnedHTTPS(self.host, address, port, timeout=TIMEOUT_SECONDS)
        else:
            connection = http.client.HTTPConnection(address, port, timeout=TIMEOUT_SECONDS)
        limit = settings.IMAGE_MAX_UPLOAD_BYTES
        try:
            connection.request("GET", path, headers={"Host": self.host, "User-Agent": "the-long-take-import"})
            response = connection.getresponse()
            if response.status != 200:
                raise MediaError(f"{self.base}/{relative} answered {response.status}")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise MediaError(f"{relative} is larger than IMAGE_MAX_UPLOAD_MB")
            data = response.read(limit + 1)
            if len(data) > limit:
                raise MediaError(f"{relative} is larger than IMAGE_MAX_UPLOAD_MB")
            return data
        except (OSError, http.client.HTTPException) as error:
            raise MediaError(f"cannot fetch {self.base}/{relative}: {error}") from None
        finally:
            connection.close()


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to an address resolved beforehand, with the certificate checked for the host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


Source = Folder | BaseURL
