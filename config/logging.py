"""Log filters: no secret link and no search text in a log line.

Django logs the path of every 4xx/5xx response ("Not Found: /mijn-idee/<token>/..."), and
the development server and gunicorn log every request. The signed tokens in those paths
open a resident's own page, survey or consent question, and a search (`q=`, the case API
and the queue) is often a resident's name: both are cut out of the line."""

import logging
import re

# The private-link pages: /mijn-idee/, /idee-indienen/ontvangen/, /tevredenheid/,
# /hoe-gaat-het/, /koppeling/ followed by a token.
_TOKEN_PATH = re.compile(
    r"(/(?:mijn-idee|idee-indienen/ontvangen|tevredenheid|hoe-gaat-het|koppeling)/)"
    r"(?!nieuwe-link/)[^/\s\"?]+"
)


# A search term in a query string: ?q=Anna+de+Vries or &q=...
_SEARCH = re.compile(r"([?&]q=)[^&\s\"]+")


def redact(text: str, placeholder: str = "[token]") -> str:
    text = _TOKEN_PATH.sub(lambda match: match.group(1) + placeholder, text)
    return _SEARCH.sub(r"\1[zoekterm]", text)


class RedactTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
