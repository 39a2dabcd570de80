"""Files on an S3-compatible object store (config/settings/storage.py) against a real S3
server (moto's server mode, tests/storage/s3.py): attachments, pending uploads, receipts
and documents in the "private" store land in the bucket, never on the web server's disk,
and reach people only through the guarded views or a short-lived signed URL."""

from datetime import timedelta
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from config.settings.storage import file_storages, s3_options
from initiatives.pending_uploads import pending_read, pending_store, pending_uploads_sweep
from tests.budgets.factories import GrantReceiptFactory
from tests.initiatives.factories import PDF, InitiativeAttachmentFactory
from tests.storage.s3 import BUCKET, s3_server_start

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    server = s3_server_start(tmp_path_factory.mktemp("s3"))
    yield server
    server.process.stop()


@pytest.fixture
def s3(s3_server, settings):
    """The platform's default and private stores on the S3 server, as STORAGE_BACKEND=s3
    with the AWS_* variables would make them."""
    s3_server.empty()
    env = s3_server.env()
    options = s3_options(
        bucket_name=env["AWS_STORAGE_BUCKET_NAME"],
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        access_key=env["AWS_ACCESS_KEY_ID"],
        secret_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    backend = "storages.backends.s3.S3Storage"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": backend, "OPTIONS": options},
        "private": {"BACKEND": backend, "OPTIONS": options},
    }
    return s3_server


def _nothing_on_disk(settings) -> bool:
    root = settings.MEDIA_ROOT
    return not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_attachments_are_in_the_bucket_and_reach_only_brokers(s3, settings, client, broker):
    attachment = InitiativeAttachmentFactory()
    assert s3.objects() == [attachment.file.name]
    assert _nothing_on_disk(settings)

    url = f"/makelaar/bijlagen/{attachment.pk}/"
    assert "/accounts/login/" in client.get(url)["Location"]
    client.force_login(broker)
    answer = client.get(url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    assert answer["Content-Disposition"].startswith("attachment;")

    # The object itself is not public: without a signature the store refuses it.
    direct = requests.get(f"{s3.url}/{BUCKET}/{attachment.file.name}", timeout=5)
    assert direct.status_code == 403


def test_a_url_to_a_stored_file_is_signed_and_short_lived(s3):
    attachment = InitiativeAttachmentFactory()
    signed = attachment.file.url
    query = parse_qs(urlsplit(signed).query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    assert requests.get(signed, timeout=5).content == PDF
    # (moto's server refuses unsigned requests but does not check signatures: the
    # signature's own checks are the real store's.)


def test_pending_uploads_are_kept_in_the_bucket_and_swept(s3, settings):
    kept = pending_store(SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"))
    assert kept is not None and s3.objects("pending/") == [kept.stored_name]
    assert pending_read(kept.token) == kept
    assert _nothing_on_disk(settings)

    assert pending_uploads_sweep(older_than=timedelta(hours=1)) == 0
    assert pending_uploads_sweep(older_than=timedelta(0)) == 1
    assert s3.objects("pending/") == []
    assert pending_read(kept.token) is None


def test_receipts_are_in_the_bucket_and_streamed_to_brokers(s3, client, broker):
    receipt = GrantReceiptFactory()
    assert receipt.file.name in s3.objects()
    client.force_login(broker)
    answer = client.get(f"/makelaar/budget/bon/{receipt.pk}/")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == b"%PDF-1.4\n%%EOF\n"
    assert answer["Cache-Control"] == "private, no-store"


def test_the_private_store_for_documents_made_here(s3):
    private = storages["private"]
    name = private.save("letters/brief.pdf", ContentFile(PDF))
    assert name in s3.objects("letters/")
    with private.open(name, "rb") as stored:
        assert stored.read() == PDF
    assert "X-Amz-Signature" in private.url(name)
    # Names are never reused: a second letter under the same name gets its own object.
    assert private.save("letters/brief.pdf", BytesIO(b"%PDF-1.4 other")) != name


def test_local_disk_stays_the_default():
    local = file_storages("local")
    assert {entry["BACKEND"] for entry in local.values()} == {
        "django.core.files.storage.FileSystemStorage"
    }
    s3 = file_storages("s3")["default"]
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"]["querystring_auth"] is True
    assert s3["OPTIONS"]["default_acl"] is None
