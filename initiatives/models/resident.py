"""What the initiator adds on their own page: files and updates."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Initiative


def _attachment_path(instance, filename) -> str:
    # A random name: the resident's file name never reaches the file system or a URL.
    return f"attachments/{uuid.uuid4().hex}{instance.extension}"


class InitiativeAttachment(models.Model):
    """A file an initiator (or staff on their behalf) added to an idea. Personal data:
    only the initiator (through the private link) and brokers can download it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("bestand"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.original_name


class UpdateKind(models.TextChoices):
    INFORMATION = "information", _("Informatie toegevoegd")
    PREFERENCES = "preferences", _("Contactvoorkeuren gewijzigd")
    NEW_LINK = "new_link", _("Nieuwe link gevraagd")
    ERASURE = "erasure", _("Verwijdering van gegevens gevraagd")
    DETAILS = "details", _("Gegevens gewijzigd")


class InitiatorUpdate(models.Model):
    """Append-only record of what the initiator did on their own page: information and
    files added, contact preferences and consents changed, a new link or erasure asked;
    and of the corrections staff made to the initiator's details or the idea for them
    (in the admin: `actor`). It feeds the case timeline, so the broker sees it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=UpdateKind.choices)
    # The member of staff who made the change; empty: the initiator, on their own page.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What changed, in plain words, without contact details (they stay on Initiator).
    text = models.TextField(blank=True)
    attachments = models.ManyToManyField(InitiativeAttachment, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("wijziging door initiatiefnemer")
        verbose_name_plural = _("wijzigingen door initiatiefnemer")

    def __str__(self):
        return f"{self.initiative_id}: {self.kind}"
