"""Neighbourhood budget votes (voting app): the key of the voting codes' hashes and the
limit on tries at the ballot page."""

from .environment import env

# The HMAC key of stored voting codes and addresses (voting/codes.py). Changing it makes
# every issued code unusable: keep it as long as a round runs. No default in production.
VOTING_CODE_KEY = env("VOTING_CODE_KEY", default="insecure-local-voting-key-change-me")
# Wrong codes allowed per address, and per code prefix, per hour at the ballot page.
VOTING_CODE_TRIES_PER_HOUR = env.int("VOTING_CODE_TRIES_PER_HOUR", default=10)
