"""No silent cuts: long fields have a counter that works without JavaScript, no input is
cut off by maxlength, the server says when text is too long (and keeps it), and the
error summary lists the errors in the order of the page."""

import re

import pytest

from tests.initiatives.factories import theme
from tests.initiatives.payloads import submission_data
from tests.initiatives.test_views import _form_pages
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db

SUBMIT = "/idee-indienen/"


@pytest.fixture(autouse=True)
def _setup():
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))


def test_no_form_cuts_text_off(client, broker):
    for name, response in _form_pages(client, broker):
        assert not re.search(r"\smaxlength=", response.content.decode()), name


def test_long_fields_have_a_counter_without_javascript(client):
    html = client.get(SUBMIT).content.decode()
    assert 'data-maxlength="5000" data-counter' in html
    assert 'id="id_description-count"' in html
    assert "U kunt hoogstens 5000 tekens gebruiken." in html
    assert 'aria-describedby="id_description-hint id_description-count"' in html
    assert 'id="id_description-count-live" aria-live="polite"' in html


def test_too_long_text_gets_the_servers_message_and_is_kept(client):
    long = "woord " * 900  # 5400 characters
    html = client.post(SUBMIT, submission_data(description=long)).content.decode()
    assert "Gebruik hoogstens 5000 tekens. U gebruikte er 5399." in html
    assert long.strip()[:200] in html


def _summary_then_fields(html):
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    anchors = re.findall(r'href="#([\w-]+)"', summary)
    rest = html[html.index(summary) + len(summary) :]
    positions = [rest.find(f'id="{anchor}"') for anchor in anchors]
    return anchors, positions


def test_error_summary_is_in_page_order(client, broker):
    everything_wrong = submission_data(
        title="",
        description="",
        theme="",
        postcode="AB",
        needs=["flying"],
        initiator_kind="",
        name="",
        email="x",
        phone="bel me",
        preferred_channel="",
        consent_publish=None,
    )
    for name, response in _form_pages(client, broker):
        html = response.content.decode()
        if 'class="error-summary"' not in html:
            continue
        anchors, positions = _summary_then_fields(html)
        assert -1 not in positions, (name, anchors)
        assert positions == sorted(positions), (name, anchors)
    anchors, positions = _summary_then_fields(
        client.post(SUBMIT, everything_wrong).content.decode()
    )
    assert len(anchors) >= 6
    assert positions == sorted(positions), anchors
