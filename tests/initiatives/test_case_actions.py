"""The one responder of case actions (initiatives/case_actions.py): htmx or not, success
or failure, and where it sends the broker back to."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django_htmx.middleware import HtmxMiddleware

from initiatives.case_actions import case_action_response

BACK = "/makelaar/ideeen/2026-0001/#tijdlijn"


class Calls:
    """Stands in for a view's fragment and page, recording what they were asked."""

    def __init__(self):
        self.fragments = []
        self.pages = 0

    def fragment(self, *, notice, error):
        self.fragments.append({"notice": notice, "error": error})
        # A fragment rendered with a 4xx (as a page with errors would be) still swaps.
        return HttpResponse(f"fragment {notice}{error}", status=400)

    def page(self):
        self.pages += 1
        return HttpResponse("page with errors", status=400)


def _answer(rf, *, htmx=False, data=None, headers=None, **kwargs):
    """POST through the middleware the site runs for this: sessions, messages, htmx."""
    headers = dict(headers or {})
    if htmx:
        headers["HX-Request"] = "true"
    request = rf.post("/makelaar/ideeen/2026-0001/notitie/", data or {}, headers=headers)
    chain = SessionMiddleware(
        MessageMiddleware(HtmxMiddleware(lambda r: case_action_response(r, **kwargs)))
    )
    response = chain(request)
    return response, [(m.level_tag, str(m)) for m in get_messages(request)]


def test_the_site_runs_the_htmx_middleware():
    assert "django_htmx.middleware.HtmxMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize(
    ("succeeded", "expected"),
    [(True, {"notice": "Opgeslagen.", "error": ""}), (False, {"notice": "", "error": "Nee."})],
)
def test_with_htmx_the_fragment_always_200_with_the_message_announced(rf, succeeded, expected):
    calls = Calls()
    response, flashes = _answer(
        rf,
        htmx=True,
        data={"next": "/makelaar/"},
        succeeded=succeeded,
        message="Opgeslagen." if succeeded else "Nee.",
        fragment=calls.fragment,
        page=calls.page,
        back=BACK,
    )
    assert response.status_code == 200
    assert response.content.decode() == f"fragment {expected['notice']}{expected['error']}"
    assert calls.fragments == [expected]
    assert calls.pages == 0
    assert flashes == []


def test_an_hx_request_header_other_than_true_is_a_full_page(rf):
    calls = Calls()
    response, flashes = _answer(
        rf,
        headers={"HX-Request": "false"},
        succeeded=True,
        message="Opgeslagen.",
        fragment=calls.fragment,
        back=BACK,
    )
    assert response.status_code == 302
    assert calls.fragments == []


def test_without_htmx_success_flashes_and_redirects_to_a_safe_next(rf):
    calls = Calls()
    response, flashes = _answer(
        rf,
        data={"next": "/makelaar/budget/idee/7/?tab=geld"},
        succeeded=True,
        message="Opgeslagen.",
        fragment=calls.fragment,
        page=calls.page,
        back=BACK,
    )
    assert response.status_code == 302
    assert response["Location"] == "/makelaar/budget/idee/7/?tab=geld"
    assert flashes == [("success", "Opgeslagen.")]
    assert calls.fragments == [] and calls.pages == 0


def test_without_htmx_success_and_no_next_goes_back(rf):
    response, flashes = _answer(
        rf, succeeded=True, message="Opgeslagen.", fragment=Calls().fragment, back=BACK
    )
    assert response["Location"] == BACK
    assert flashes == [("success", "Opgeslagen.")]


@pytest.mark.parametrize(
    "unsafe",
    ["https://elders.example/", "//elders.example/makelaar/", "javascript:alert(1)", "///x"],
)
def test_an_unsafe_next_is_not_followed(rf, unsafe):
    response, _flashes = _answer(
        rf,
        data={"next": unsafe},
        succeeded=True,
        message="Opgeslagen.",
        fragment=Calls().fragment,
        back=BACK,
    )
    assert response["Location"] == BACK


def test_without_htmx_failure_shows_the_page_with_its_own_status(rf):
    calls = Calls()
    response, flashes = _answer(
        rf,
        data={"next": "/makelaar/"},
        succeeded=False,
        fragment=calls.fragment,
        page=calls.page,
        back=BACK,
    )
    assert response.status_code == 400
    assert response.content == b"page with errors"
    assert calls.pages == 1 and calls.fragments == []
    assert flashes == []


def test_without_htmx_a_refusal_no_form_can_show_is_flashed_and_goes_back(rf):
    asked = []

    def back():
        asked.append(True)
        return "/makelaar/ideeen/2026-0002/"

    response, flashes = _answer(
        rf,
        data={"next": "https://elders.example/"},
        succeeded=False,
        message="Over dit besluit is al beslist.",
        fragment=Calls().fragment,
        back=back,
    )
    assert response.status_code == 302
    assert response["Location"] == "/makelaar/ideeen/2026-0002/"
    assert flashes == [("error", "Over dit besluit is al beslist.")]
    assert asked == [True]


def test_back_is_only_worked_out_when_needed(rf):
    def back():
        raise AssertionError("a safe next was posted: back is not needed")

    response, _flashes = _answer(
        rf,
        data={"next": "/makelaar/"},
        succeeded=True,
        message="Opgeslagen.",
        fragment=Calls().fragment,
        back=back,
    )
    assert response["Location"] == "/makelaar/"


def test_a_next_url_given_by_the_view_replaces_the_posted_one(rf):
    # matching falls back to the Referer: the view says where the page asked to go.
    response, _flashes = _answer(
        rf,
        data={"next": "/makelaar/elders/"},
        succeeded=True,
        message="Opgeslagen.",
        fragment=Calls().fragment,
        back=BACK,
        next_url="/makelaar/ideeen/2026-0003/",
    )
    assert response["Location"] == "/makelaar/ideeen/2026-0003/"
