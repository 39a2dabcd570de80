"""Offers, match suggestions, consent and introductions. Contact details of one side
reach the other only after both agreed, and only in the introduction message.

A package split by concern; every public name is importable from `matching.services`."""

from .consent import (
    ConsentClosed,
    consent_get_by_token,
    consent_other_party,
    match_consent_answer,
    match_consent_record,
)
from .decisions import match_accept, match_dismiss
from .finding import match_expire_consents, match_find, match_find_for_offer, match_nightly_ids
from .messages import consent_token
from .offers import (
    offer_get_by_token,
    offer_status_change,
    offer_submit,
    offer_token,
    offer_withdraw,
)
from .stats import match_term_stats_keep_fresh, match_term_stats_refresh

__all__ = [
    "ConsentClosed",
    "consent_get_by_token",
    "consent_other_party",
    "consent_token",
    "match_accept",
    "match_consent_answer",
    "match_consent_record",
    "match_dismiss",
    "match_expire_consents",
    "match_find",
    "match_find_for_offer",
    "match_nightly_ids",
    "match_term_stats_keep_fresh",
    "match_term_stats_refresh",
    "offer_get_by_token",
    "offer_status_change",
    "offer_submit",
    "offer_token",
    "offer_withdraw",
]
