"""What every API endpoint shares."""

import logging

from django.utils.translation import gettext as _
from rest_framework import parsers, views
from rest_framework.exceptions import ParseError
from rest_framework.response import Response

from .outage import DATABASE_ERRORS, RETRY_AFTER_SECONDS, database_unavailable_detail

logger = logging.getLogger(__name__)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a 400 for JSON nested too deeply to decode: Python's
    decoder gives up with a RecursionError (a 500) on a few kilobytes of brackets."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("De JSON is te diep genest.")) from None


def exception_handler(exc, context):
    """DRF's handler, and a 503 with Retry-After when the database is away: an outage,
    which the client may try again, not a fault of ours (a 500) or of the request."""
    if isinstance(exc, DATABASE_ERRORS):
        logger.warning("event=database_unavailable")
        views.set_rollback()
        return Response(
            {"detail": database_unavailable_detail()},
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return views.exception_handler(exc, context)
