"""Log filters: no secret link in a log line.

Django logs the path of every 4xx/5xx response ("Not Found: /mijn-idee/<token>/..."), and
the development server logs every request. The signed tokens in those paths open a
resident's own page, survey or consent question, so they are cut out of the line."""

import logging
import re

# The private-link pages: /mijn-idee/, /idee-indienen/ontvangen/, /tevredenheid/,
# /hoe-gaat-het/, /koppeling/ followed by a token.
_TOKEN_PATH = re.compile(
    r"(/(?:mijn-idee|idee-indienen/ontvangen|tevredenheid|hoe-gaat-het|koppeling)/)"
    r"(?!nieuwe-link/)[^/\s\"?]+"
)


def redact(text: str, placeholder: str = "[token]") -> str:
    return _TOKEN_PATH.sub(lambda match: match.group(1) + placeholder, text)


class RedactTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
