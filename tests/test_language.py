import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_dutch_by_default_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


def test_the_language_switch_chooses_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/")
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()


def test_an_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/")["Content-Language"] == "nl"


def test_the_chosen_language_ends_with_the_request(client):
    from django.utils import translation

    before = translation.get_language()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/")["Content-Language"] == "en"
    # Work done next in the same thread (an on-commit task, a test) is not in English.
    assert translation.get_language() == before


@pytest.mark.parametrize(
    ("chosen", "other", "name"), [("nl", "en", "English"), ("en", "nl", "Nederlands")]
)
def test_the_language_switch_names_the_other_language_in_itself(client, chosen, other, name):
    # "Engels" on the Dutch page is not what an English reader looks for, and a screen
    # reader needs lang="en" to say "English" right. One button for the other language
    # (not a select and a button) fits beside the name on a phone.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = chosen
    html = client.get("/").content.decode()
    assert re.search(
        rf'<button type="submit" name="language" value="{other}" lang="{other}"'
        rf"[^>]*>{name}</button>",
        html,
    )
    assert f'value="{chosen}" lang="{chosen}"' not in html
    assert "Engels<" not in html
