"""Demo data for the broker's work: contact moments, notes, waiting flags and referrals
on the demo cases, through the services. Safe to run again (skips cases already done)."""

from datetime import timedelta

from django.utils import timezone

from brokers.constants import (
    ContactChannel,
    InterventionType,
    ReferralOutcome,
    StandardTextPurpose,
)
from brokers.models import ContactMoment, Organisation, StandardText
from brokers.services import (
    case_note_create,
    contact_moment_create,
    initiative_waiting_set,
    referral_create,
    referral_outcome_record,
    standard_text_save,
)
from initiatives.constants import Status
from initiatives.models import Initiative

SUMMARIES = [
    "Gebeld en het idee doorgesproken. Zij willen klein beginnen, eerst één middag.",
    "Langs geweest bij de initiatiefnemer. Samen gekeken welke plek geschikt is.",
    "Uitgelegd welke vergunning nodig is en hoe je die aanvraagt.",
    "Fondsen genoemd die passen bij dit idee; zij schrijven zelf een aanvraag.",
    "In contact gebracht met een buurtbewoner die hetzelfde wil.",
]


# Without any, the case file offers no "Tekst invoegen" and a walkthrough of closing or
# writing with a standard text finds nothing to pick. No greeting or signature: the
# message around the text has both (else the initiator reads "Beste ..." twice).
STANDARD_TEXTS = [
    (
        "Gerealiseerd: bedankt",
        StandardTextPurpose.CLOSE,
        Status.REALISED,
        "Wat mooi dat '{titel}' is gelukt! Vertelt u nog kort wat het de buurt heeft "
        "gebracht? Heeft u later een nieuw idee, dan hoor ik het graag.",
    ),
    (
        "Geprobeerd, geen vraag naar",
        StandardTextPurpose.CLOSE,
        Status.NO_DEMAND,
        "U heeft '{titel}' geprobeerd, maar er kwamen te weinig mensen op af. Ook dat is "
        "een uitkomst: nu weet u het. U kunt altijd opnieuw beginnen; ik denk graag mee.",
    ),
    (
        "Even bijpraten",
        StandardTextPurpose.UPDATE,
        "",
        "Ik wil graag weten hoe het gaat met '{titel}'. Wanneer kan ik u bellen?",
    ),
]


def seed_standard_texts(*, staff) -> None:
    admin = staff.get("admin@demo.local")
    for name, purpose, outcome, body in STANDARD_TEXTS:
        if not StandardText.objects.filter(name=name).exists():
            standard_text_save(
                text=StandardText(name=name, purpose=purpose, outcome=outcome, body=body),
                actor=admin,
            )


def seed(*, rng, staff) -> None:
    broker = staff["broker@demo.local"]
    seed_standard_texts(staff=staff)
    organisations = list(Organisation.objects.filter(is_active=True))
    worked = Initiative.objects.exclude(status=Status.NEW).exclude(
        pk__in=ContactMoment.objects.values("initiative_id")
    )
    today = timezone.localdate()
    for initiative in worked.select_related("broker").order_by("pk"):
        actor = initiative.broker or broker
        # Contacts fall between the day the idea came in and today.
        days_open = max((today - timezone.localdate(initiative.submitted_at)).days, 0)
        for offset in range(rng.randint(1, 3)):
            contact_moment_create(
                initiative=initiative,
                actor=actor,
                happened_on=today - timedelta(days=min(rng.randint(1, 60) + offset, days_open)),
                channel=rng.choice(ContactChannel.values),
                duration_minutes=rng.choice([10, 15, 30, 45, 60, 90]),
                intervention=rng.choice(InterventionType.values),
                summary=rng.choice(SUMMARIES),
            )
        if initiative.pk % 3 == 0:
            case_note_create(
                initiative=initiative,
                actor=actor,
                text="Initiatiefnemer belt liever na 17.00 uur.",
            )
        if initiative.status == Status.REFERRED and organisations:
            referral = referral_create(
                initiative=initiative,
                organisation=rng.choice(organisations),
                actor=actor,
                reason="De vraag gaat over zorg en ondersteuning thuis.",
            )
            referral_outcome_record(
                referral=referral, actor=actor, outcome=ReferralOutcome.TAKEN_UP
            )
        elif initiative.status == Status.IN_PROGRESS and organisations and initiative.pk % 2:
            referral_create(
                initiative=initiative,
                organisation=rng.choice(organisations),
                actor=actor,
                reason="Zoekt vrijwilligers en een ruimte.",
            )
        if initiative.status == Status.IN_CONVERSATION and initiative.pk % 2:
            initiative_waiting_set(
                initiative=initiative,
                actor=actor,
                reason="Gevraagd om een korte begroting te sturen.",
                since=today - timedelta(days=rng.randint(1, 10)),
            )
