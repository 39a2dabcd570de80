"""No request body larger than any form of ours takes is read at all: Django parses a
multipart body (its files onto the web pod's disk) before the CSRF check, so without a
cap an anonymous visitor could fill that disk with one POST. The proxy may cap it too;
this does not depend on it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_a_body_over_the_cap_is_refused_before_anything_reads_it(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 10_000
    upload = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff" + b"x" * 20_000)
    response = client.post("/idee-indienen/", {"title": "Bankje", "attachments": upload})
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert not Initiative.objects.exists()


def test_a_resident_gets_a_page_with_the_way_back(client, settings):
    """It was one line of plain text: no language, no links, no idea what to do next."""
    settings.MAX_REQUEST_BODY_BYTES = 10_000
    upload = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff" + b"x" * 20_000)
    response = client.post("/idee-indienen/", {"title": "Bankje", "attachments": upload})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "<h1>Te veel of te grote bestanden</h1>" in html
    assert "hoogstens 9,8\xa0KB, bijlagen meegeteld" in html
    assert 'href="/"' in html and 'id="main"' in html


def test_the_api_says_it_in_json(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1_000
    response = client.post(
        "/api/v1/initiatives/", data="{" + '"x": 1,' * 500 + "}", content_type="application/json"
    )
    assert response.status_code == 413
    assert "te groot" in response.json()["detail"]


def test_the_largest_form_fits_under_the_default_cap(settings):
    from budgets.models import RECEIPT_MAX_COUNT
    from initiatives.attachments import MAX_SIZE
    from voting.forms import ADDRESS_LIST_MAX_BYTES

    largest = max(RECEIPT_MAX_COUNT * MAX_SIZE, ADDRESS_LIST_MAX_BYTES)
    assert largest < settings.MAX_REQUEST_BODY_BYTES


def test_an_ordinary_post_passes(client):
    response = client.post("/idee-indienen/", {"title": "Bankje"})
    assert response.status_code != 413
