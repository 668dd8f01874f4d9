"""Pictures come from the operator's folder or base URL only, and never from a private address."""

import http.server
import io
import threading

import pytest
from PIL import Image as PILImage

from images.models import Image
from wordpress.media import BaseURL, Folder, MediaError

from .conftest import MAGAZINE


def jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#2b3a55").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def server():
    """An old site's uploads on 127.0.0.1: /wp-content/uploads/2024/10/still.jpg and a huge file."""
    picture = jpeg()
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            if self.path.endswith("/still.jpg"):
                self.send_response(200)
                self.send_header("Content-Length", str(len(picture)))
                self.end_headers()
                self.wfile.write(picture)
            elif self.path.endswith("/posters.png"):
                self.send_response(302)
                self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
                self.end_headers()
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.asked = asked
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/wp-content/uploads"


def test_a_base_on_a_private_address_is_refused(server):
    with pytest.raises(MediaError, match="resolves to a private address"):
        BaseURL(base(server)).read("2024/10/still.jpg")
    assert server.asked == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://old.example/uploads", "https://me:pw@old.example/up"])
def test_a_base_that_is_not_a_plain_web_address_is_refused(url):
    with pytest.raises(MediaError, match="must be an http"):
        BaseURL(url)


def test_a_picture_is_fetched_from_the_base_and_nothing_else(server):
    data = BaseURL(base(server), allow_private=True).read("2024/10/still.jpg")

    assert data[:2] == b"\xff\xd8"
    assert server.asked == ["/wp-content/uploads/2024/10/still.jpg"]


def test_a_redirect_is_not_followed(server):
    with pytest.raises(MediaError, match="answered 302"):
        BaseURL(base(server), allow_private=True).read("2024/11/posters.png")


def test_a_path_climbing_out_of_the_uploads_is_refused(server, tmp_path):
    with pytest.raises(MediaError, match="outside"):
        BaseURL(base(server), allow_private=True).read("../../../admin/")
    with pytest.raises(MediaError, match="outside the media folder"):
        Folder(tmp_path).read("../../etc/passwd")


def test_a_file_larger_than_the_library_takes_is_not_read(server, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(MediaError, match="larger than IMAGE_MAX_UPLOAD_MB"):
        BaseURL(base(server), allow_private=True).read("2024/10/still.jpg")


@pytest.mark.django_db
def test_the_command_refuses_a_private_base_and_imports_the_rest(run_import, server):
    result = run_import(MAGAZINE, "--media-base", base(server))

    assert result.report["skipped"]["pictures"]["could not be read"] == 2
    assert "resolves to a private address" in " ".join(
        result.report["examples"]["skipped pictures: could not be read"]
    )
    assert result.counts("articles")["imported"] == 6
    assert server.asked == []


@pytest.mark.django_db
def test_a_file_that_is_not_a_picture_is_refused_by_the_library(run_import, uploads):
    (uploads / "2024" / "10" / "still.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    result = run_import(MAGAZINE, "--media-from", str(uploads))

    assert result.report["skipped"]["pictures"]["refused by the media library"] == 1
    assert Image.objects.count() == 1
