"""The error pages in real Chromium: axe-core finds nothing serious on them."""

import pytest
from django.template.loader import render_to_string

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_page_not_found_is_accessible(page):
    response = page.goto("/bestaat-niet/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    assert_accessible(page)


def test_server_error_page_is_accessible(page):
    # 500.html stands on its own (no request, no static files): load it as it is.
    page.set_content(render_to_string("500.html"))
    assert page.locator("h1").inner_text() == "Er ging iets mis"
    assert_accessible(page)
