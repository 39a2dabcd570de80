"""A keyed hash of an initiator's contact detail, so the figures can tell a returning
initiator from a first-timer without keeping the e-mail address or phone number: an
HMAC-SHA256 with a key of the platform (settings.INITIATOR_MATCH_KEY), which nobody can
reverse or recompute without that key. Stored at submission; anonymisation keeps it."""

import hashlib
import hmac
import re

from django.conf import settings


def _key() -> bytes:
    key = settings.INITIATOR_MATCH_KEY
    if key:
        return key.encode()
    # Derived, so this hash differs from anything else made with the secret key.
    return hmac.new(settings.SECRET_KEY.encode(), b"initiator-match", hashlib.sha256).digest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def normalise_phone(phone: str) -> str:
    """Digits only, in the national form: '+31 6 1234 5678' and '06-12345678' match."""
    digits = re.sub(r"\D", "", phone or "")
    if (phone or "").strip().startswith("+") or digits.startswith("00"):
        digits = digits.lstrip("0")
        if digits.startswith("31"):
            digits = "0" + digits[2:].lstrip("0")
    return digits


def initiator_contact_key(*, email: str, phone: str) -> str:
    """The e-mail address when there is one, else the phone number; '' for neither."""
    email = normalise_email(email)
    phone = normalise_phone(phone)
    value = f"email:{email}" if email else (f"phone:{phone}" if len(phone) >= 6 else "")
    if not value:
        return ""
    return hmac.new(_key(), value.encode(), hashlib.sha256).hexdigest()
