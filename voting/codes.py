"""Voting codes: made, written and recognised here, stored only as keyed hashes.

A code is 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), printed in
three groups of four (`KD7M-2QXR-9HTA`): 60 random bits, so guessing one among 50,000
issued codes takes about 10^13 tries, and the ballot page allows a few per hour. What a
resident types is read generously: spaces, dashes and lower case do not matter.

The hash is an HMAC-SHA256 with VOTING_CODE_KEY (config/settings/voting.py), not the
code's plain hash: with the table alone (a backup, a dump) nobody can try all codes."""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
GROUP = 4
PREFIX_LENGTH = 4  # the part a rate limit counts tries against (throttles.py)

_NOT_CODE = re.compile(r"[\s\-_.]")


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_display(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_normalise(typed: str) -> str | None:
    """The code as stored, or None when it cannot be one (wrong length or characters)."""
    code = _NOT_CODE.sub("", typed or "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code


def _digest(kind: str, value: str) -> str:
    key = settings.VOTING_CODE_KEY.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def code_digest(code: str) -> str:
    return _digest("code", code)


def address_normalise(address: str, postcode: str) -> str:
    return " ".join(f"{postcode} {address}".upper().replace(",", " ").split())


def address_digest(round_id, address: str, postcode: str) -> str:
    """Per round, so two rounds' tables cannot be matched address by address."""
    return _digest(f"address:{round_id}", address_normalise(address, postcode))
