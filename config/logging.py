"""Log filters: no secret link, no search text and no e-mail address in a log line.

Django logs the path of every 4xx/5xx response ("Not Found: /mijn-idee/<token>/..."), and
the development server and gunicorn log every request. The signed tokens in those paths
open a resident's own page, survey or consent question, and a search (`q=`, the case API
and the queue) is often a resident's name: both are cut out of the line.

A URL is judged by what it says once decoded, not by how it was spelled: percent-encoding
is undone until nothing changes (%252D is %2D is -), then case and compatibility forms are
folded, so /%6Dijn-idee/, /mijn%2Didee/, /MIJN-IDEE/ (a 404, but the token is real) and
?%71= are all caught, and so is a URL inside a parameter (?next=%2Fmijn-idee%2F...). A URL
with something to hide is written in that decoded form with the token or search term
replaced (its other characters percent-encoded again, so nothing decoded can break the
line); any other text is left exactly as it was.

A worker's log names what a failed task was given, in Celery's failure line and in the
traceback (an exception quoting its argument): addresses and links are cut out of those
too."""

import logging
import re
import unicodedata
from urllib.parse import quote, unquote, unquote_plus

# Decoded: a private-link page and its token (/mijn-idee/, /idee-indienen/ontvangen/,
# /tevredenheid/, /hoe-gaat-het/, /koppeling/, and a helper's own /aanbod/ page, whose
# link withdraws the offer). Lenient about doubled slashes, backslashes and dot
# segments: a 404 logs whatever was asked.
_TOKEN_PATH = re.compile(
    r"[/\\]+(?:mijn-idee|idee-indienen[/\\]+ontvangen|tevredenheid|hoe-gaat-het|koppeling"
    r"|aanbod)"
    r"[/\\]+(?:\.{1,2}[/\\]+)*"
    r"(?!(?:nieuwe-link|bedankt)(?:[/\\?&#]|$))"
    r"([^/\\?&#\s\"]+)"
)
# Decoded: a search term, the parameter itself (q=...) or one in a URL inside it
# (next=/makelaar/?q=...). Everything after it in that piece goes: decoding may have
# turned an encoded & into a real one, so where the term ends is not known.
_SEARCH = re.compile(r"(?:^|[?&;])q=(.+)", re.DOTALL)

# A text run that may be (part of) a URL; others are not looked at.
_URLISH = re.compile(r"[/\\?=%]")
# Runs of text between spaces and quotes: the request line's parts, a Referer, a path.
_RUN = re.compile(r"[^\s\"'<>]+")
# What stays as it is when a decoded URL is written out again: printable ASCII, except
# the space, quotes, backslash and % itself.
_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "\"'\\%")

_MAX_DECODINGS = 10
UNREADABLE = "[onleesbaar]"
SEARCH_PLACEHOLDER = "[zoekterm]"


def _normalised(piece: str, *, plus: bool) -> str | None:
    """Decoded until stable, NFKC and case-folded; None when it does not settle."""
    if piece.isascii() and "%" not in piece and not (plus and "+" in piece):
        return piece.lower()  # nothing to decode (every request's own path, mostly)
    decode = unquote_plus if plus else unquote
    for _ in range(_MAX_DECODINGS):
        decoded = unicodedata.normalize("NFKC", decode(piece)).casefold()
        if decoded == piece:
            return piece
        piece = decoded
    return None


def _redact_piece(piece: str, placeholder: str, *, plus: bool) -> str:
    """A path or one query parameter: as it was, or decoded with the secrets replaced."""
    if not piece:
        return piece
    text = _normalised(piece, plus=plus)
    if text is None:  # encoded deeper than any browser or client would: hide it all
        return UNREADABLE
    spans = [(m.start(1), m.end(1), placeholder) for m in _TOKEN_PATH.finditer(text)]
    spans += [(m.start(1), m.end(1), SEARCH_PLACEHOLDER) for m in _SEARCH.finditer(text)]
    if not spans:
        return piece
    parts, position = [], 0
    for start, end, replacement in sorted(spans):
        if start < position:  # inside a span already replaced (a token in a search)
            continue
        parts += [quote(text[position:start], safe=_SAFE), replacement]
        position = end
    parts.append(quote(text[position:], safe=_SAFE))
    return "".join(parts)


def redact_url(url: str, placeholder: str = "[token]") -> str:
    """One URL or path, whole (a decoded path may hold spaces): its path and every query
    parameter judged on their own."""
    path, mark, query = url.partition("?")
    redacted = _redact_piece(path, placeholder, plus=False)
    if mark:
        params = (_redact_piece(param, placeholder, plus=True) for param in query.split("&"))
        redacted += mark + "&".join(params)
    return redacted


# An e-mail address (a worker's node name, "celery@host", has no dot after the @).
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")


def redact(text: str, placeholder: str = "[token]") -> str:
    """Free text (a log line, a message): every run between spaces and quotes that may
    be a URL is judged as one."""

    def run(match):
        value = match.group()
        return redact_url(value, placeholder) if _URLISH.search(value) else value

    return _RUN.sub(run, text)


def redact_log_text(text: str) -> str:
    """`redact`, and e-mail addresses out too (a log line, not a message to a resident)."""
    return _EMAIL.sub("[e-mail]", redact(text))


_TRACEBACKS = logging.Formatter()


class RedactTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and any(_is_path(arg) for arg in args):
            # A path handed over whole ("Not Found: %s", request.path): Django decoded it,
            # so it may hold spaces; judged as one URL before it is part of the line.
            record.args = tuple(redact_url(arg) if _is_path(arg) else arg for arg in args)
        message = record.getMessage()
        redacted = redact_log_text(message)
        if redacted != message or record.args is not args:
            record.msg, record.args = redacted, ()
        # The traceback: formatted here (the formatter then uses this text as it is).
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_log_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_log_text(record.stack_info)
        return True


def _is_path(value) -> bool:
    return isinstance(value, str) and value.startswith("/")
