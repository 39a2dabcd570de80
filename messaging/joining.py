"""An open call or letter task that a new message for the same case and kind joins
(messaging.services.message_queue): one call to the resident, not three."""

import logging

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import OutboundMessage

logger = logging.getLogger("messaging.services")


def task_join(
    *, key, kind, channel, initiative, subject, body, replace=False
) -> OutboundMessage | None:
    if OutboundMessage.objects.filter(key=key).exists():
        return None  # this occasion was queued before: create_once answers with it
    task = (
        OutboundMessage.objects.select_for_update()
        .filter(
            initiative=initiative,
            kind=kind,
            channel=channel,
            sent_at__isnull=True,
            done_at__isnull=True,
        )
        .order_by("created_at", "pk")
        .first()
    )
    if task is None:
        return None
    if replace:
        # The newer text replaces the older one, which nobody passed on yet; the task
        # dates from now, as its text does.
        task.subject, task.body, task.created_at = subject, body, timezone.now()
        task.save(update_fields=["subject", "body", "created_at"])
        logger.info("event=message_task_replaced message_id=%s kind=%s", task.pk, kind)
    elif body.strip() not in task.body:
        # The newest words lead (subject); nothing said before is dropped.
        later = _("Later bijgekomen, %(when)s:") % {
            "when": formats.date_format(timezone.localtime(), "j F Y H:i")
        }
        task.subject = subject
        task.body = f"{task.body.rstrip()}\n\n{later}\n{body.strip()}\n"
        task.save(update_fields=["subject", "body"])
        logger.info("event=message_task_joined message_id=%s kind=%s", task.pk, kind)
    return task
