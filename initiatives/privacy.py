"""The facts the privacy page states, read from the real settings: change a setting and
the page says the new thing (no copy of a number in a template)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .attachments import MAX_COUNT, MAX_SIZE
from .constants import ANSWER_LINK_DAYS


@dataclass(frozen=True)
class PrivacyFacts:
    municipality: str
    phone: str
    contact_email: str
    retention_months: int
    first_contact_days: int
    answer_link_days: int
    max_attachments: int
    max_attachment_mb: int
    files_location: str


def privacy_facts() -> PrivacyFacts:
    return PrivacyFacts(
        municipality=settings.MUNICIPALITY_NAME,
        phone=settings.MUNICIPALITY_PHONE,
        contact_email=settings.PRIVACY_CONTACT_EMAIL,
        retention_months=settings.RETENTION_MONTHS,
        first_contact_days=settings.FIRST_CONTACT_WORKING_DAYS,
        answer_link_days=ANSWER_LINK_DAYS,
        max_attachments=MAX_COUNT,
        max_attachment_mb=MAX_SIZE // (1024 * 1024),
        files_location=settings.PRIVACY_FILES_LOCATION or _files_location(),
    )


def _files_location() -> str:
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend.endswith("FileSystemStorage"):
        return _(
            "in een afgeschermde map op de server van dit platform. Die map is niet via "
            "internet te openen: alleen medewerkers die met uw idee werken, kunnen de "
            "bestanden downloaden."
        )
    return _(
        "in de afgeschermde bestandsopslag van het platform (%(backend)s). Alleen "
        "medewerkers die met uw idee werken, kunnen de bestanden downloaden."
    ) % {"backend": backend.rsplit(".", 1)[-1]}
