import boto3
import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from moto import mock_aws
from storages.backends.s3 import S3Storage

from core.db_router import PrimaryForWritesMiddleware, PrimaryReplicaRouter
from core.net import client_ip

router = PrimaryReplicaRouter()


def _route_during(rf, method: str, path: str) -> str:
    seen = []
    middleware = PrimaryForWritesMiddleware(lambda request: seen.append(router.db_for_read(None)))
    middleware(getattr(rf, method)(path))
    return seen[0]


def test_reads_of_readers_go_to_the_replica(rf):
    assert _route_during(rf, "get", "/articles/anora/") == "replica"


def test_writes_and_the_admin_stay_on_the_primary(rf):
    assert _route_during(rf, "post", "/comments/post/1/") == "default"
    assert _route_during(rf, "get", "/admin/articles/article/") == "default"
    assert router.db_for_write(None) == "default"


def _where_reads_go(request):
    return HttpResponse(router.db_for_read(None))


urlpatterns = [path("probe/", _where_reads_go), path("admin/probe/", _where_reads_go)]


# A request that may write runs in a transaction (renderings/middleware.py); none around the test:
# inside one, every read stays on the primary.
@pytest.mark.django_db(transaction=True)
def test_the_site_s_middleware_pins_writes_and_the_admin_to_the_primary(client, settings):
    # Through the whole middleware stack of the settings, as a request is served.
    settings.ROOT_URLCONF = __name__

    assert client.get("/probe/").content == b"replica"
    assert client.post("/probe/").content == b"default"
    assert client.get("/admin/probe/").content == b"default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary():
    with transaction.atomic():
        assert router.db_for_read(None) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


@mock_aws
def test_media_saved_to_object_storage_can_be_read_back():
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="magazine-media")
    storage = S3Storage(bucket_name="magazine-media", region_name="us-east-1", querystring_auth=False)

    name = storage.save("articles/hero.txt", ContentFile(b"poster bytes"))

    with storage.open(name) as stored:
        assert stored.read() == b"poster bytes"
    assert storage.url(name).startswith("https://magazine-media.s3.amazonaws.com/articles/hero")


def test_client_ip_trusts_only_our_own_proxies(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"
