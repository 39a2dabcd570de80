"""The per-address limit on submissions, shared by the web form and the API (rate from
SUBMISSION_RATE_LIMIT, e.g. "10/hour"), and the note of which submission keys were seen.

One Redis script per submission does both: a key seen before is a repeat (a double
click, a resubmitted form) and is not counted; a new one counts for its address in the
current window. Over the limit, the key is forgotten again, so the same form can be
sent once the window has passed. If Redis does not answer, the submission is let
through: the idea matters more than the limit, and the unique submission_key in
PostgreSQL still prevents doubles."""

import enum
import logging
import time

import redis
from django.conf import settings
from django.utils.translation import gettext_lazy

from config.http import client_address

logger = logging.getLogger(__name__)

# For every form under the limit (ideas, offers of help, new links).
RATE_LIMITED = gettext_lazy(
    "U heeft in korte tijd veel formulieren verstuurd. Probeer het over een uur opnieuw, "
    "of bel ons: dan helpen wij u verder."
)

# A form left open for a week and sent again still counts as a repeat.
SEEN_SECONDS = 7 * 24 * 60 * 60

# KEYS: the seen-mark of this submission key ("" when there is none), the counter of this
# address and window. ARGV: seconds to keep the mark, window seconds, limit.
# Returns -1 for a repeat, else the count including this one (the mark is dropped when
# the count is over the limit).
_ADMIT = """
if KEYS[1] ~= '' and not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
    return -1
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
    REPEAT = "repeat"
    LIMITED = "limited"
    UNCHECKED = "unchecked"  # Redis did not answer: let it through, look the key up


_redis = None
_script = None


def _client():
    global _redis
    if _redis is None:
        _redis = redis.Redis.from_url(
            settings.CACHES["default"]["LOCATION"], socket_connect_timeout=1, socket_timeout=1
        )
    return _redis


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


def submission_admit(request, submission_key) -> Admission:
    """Count one submission from this address, unless its key was seen before."""
    limit, window = _rate()
    # Under the cache's prefix, so environments that share a Redis do not share counts.
    prefix = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:submission"
    mark = f"{prefix}:key:{submission_key}" if submission_key else ""
    counter = f"{prefix}:rate:{client_address(request)}:{int(time.time() // window)}"
    try:
        count = _admit_script()(keys=[mark, counter], args=[SEEN_SECONDS, window, limit])
    except redis.RedisError:
        logger.warning("event=submission_limit_unavailable")
        return Admission.UNCHECKED
    if count == -1:
        return Admission.REPEAT
    return Admission.NEW if count <= limit else Admission.LIMITED


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
    key = f"{prefix}:{client_address(request)}:{int(time.time() // 3600)}"
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
