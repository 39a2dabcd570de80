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


def test_too_large_a_submission_gets_a_page_with_the_way_back(page, settings, tmp_path):
    """Files over the request cap got one line of plain text: no links, no language."""
    from tests.initiatives.files import PDF

    settings.MAX_REQUEST_BODY_BYTES = 50_000
    drawing = tmp_path / "tekening.pdf"
    drawing.write_bytes(PDF + b"0" * 60_000)
    page.goto("/idee-indienen/")
    page.fill("#id_title", "Bankje bij de bushalte")
    page.set_input_files("#id_attachments", str(drawing))
    with page.expect_navigation() as navigation:
        page.click("#submission-form button[type=submit]")
    assert navigation.value.status == 413
    assert page.locator("h1").inner_text() == "Te veel of te grote bestanden"
    assert page.locator("main a[href='/']").count() == 1
    assert_accessible(page)
