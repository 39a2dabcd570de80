"""Demo cases: about 60 ideas over every status and channel, submitted, assigned and
walked through the workflow by the services, then spread over the past year. Safe to run
again: an idea already there (by its submission key) is skipped."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone

from config.working_days import add_working_days
from initiatives.constants import (
    CLOSED_STATUSES,
    THEME_SLUGS,
    Channel,
    InitiatorKind,
    PreferredChannel,
    Status,
)
from initiatives.models import Initiative, InitiativeAssignment, InitiativeStatusChange, Theme
from initiatives.services import (
    InitiatorData,
    initiative_assign,
    initiative_submit,
    initiative_transition,
    initiative_withdraw,
    publication_prefill,
    publication_publish,
    submission_followups_start,
)
from messaging.models import OutboundMessage
from neighbourhoods.models import Neighbourhood

from .places import NEIGHBOURHOODS

DEMO_NAMESPACE = uuid.UUID("6f0c6a52-5c1e-4f7e-9a59-2d7f3c6f0a11")

IDEAS = [
    (
        "Buurtmoestuin achter de flat",
        "Met buren groente kweken op het grasveld achter onze flat. Iedereen mag meedoen.",
        "groen-leefomgeving",
    ),
    (
        "Repair café in het buurthuis",
        "Eén keer per maand samen kapotte spullen repareren in plaats van weggooien.",
        "duurzaamheid",
    ),
    (
        "Koffieochtend voor ouderen",
        "Elke dinsdag koffie en een praatje voor ouderen die alleen wonen.",
        "welzijn-zorg",
    ),
    (
        "Straatfeest op Burendag",
        "Een feest in onze straat met muziek, spelletjes voor kinderen en een lange tafel.",
        "evenementen-toerisme",
    ),
    (
        "Voetbaltoernooi voor jongeren",
        "Een toernooi in de zomervakantie voor jongeren uit de wijk, met teams van 5.",
        "sport",
    ),
    (
        "Kunstroute langs de ateliers",
        "Een route langs ateliers van kunstenaars in de wijk, twee dagen in het najaar.",
        "kunst-cultuur",
    ),
    (
        "Huiswerkhulp in de bibliotheek",
        "Studenten helpen kinderen van de basisschool met huiswerk.",
        "jeugd-onderwijs",
    ),
    (
        "Klusjesdienst door jongeren",
        "Jongeren doen klusjes voor buren: tuin, boodschappen, kleine reparaties.",
        "werk-inkomen",
    ),
    (
        "Bankje bij de bushalte",
        "Bij de bushalte staat geen bank. Ouderen moeten lang staan.",
        "groen-leefomgeving",
    ),
    (
        "Taalcafé voor nieuwkomers",
        "Nederlands oefenen met buren in een ontspannen sfeer, elke week.",
        "ontmoeting",
    ),
    (
        "Zonnepanelen op het buurthuis",
        "Samen zonnepanelen kopen voor het dak van het buurthuis.",
        "duurzaamheid",
    ),
    (
        "Buurtpreventie-app",
        "Een groep buren die let op inbraak en elkaar waarschuwt.",
        "veiligheid",
    ),
    (
        "Wandelgroep voor mensen met diabetes",
        "Samen wandelen, twee keer per week, met een fysiotherapeut erbij.",
        "sport",
    ),
    (
        "Ruilkast voor boeken en speelgoed",
        "Een kast op het plein waar je spullen brengt en haalt.",
        "ontmoeting",
    ),
    ("Maaltijd voor de buurt", "Eén keer per maand samen koken en eten met buren.", "welzijn-zorg"),
    (
        "Muziekles voor kinderen",
        "Gratis muziekles na school voor kinderen die het niet kunnen betalen.",
        "kunst-cultuur",
    ),
    (
        "Geveltuintjes in de straat",
        "Tegels eruit, planten erin: samen geveltuintjes aanleggen.",
        "groen-leefomgeving",
    ),
    (
        "Woongroep voor ouderen",
        "Ouderen die samen willen wonen, met eigen appartementen en een gedeelde ruimte.",
        "wonen",
    ),
    (
        "Werkplaats voor werkzoekenden",
        "Een plek waar werkzoekenden samen sollicitaties schrijven en oefenen.",
        "werk-inkomen",
    ),
    (
        "Zomerbioscoop op het plein",
        "Films op een groot scherm op het plein in augustus.",
        "evenementen-toerisme",
    ),
]

SURNAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Yilmaz",
    "Dekker",
    "van Dijk",
    "Kok",
    "Jacobs",
    "de Haan",
    "Boer",
    "Kaya",
    "Brouwer",
]
FIRST_NAMES = [
    "Anna",
    "Mohammed",
    "Sanne",
    "Gerrit",
    "Fatma",
    "Kees",
    "Lotte",
    "Ahmet",
    "Marieke",
    "Jan",
    "Priya",
    "Henk",
    "Sofie",
    "Dewi",
    "Bram",
    "Noor",
    "Wim",
    "Esra",
    "Joost",
    "Lisa",
]

STATUS_PLAN = (
    [Status.NEW] * 10
    + [Status.IN_CONVERSATION] * 10
    + [Status.IN_PROGRESS] * 12
    + [Status.REALISED] * 14
    + [Status.NO_DEMAND] * 4
    + [Status.STOPPED] * 3
    + [Status.WITHDRAWN] * 3
    + [Status.REFERRED] * 4
)

OUTCOMES = {
    Status.REALISED: "Het is gelukt! Dank u wel voor al uw inzet voor de buurt.",
    Status.NO_DEMAND: "We hebben een informatieavond gehouden, maar er kwamen te weinig mensen. "
    "Dat is ook een uitkomst: u heeft het geprobeerd. U kunt altijd opnieuw beginnen.",
    Status.STOPPED: "U heeft besloten te stoppen, omdat er geen geschikte plek te vinden was.",
    Status.REFERRED: "Uw vraag gaat over zorg. Het sociaal wijkteam helpt u verder; "
    "zij bellen u deze week.",
}

KINDS = [InitiatorKind.RESIDENT] * 6 + [
    InitiatorKind.RESIDENTS_GROUP,
    InitiatorKind.RESIDENTS_GROUP,
    InitiatorKind.SMALL_BUSINESS,
    InitiatorKind.ORGANISATION,
]
NEEDS = [
    "thinking_along",
    "contacts",
    "rules_permits",
    "funding",
    "location",
    "volunteers",
    "publicity",
]


def seed(*, rng, staff) -> int:
    """The demo cases that are not there yet; how many were added."""
    brokers = [staff["broker@demo.local"], staff["broker2@demo.local"]]
    coordinator = staff["coordinator@demo.local"]
    hoods = list(Neighbourhood.objects.all())
    themes = {t.slug: t for t in Theme.objects.all()}
    channels = list(Channel.values)
    created = 0
    now = timezone.now()
    for index, status in enumerate(STATUS_PLAN):
        key = uuid.uuid5(DEMO_NAMESPACE, f"initiative-{index}")
        if Initiative.objects.filter(submission_key=key).exists():
            continue
        title, description, theme_slug = IDEAS[index % len(IDEAS)]
        if theme_slug not in THEME_SLUGS:
            theme_slug = "overig"
        channel = channels[index % len(channels)]
        hood = hoods[index % len(hoods)]
        initiator = _initiator(index, channel, len(hoods), rng)
        broker = brokers[index % 2]
        # Open cases are recent; closed ones lie further back, some in last year.
        days_ago = rng.randint(1, 20) if status == Status.NEW else rng.randint(20, 420)
        submitted = now - timedelta(days=days_ago, hours=rng.randint(0, 8))
        with transaction.atomic():
            initiative = initiative_submit(
                actor=None if channel == Channel.WEB else broker,
                title=title,
                description=description,
                theme=themes[theme_slug],
                neighbourhood=hood,
                initiator=initiator,
                channel=channel,
                needs=rng.sample(NEEDS, k=rng.randint(1, 3)),
                submission_key=key,
            )
            # What the worker does seconds after a submission: the acknowledgement
            # then comes first in the case's story, and backdate dates it.
            submission_followups_start()
            _walk(initiative, status, broker, coordinator, index)
            _publish(initiative, status, broker, index)
            backdate(initiative, submitted, rng)
        created += 1
    return created


def _publish(initiative, status, broker, index: int) -> None:
    """Most ideas whose initiators allowed it are published by their broker (the
    gallery has something to show); every fifth waits for review (the queue's task)."""
    if initiative.initiator.consent_publish_at is None or status == Status.WITHDRAWN:
        return
    if index % 5 == 4:
        return
    prefill = publication_prefill(initiative)
    publication_publish(initiative=initiative, actor=broker, **prefill)


def _initiator(index: int, channel: str, hood_count: int, rng) -> InitiatorData:
    person = f"{FIRST_NAMES[index % 20]} {SURNAMES[(index * 7) % 20]}"
    has_email = channel == Channel.WEB or index % 3 != 0
    return InitiatorData(
        kind=KINDS[index % len(KINDS)],
        name=person,
        email=f"{person.split()[0].lower()}.{index}@example.nl" if has_email else "",
        phone=f"06 {rng.randint(10000000, 99999999)}",
        postcode=f"{NEIGHBOURHOODS[index % hood_count][3][0]}AB",
        address=f"Dorpsstraat {index + 1}, Zwolle",
        preferred_channel=PreferredChannel.EMAIL if has_email else PreferredChannel.PHONE,
        consent_contact=True,
        consent_matching=index % 2 == 0,
        consent_publish=index % 3 != 2,
    )


def _walk(initiative, status, broker, coordinator, index):
    if status == Status.NEW:
        if index % 2 == 0:
            initiative_assign(initiative=initiative, broker=broker, actor=coordinator)
        return
    initiative_assign(initiative=initiative, broker=broker, actor=broker)
    if status == Status.WITHDRAWN:
        initiative_withdraw(initiative=initiative, reason="Geen tijd meer.")
        return
    initiative_transition(initiative=initiative, to_status=Status.IN_CONVERSATION, actor=broker)
    if status == Status.IN_CONVERSATION:
        return
    if status != Status.REFERRED:
        initiative_transition(initiative=initiative, to_status=Status.IN_PROGRESS, actor=broker)
    if status in CLOSED_STATUSES:
        initiative_transition(
            initiative=initiative,
            to_status=status,
            actor=broker,
            outcome_message=OUTCOMES[status],
        )


def backdate(initiative, submitted, rng):
    """Demo only: spread the history over the past year, keeping it consistent."""
    initiative.refresh_from_db()
    year = timezone.localdate(submitted).year
    fields = {
        "submitted_at": submitted,
        # As initiative_submit computes it.
        "first_contact_due": add_working_days(
            timezone.localdate(submitted), settings.FIRST_CONTACT_WORKING_DAYS
        ),
    }
    if year != timezone.localdate(initiative.submitted_at).year:
        from initiatives.services import reference_next

        fields["reference"] = reference_next(year)
    moments = [submitted]
    if initiative.first_contact_at:
        # Most first contacts are on time; some are late, as in real life.
        first = submitted + timedelta(days=rng.choice([1, 2, 3, 4, 6, 9]))
        fields["first_contact_at"] = first
        moments.append(first)
    if initiative.closed_at:
        fields["closed_at"] = moments[-1] + timedelta(days=rng.randint(10, 90))
        moments.append(fields["closed_at"])
    Initiative.objects.filter(pk=initiative.pk).update(**fields)
    changes = list(InitiativeStatusChange.objects.filter(initiative=initiative))
    for offset, change in enumerate(changes):
        moment = moments[min(offset, len(moments) - 1)] + timedelta(minutes=offset)
        InitiativeStatusChange.objects.filter(pk=change.pk).update(created_at=moment)
    InitiativeAssignment.objects.filter(initiative=initiative).update(
        created_at=submitted + timedelta(hours=1)
    )
    if "reference" in fields:
        # The messages were written under the first number: tell the same story.
        OutboundMessage.objects.filter(initiative=initiative).update(
            subject=Replace("subject", Value(initiative.reference), Value(fields["reference"])),
            body=Replace("body", Value(initiative.reference), Value(fields["reference"])),
        )
    # Messages of long-past events count as sent; recent ones go out through the worker.
    if submitted < timezone.now() - timedelta(days=7):
        OutboundMessage.objects.filter(initiative=initiative, sent_at__isnull=True).update(
            created_at=submitted, sent_at=submitted
        )
