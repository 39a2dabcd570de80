"""The yearly figures: the key that recognises a returning initiator."""

from .environment import env

# Key of the HMAC over an initiator's normalised e-mail address (or phone number) that
# tells first-time from returning initiators in the figures, without keeping the value
# itself (it survives anonymisation). Empty: derived from DJANGO_SECRET_KEY; set it on
# its own so rotating the secret key does not make everyone a first-timer again.
INITIATOR_MATCH_KEY = env("INITIATOR_MATCH_KEY", default="")
