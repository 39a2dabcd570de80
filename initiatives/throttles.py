"""The per-address limit on submissions, shared by the web form and the API (rate from
SUBMISSION_RATE_LIMIT, e.g. "10/hour"), and the note of which submission keys were seen,
and by whom.

One Redis script per submission does both: a key seen before is a repeat (a double
click, a resubmitted form) and is not counted; a new one counts for its address in the
current window. Over the limit, the key is forgotten again, so the same form can be
sent once the window has passed. If Redis does not answer, the submission is let
through: the idea matters more than the limit, and the unique submission_key in
PostgreSQL still prevents doubles.

A repeat gets the first idea's confirmation (which, for a resident without e-mail,
shows the private link) only from the sender of the first: the same browser on the web
form, the same content over the API. The script notes a keyed digest of the sender with
the key; anyone else who sends the key (a form page left on a shared computer, a key
copied from somewhere) is told neutrally that the idea was received."""

import enum
import logging
import re
import secrets
import time
from functools import wraps

import redis
from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy

from config.http import limit_address
from config.redis import redis_client

logger = logging.getLogger(__name__)

# For every form under the limit (ideas, offers of help, new links).
RATE_LIMITED = gettext_lazy(
    "U heeft in korte tijd veel formulieren verstuurd. Probeer het over een uur opnieuw, "
    "of bel ons: dan helpen wij u verder."
)

# A form left open for a week and sent again still counts as a repeat.
SEEN_SECONDS = 7 * 24 * 60 * 60
# Salts the digest of a submission's sender that Redis keeps with its key.
_SENDER_SALT = "initiatives.submission-sender"

# KEYS: the seen-mark of this submission key ("" when there is none), the counter of this
# address and window. ARGV: seconds to keep the mark, window seconds, limit, the sender's
# digest ("" when unknown: then no repeat is ever the same sender's).
# Returns -1 for a repeat by the same sender, -2 for a repeat by another, else the count
# including this one (the mark is dropped when the count is over the limit).
_ADMIT = """
if KEYS[1] ~= '' and not redis.call('SET', KEYS[1], ARGV[4], 'NX', 'EX', ARGV[1]) then
    if ARGV[4] ~= '' and redis.call('GET', KEYS[1]) == ARGV[4] then
        return -1
    end
    return -2
end
local count = redis.call('INCR', KEYS[2])
if count == 1 then
    redis.call('EXPIRE', KEYS[2], ARGV[2])
end
if count > tonumber(ARGV[3]) and KEYS[1] ~= '' then
    redis.call('DEL', KEYS[1])
end
return count
"""


class Admission(enum.Enum):
    NEW = "new"  # a key not seen before (for SEEN_SECONDS): no need to look it up
    REPEAT = "repeat"  # seen before, from the sender of the first: may see it again
    REPEAT_OTHER_SENDER = "repeat-other-sender"  # seen before, sent by someone else
    LIMITED = "limited"
    UNCHECKED = "unchecked"  # Redis did not answer: let it through, look the key up


_script = None


def _client():
    return redis_client(settings.CACHES["default"]["LOCATION"])


def _admit_script():
    global _script
    if _script is None:
        _script = _client().register_script(_ADMIT)
    return _script


_PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def _rate() -> tuple[int, int]:
    """(submissions, window seconds) from the setting, read at use (tests, benchmark)."""
    number, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["submission"].split("/")
    return int(number), _PERIODS[period.strip()[0]]


def submission_retry_after() -> int:
    """Seconds until the current window ends (for a 429's Retry-After)."""
    _limit, window = _rate()
    return max(1, int(window - time.time() % window))


def submission_admit(request, submission_key, *, sender: str = "") -> Admission:
    """Count one submission from this address, unless its key was seen before; note who
    sent it (`sender`: browser_sender on the web form, the content over the API)."""
    limit, window = _rate()
    # Under the cache's prefix, so environments that share a Redis do not share counts.
    prefix = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:submission"
    mark = f"{prefix}:key:{submission_key}" if submission_key else ""
    counter = f"{prefix}:rate:{limit_address(request)}:{int(time.time() // window)}"
    # A digest only: Redis never holds the cookie (or the content) itself.
    noted = salted_hmac(_SENDER_SALT, sender, algorithm="sha256").hexdigest() if sender else ""
    try:
        count = _admit_script()(keys=[mark, counter], args=[SEEN_SECONDS, window, limit, noted])
    except redis.RedisError:
        logger.warning("event=submission_limit_unavailable")
        return Admission.UNCHECKED
    if count == -1:
        return Admission.REPEAT
    if count == -2:
        logger.info("event=submission_repeat_other_sender")
        return Admission.REPEAT_OTHER_SENDER
    return Admission.NEW if count <= limit else Admission.LIMITED


# The web form's sender: a random value in a cookie of its own, nothing about the
# resident. It is set with the form page, not with the first answer: the second POST
# of a double click leaves before that answer arrives. No Max-Age: it ends with the
# browser session (a walk-in computer's browser closed after each visitor forgets it).
SENDER_COOKIE = "ideeen_afzender"
_SENDER_VALUE = re.compile(r"[A-Za-z0-9_-]{32}")


def browser_sender(request) -> str:
    """This browser's sender value: its cookie's, or a new one that remembers_browser
    sets on the answer."""
    value = request.COOKIES.get(SENDER_COOKIE, "")
    if _SENDER_VALUE.fullmatch(value):
        return value
    if not hasattr(request, "_new_sender"):
        request._new_sender = secrets.token_urlsafe(24)  # 32 characters
    return request._new_sender


def remembers_browser(view):
    """For a form view that submits with a key: the answer carries the sender cookie
    when the browser has none yet."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        value = browser_sender(request)
        response = view(request, *args, **kwargs)
        if request.COOKIES.get(SENDER_COOKIE) != value:
            response.set_cookie(
                SENDER_COOKIE,
                value,
                path=request.path,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    return wrapped


def submission_allowed(request) -> bool:
    """Count one form without a submission key (a new-link request, an offer of help)
    for this address; False when over the limit, and while Redis does not answer: such
    a form sends e-mail, which cannot go out then either."""
    return submission_admit(request, None) is Admission.NEW


# Files kept for forms that came back with errors (pending_uploads), per address and
# hour: plenty for a resident who corrects a form a few times, not a way to fill the
# disk with 10 MB files that are never sent.
KEPT_FILES_PER_HOUR = 25


def kept_files_allowed(request, count: int) -> bool:
    """Count `count` files to keep for this address; False over the limit, and while
    Redis does not answer (the resident is then asked to choose the files again)."""
    if count <= 0:
        return True
    prefix = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:kept-files"
    key = f"{prefix}:{limit_address(request)}:{int(time.time() // 3600)}"
    try:
        pipeline = _client().pipeline()
        pipeline.incrby(key, count)
        pipeline.expire(key, 3600)
        total, _expire = pipeline.execute()
    except redis.RedisError:
        logger.warning("event=kept_files_limit_unavailable")
        return False
    if total > KEPT_FILES_PER_HOUR:
        logger.info("event=kept_files_limited")
        return False
    return True
