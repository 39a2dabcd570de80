"""The broker's review of what of an idea is public (case-file panel)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin

from ..constants import PUBLIC_SUMMARY_MAX
from .fields import TextField, required_error, too_long_error


class PublishForm(AccessibleFormMixin, forms.Form):
    title = TextField(
        label=_("Openbare titel"),
        max_length=200,
        error_messages=required_error(_("Geef de openbare titel.")) | too_long_error(200),
    )
    summary = TextField(
        label=_("Openbare samenvatting"),
        max_length=PUBLIC_SUMMARY_MAX,
        help_text=_(
            "Wat iedereen mag lezen. Zonder namen, adressen, telefoonnummers of andere "
            "gegevens van personen. Het idee zelf blijft in het dossier zoals het is."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=required_error(_("Geef de openbare samenvatting."))
        | too_long_error(PUBLIC_SUMMARY_MAX),
    )


class UnpublishForm(AccessibleFormMixin, forms.Form):
    reason = TextField(
        label=_("Reden (intern)"),
        max_length=300,
        help_text=_("Waarom dit idee niet (meer) openbaar is. Alleen medewerkers zien dit."),
        error_messages=required_error(_("Schrijf waarom dit idee niet openbaar is."))
        | too_long_error(300),
    )
