"""No secret link reaches the logs."""

import io
import logging

import pytest

from initiatives.links import private_token
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _console_handler():
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler:
            return handler
    raise AssertionError("no console handler configured")


def test_a_valid_private_link_in_a_404_is_not_logged(client):
    initiative = InitiativeFactory()
    token = private_token(initiative)
    handler = _console_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        response = client.get(f"/mijn-idee/{token}/bijlage/999999/")
        client.get("/tevredenheid/some.signed-token:xyz/")
    finally:
        handler.setStream(old)
    assert response.status_code == 404
    logged = stream.getvalue()
    assert "Not Found" in logged  # the line is there...
    assert token not in logged  # ...without the link
    assert "some.signed-token" not in logged
    assert "/mijn-idee/[token]/bijlage/999999/" in logged
