from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import MessageChannel


class OutboundMessage(models.Model):
    """The outbox: every message to an initiator is a row written in the same transaction
    as the change that causes it, and a worker sends it after commit.

    `key` is unique per (case, kind, occasion), so the same occasion never yields two
    messages, and `sent_at` is set once, so a message is never sent twice."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=40)
    channel = models.CharField(_("kanaal"), max_length=20, choices=MessageChannel.choices)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
    )
    # Personal data: blanked by the retention job once sent.
    to_email = models.EmailField(_("aan"), blank=True)
    reply_to = models.EmailField(_("antwoord naar"), blank=True)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De makelaar namens wie het bericht gaat."),
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    failed_at = models.DateTimeField(_("definitief mislukt op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_unsent_idx",
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.kind} ({self.key})"

    @property
    def is_task(self) -> bool:
        return self.channel != MessageChannel.EMAIL
