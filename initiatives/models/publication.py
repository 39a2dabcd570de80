"""What of an idea is public: the broker's reviewed title and summary, its status and
its history. The idea's own title and description stay as the initiator wrote them (the
case file shows both); the public pages read only the fields here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.transitions import StatusChange

from ..constants import PUBLIC_SUMMARY_MAX, ActorRole, PublicationStatus
from .case import Initiative


class Publication(models.Model):
    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, primary_key=True, related_name="publication"
    )
    status = models.CharField(
        _("publicatie"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.TO_REVIEW,
    )
    title = models.CharField(_("openbare titel"), max_length=200, blank=True)
    summary = models.TextField(
        _("openbare samenvatting"), max_length=PUBLIC_SUMMARY_MAX, blank=True
    )
    published_at = models.DateTimeField(_("openbaar sinds"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("openbaar gemaakt door"),
    )
    # Why it is not (or no longer) public: the broker's reason, or the withdrawn consent.
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        indexes = [
            # The queue's "to review" filter and its count.
            models.Index(
                fields=["status"],
                condition=models.Q(status=PublicationStatus.TO_REVIEW),
                name="publication_to_review_idx",
            ),
        ]

    def __str__(self):
        return f"{self.initiative_id}: {self.status}"

    @property
    def is_public(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class PublicationStatusChange(StatusChange):
    """Append-only history of a publication: who published, changed or took it off, and
    why (the note), with the public title and summary as they were published."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=PublicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PublicationStatus.choices)
    actor_role = models.CharField(max_length=20, choices=ActorRole.choices)
    title = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)

    class Meta(StatusChange.Meta):
        verbose_name = _("publicatiewijziging")
        verbose_name_plural = _("publicatiewijzigingen")

    def __str__(self):
        return f"{self.publication_id}: {self.from_status or '-'} → {self.to_status}"
