"""Demo data for the resident's side: information and files added by initiators, a
changed contact preference, and offers of help from the gallery. Idempotent."""

from initiatives.models import Initiative, InitiatorUpdate
from initiatives.services import (
    attachment_add,
    initiative_information_add,
    initiator_preferences_change,
)
from matching.constants import OfferKind
from matching.services import offer_submit

# A minimal valid PDF: attachments are checked by content.
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

OFFERS = [
    (OfferKind.TIME, "Ik kan op zaterdag een paar uur helpen.", "Kees Vos"),
    (OfferKind.SPACE, "Ons buurthuis heeft op dinsdagavond een zaal vrij.", "Buurthuis De Wijde"),
    (OfferKind.MATERIALS, "Ik heb nog tuingereedschap over.", "Marieke Smit"),
]


def seed(*, rng, staff) -> None:
    if InitiatorUpdate.objects.exists():
        return
    from django.core.files.uploadedfile import SimpleUploadedFile

    open_cases = list(Initiative.objects.open().select_related("initiator").order_by("pk")[:6])
    for index, initiative in enumerate(open_cases):
        if index % 2 == 0:
            initiative_information_add(
                initiative=initiative,
                text="We hebben al vijf buren gevonden die mee willen doen.",
                files=[],
            )
        if index == 1:
            attachment_add(
                initiative=initiative,
                files=[SimpleUploadedFile("schets.pdf", DEMO_PDF, "application/pdf")],
            )
        if index == 3:
            initiator = initiative.initiator
            initiator_preferences_change(
                initiative=initiative,
                preferred_channel=initiator.preferred_channel,
                email=initiator.email,
                phone=initiator.phone,
                consent_matching=initiator.consent_matching_at is None,
                consent_publish=initiator.consent_publish_at is not None,
            )
    public = list(Initiative.objects.public().open().order_by("pk")[:3])
    for initiative, (kind, description, name) in zip(public, OFFERS, strict=False):
        offer_submit(
            actor=None,
            kind=kind,
            description=description,
            name=name,
            email=f"{name.split()[0].lower()}@example.nl",
            initiative=initiative,
            consent_matching=rng.random() < 0.5,
        )
