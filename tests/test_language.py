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


@pytest.mark.parametrize("chosen", ["nl", "en"])
def test_the_language_menu_names_each_language_in_itself(client, chosen):
    # "Engels" on the Dutch page is not what an English reader looks for, and a screen
    # reader needs lang="en" to say "English" right.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = chosen
    html = client.get("/").content.decode()
    selected = {"nl": "", "en": ""} | {chosen: " selected"}
    assert f'<option value="nl"{selected["nl"]} lang="nl">Nederlands</option>' in html
    assert f'<option value="en"{selected["en"]} lang="en">English</option>' in html
    assert "Engels</option>" not in html
