"""The site's statements: privacy (from the settings, initiatives/privacy.py) and
accessibility (one row an administrator keeps). Reads and the one write."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AccessibilityStatement

logger = logging.getLogger(__name__)

STATEMENT_FIELDS = (
    "status",
    "statement_date",
    "audit_date",
    "audit_by",
    "audit_method",
    "audit_report_url",
    "known_gaps",
    "measures",
    "contact_email",
)


def accessibility_statement_get() -> AccessibilityStatement:
    """The statement; an unsaved default when none was kept yet (the migration makes
    one, a test database may not have it)."""
    return AccessibilityStatement.objects.order_by("pk").first() or AccessibilityStatement(
        statement_date=timezone.localdate(), contact_email=settings.PRIVACY_CONTACT_EMAIL
    )


def accessibility_statement_update(*, statement: AccessibilityStatement, actor, **fields):
    """An administrator changes the statement (the admin's save goes through here)."""
    unknown = set(fields) - set(STATEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(statement, name, value)
        statement.full_clean()
        statement.save()
    logger.info(
        "event=accessibility_statement_updated actor_id=%s fields=%s",
        getattr(actor, "pk", None),
        ",".join(sorted(fields)),
    )
    return statement
