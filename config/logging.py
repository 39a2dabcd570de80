"""Log filters: no secret link, no search text and no e-mail address in a log line.

Django logs the path of every 4xx/5xx response ("Not Found: /mijn-idee/<token>/..."), and
the development server and gunicorn log every request. The signed tokens in those paths
open a resident's own page, survey or consent question, and a search (`q=`, the case API
and the queue) is often a resident's name: both are cut out of the line. A worker's log
names what a failed task was given, in Celery's failure line and in the traceback (an
exception quoting its argument): addresses and links are cut out of those too."""

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


# An e-mail address (a worker's node name, "celery@host", has no dot after the @).
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")


def redact(text: str, placeholder: str = "[token]") -> str:
    text = _TOKEN_PATH.sub(lambda match: match.group(1) + placeholder, text)
    return _SEARCH.sub(r"\1[zoekterm]", text)


def redact_log_text(text: str) -> str:
    """`redact`, and e-mail addresses out too (a log line, not a message to a resident)."""
    return _EMAIL.sub("[e-mail]", redact(text))


_TRACEBACKS = logging.Formatter()


class RedactTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_log_text(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        # The traceback: formatted here (the formatter then uses this text as it is).
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_log_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_log_text(record.stack_info)
        return True
