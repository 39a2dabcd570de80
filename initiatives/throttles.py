"""The per-address limit on submissions, shared by the web form and the API (DRF's
throttle scope `submission`, rate from SUBMISSION_RATE_LIMIT, counted in the cache)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class SubmissionThrottle(SimpleRateThrottle):
    scope = "submission"

    def get_rate(self):
        # Read at use, not at import, so the setting can be changed (benchmark, tests).
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][self.scope]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def submission_allowed(request) -> bool:
    """Count one submission from this address; False when over the limit."""
    return SubmissionThrottle().allow_request(request, None)
