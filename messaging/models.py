from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config.db import insert_new_or_skip
from config.logging import redact

from .constants import MessageChannel, MessageKind


class OutboundMessageQuerySet(models.QuerySet):
    def create_once(self, **fields):
        """(message, created): a new row for this key, or the one already there.

        One `INSERT ... ON CONFLICT (key) DO NOTHING RETURNING id`, where get_or_create
        needs a SELECT, a savepoint, the INSERT and a release: messages are written in
        the transaction of the change that causes them (a submission, say), and almost
        every key is new."""
        message = self.model(**fields)
        if insert_new_or_skip(message, conflict_on="key"):
            return message, True
        return self.get(key=message.key), False


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
    # A newer message of a superseding kind for the same case came before this e-mail
    # went out (messaging.superseding): it is never sent.
    cancelled_at = models.DateTimeField(_("vervallen op"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vervangen door"),
    )
    # A call or letter task is done by a broker, who marks it done.
    done_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )

    objects = OutboundMessageQuerySet.as_manager()

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

    @property
    def body_for_staff(self) -> str:
        """The text as staff may see it: without the resident's private links (with one,
        anyone could act on the resident's page as the resident), except in a letter
        still to be sent, which the broker prints as it is."""
        if self.channel == MessageChannel.LETTER_TASK and self.sent_at is None:
            return self.body
        return redact(self.body, placeholder=str(_("[afgeschermd]")))


class MessageTemplate(models.Model):
    """An administrator's version of a message text. Without a row for a kind, the
    shipped default in templates/messaging/<kind>.txt is used."""

    # Validated against MessageKind by the admin form; no choices here, so a capability
    # adding a message kind needs no migration of this table.
    kind = models.CharField(_("soort"), max_length=40, unique=True)
    subject = models.CharField(
        _("onderwerp"),
        max_length=200,
        help_text=_("Django-templatetaal, bijvoorbeeld {{ initiative.reference }}."),
    )
    body = models.TextField(
        _("tekst"), help_text=_("Django-templatetaal. Schrijf op taalniveau B1.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("berichtsjabloon")
        verbose_name_plural = _("berichtsjablonen")

    def __str__(self):
        return str(MessageKind(self.kind).label) if self.kind in MessageKind else self.kind
