"""The visitor's address for the per-address limits (config/http.py: client_address)."""

import pytest
from django.test import RequestFactory

from config.http import client_address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # gunicorn faces the visitors: their own X-Forwarded-For is not believed.
        (0, "6.6.6.6", "10.0.0.1"),
        (0, "", "10.0.0.1"),
        # One proxy appends the address it saw; what the client wrote before it is ignored.
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (1, "203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 172.18.0.2", "203.0.113.7"),
        # Fewer addresses than proxies: the first one there is.
        (2, "203.0.113.7", "203.0.113.7"),
        (1, "", "10.0.0.1"),
        (1, " , ", "10.0.0.1"),
    ],
)
def test_client_address_believes_only_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": "10.0.0.1"}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    assert client_address(request) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/makelaar/berichten/", "/makelaar/nieuw-idee/", "/api/v1/cases/", "/wijkbudgetten/"]
)
def test_pages_for_signed_in_staff_stay_out_of_caches(client, coordinator, url):
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_for_visitors_keep_their_own_caching(client):
    assert "Cache-Control" not in client.get("/wijkbudgetten/")


@pytest.mark.django_db
def test_the_favicon_is_the_icon_every_page_links_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()
