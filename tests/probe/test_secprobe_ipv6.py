"""The per-address limits counted an IPv6 address one by one. Every home connection or
phone has a /64 to choose from, so a new address for each try slipped past all of them:
five failed sign-ins per account and address (django-axes), submissions, new links and
voting-code tries. They now count an IPv6 address by its /64."""

import pytest
from django.test import RequestFactory

from config.http import limit_address
from tests.accounts.factories import StaffFactory


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::"),
        ("2001:db8:1:3::1", "2001:db8:1:3::"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("", ""),
    ],
)
def test_an_ipv6_address_counts_by_its_slash_64(address, counted_as):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    assert limit_address(request) == counted_as


@pytest.mark.django_db
def test_failed_sign_ins_from_one_slash_64_lock_the_account_whatever_the_address(client):
    user = StaffFactory()
    user.set_password("het-goede-wachtwoord")
    user.save()
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"username": user.username, "password": f"fout-{n}"},
            REMOTE_ADDR=f"2001:db8:7:7::{n + 1}",
        )
    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": "het-goede-wachtwoord"},
        REMOTE_ADDR="2001:db8:7:7::99",
    )
    assert response.status_code == 429
    elsewhere = client.post(
        "/accounts/login/",
        {"username": user.username, "password": "het-goede-wachtwoord"},
        REMOTE_ADDR="2001:db8:7:8::1",
    )
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_the_submission_limit_holds_for_new_addresses_in_one_slash_64(client, settings):
    from tests.initiatives.factories import theme
    from tests.initiatives.payloads import submission_data
    from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "2/hour"}
    }
    for number in range(2):
        response = client.post(
            "/idee-indienen/", submission_data(), REMOTE_ADDR=f"2001:db8:5:5::{number + 1}"
        )
        assert response.status_code == 302
    response = client.post("/idee-indienen/", submission_data(), REMOTE_ADDR="2001:db8:5:5::77")
    assert response.status_code == 429
