"""One guard for staff pages (accounts/guards.py: staff_required(check)): every page under
/makelaar/, /cijfers/ and the budget management passes it, and none checks by hand."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

STAFF_PREFIXES = ("makelaar/", "cijfers/", "wijkbudgetten/beheer/")
# A value for each converter: the guard answers before any lookup.
SAMPLE = {"int": "7", "key": "2026-0001", "str": "x", "slug": "x", "path": "x"}


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _staff_patterns():
    found = [(route, p) for route, p in _patterns() if route.startswith(STAFF_PREFIXES)]
    assert len(found) > 30  # the brokers', budgets', matching's, intake's and figures' pages
    return found


def _url(route: str) -> str:
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m.group(1) or "str"], route)


def test_every_staff_page_passes_the_one_guard():
    unguarded = [
        route
        for route, pattern in _staff_patterns()
        if getattr(pattern.callback, "staff_check", None) is None
    ]
    assert unguarded == []


def test_the_guard_sends_visitors_to_sign_in_and_refuses_who_may_not(client):
    someone = get_user_model().objects.create_user(username="iemand", password="x" * 20)
    failures = []
    for route, pattern in _staff_patterns():
        url = _url(route)
        # GET and POST: a page limited to one method may refuse the other one first (405).
        anonymous = [client.get(url), client.post(url)]
        if not any(r.status_code == 302 and "/accounts/login/" in r["Location"] for r in anonymous):
            failures.append(f"anonymous {url}: {[r.status_code for r in anonymous]}")
        if pattern.callback.staff_check(someone):
            continue  # /makelaar/start/ leads anyone signed in to their own work
        client.force_login(someone)
        signed_in = [client.get(url).status_code, client.post(url).status_code]
        client.logout()
        if 403 not in signed_in or not set(signed_in) <= {403, 405}:
            failures.append(f"no role {url}: {signed_in}")
    assert failures == []
