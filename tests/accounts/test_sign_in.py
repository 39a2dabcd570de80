"""The one staff sign-in page, the roles the provider's groups grant, and local passwords
switched off (the provider's own flow: test_oidc.py)."""

import pytest
from django.contrib.auth import get_user_model

from accounts.roles import ADMINISTRATOR, Role, roles_from_groups
from accounts.services import staff_roles_sync

MAPPING = {
    Role.BROKER: ["makelaars"],
    Role.COORDINATOR: ["coordinatoren", "teamleiders"],
    Role.CIVIL_SERVANT: ["beleid"],
    ADMINISTRATOR: ["beheer"],
}


@pytest.mark.parametrize(
    ("groups", "roles"),
    [
        (["makelaars"], {Role.BROKER}),
        (["teamleiders", "beleid", "iets-anders"], {Role.COORDINATOR, Role.CIVIL_SERVANT}),
        (["beheer"], {ADMINISTRATOR}),
        ("makelaars", {Role.BROKER}),  # a provider that sends one group as a string
        (["Makelaars"], set()),  # exact names only
        ([], set()),
        (None, set()),
        ({"makelaars": True}, set()),
        ([["makelaars"], 3], set()),
    ],
)
def test_roles_from_the_groups_claim(groups, roles):
    assert roles_from_groups(groups, MAPPING) == roles


def test_unknown_roles_in_the_mapping_grant_nothing():
    assert roles_from_groups(["x"], {"superuser": ["x"], "owner": ["x"]}) == set()


@pytest.mark.django_db
def test_roles_sync_gives_exactly_the_roles_held(django_assert_max_num_queries):
    user = get_user_model().objects.create_user(username="oidc:1", email="p@gemeente.example")
    assert staff_roles_sync(user=user, roles={Role.BROKER, ADMINISTRATOR}, display_name="P")
    user.refresh_from_db()
    assert set(user.groups.values_list("name", flat=True)) == {Role.BROKER}
    assert user.is_superuser and user.is_staff
    assert user.broker_profile.display_name == "P"

    # Unchanged (the re-check at every request): reads only.
    with django_assert_max_num_queries(2):
        assert staff_roles_sync(user=user, roles={Role.BROKER, ADMINISTRATOR})

    assert not staff_roles_sync(user=user, roles=set())
    user.refresh_from_db()
    assert not user.groups.exists() and not user.is_superuser and not user.is_staff


@pytest.mark.django_db
def test_sign_in_page_offers_the_provider_when_enabled(client, settings):
    settings.OIDC_ENABLED = True
    page = client.get("/accounts/login/?next=/makelaar/")
    assert b'href="/accounts/oidc/start/?next=/makelaar/"' in page.content
    assert b'name="password"' in page.content


@pytest.mark.django_db
def test_provider_pages_are_not_there_when_disabled(client):
    assert client.get("/accounts/oidc/start/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=x&state=y").status_code == 404
    assert b"oidc/start" not in client.get("/accounts/login/").content


@pytest.mark.django_db
def test_local_passwords_switched_off(client, settings, broker):
    settings.OIDC_ENABLED = True
    settings.LOCAL_PASSWORDS_ENABLED = False
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "accounts.oidc.backend.ProviderBackend",
    ]
    broker.set_password("a-good-long-password-1")
    broker.save()
    page = client.get("/accounts/login/")
    assert b'name="password"' not in page.content and b"oidc/start" in page.content
    answer = client.post(
        "/accounts/login/", {"username": broker.username, "password": "a-good-long-password-1"}
    )
    assert answer.status_code == 405
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_admin_signs_in_on_the_one_sign_in_page(client):
    answer = client.get("/admin/login/?next=/admin/")
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/?next=/admin/"


@pytest.mark.django_db
def test_the_admin_signs_out_like_all_staff(admin_client):
    answer = admin_client.post("/admin/logout/")
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert "_auth_user_id" not in admin_client.session


@pytest.mark.django_db
def test_local_sign_out_goes_home(client, broker):
    client.force_login(broker)
    answer = client.post("/accounts/logout/")
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/logout/").status_code == 405
