"""Demo data for `make run`: a municipality's neighbourhoods, the network, one account
per role and about 60 ideas over every status and channel. Safe to run again."""

import random
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone

from accounts.roles import Role
from accounts.services import staff_account_save
from brokers.constants import OrganisationKind
from brokers.models import Organisation
from config.working_days import add_working_days
from demo import brokers as brokers_demo
from demo import budgets as budgets_demo
from demo import followups as followups_demo
from demo import matching as matching_demo
from demo import residents as residents_demo
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
    submission_followups_start,
)
from messaging.models import OutboundMessage
from neighbourhoods.models import Neighbourhood, PostcodeRange

DEMO_NAMESPACE = uuid.UUID("6f0c6a52-5c1e-4f7e-9a59-2d7f3c6f0a11")

NEIGHBOURHOODS = [
    ("WK019300", "Binnenstad", 9800, ["8011"]),
    ("WK019301", "Assendorp", 11200, ["8012"]),
    ("WK019302", "Kamperpoort-Veerallee", 7400, ["8013", "8014"]),
    ("WK019303", "Diezerpoort", 8900, ["8021"]),
    ("WK019304", "Wipstrik", 10100, ["8022"]),
    ("WK019305", "Holtenbroek", 10600, ["8031"]),
    ("WK019306", "Aa-landen", 12900, ["8032", "8033"]),
    ("WK019307", "Stadshagen", 27500, ["8043", "8044", "8045", "8046"]),
    ("WK019308", "Westenholte", 5400, ["8042"]),
    ("WK019309", "Zwolle-Zuid", 17800, ["8016", "8017", "8024"]),
    ("WK019310", "Berkum", 4300, ["8025", "8026"]),
]

STAFF = [
    ("broker@demo.local", Role.BROKER, "demo-broker", "Mirjam Hoekstra", "038 498 21 10"),
    ("broker2@demo.local", Role.BROKER, "demo-broker", "Youssef El Amrani", "038 498 21 11"),
    (
        "coordinator@demo.local",
        Role.COORDINATOR,
        "demo-coordinator",
        "Hans Kuiper",
        "038 498 21 00",
    ),
    ("civil@demo.local", Role.CIVIL_SERVANT, "demo-civil", "", ""),
    ("admin@demo.local", "superuser", "demo-admin", "", ""),
]

ORGANISATIONS = [
    ("Stichting Travers Welzijn", OrganisationKind.WELFARE, ["welzijn-zorg", "ontmoeting"]),
    ("Sociaal Wijkteam Zwolle-Zuid", OrganisationKind.SOCIAL_TEAM, ["welzijn-zorg"]),
    ("Woningcorporatie SWZ", OrganisationKind.HOUSING_CORPORATION, ["wonen", "groen-leefomgeving"]),
    ("Oranje Fonds", OrganisationKind.FUND, ["ontmoeting", "welzijn-zorg"]),
    ("Fonds Sociale Initiatieven Overijssel", OrganisationKind.FUND, ["werk-inkomen"]),
    ("Bouwmarkt De Spijker", OrganisationKind.COMPANY, ["duurzaamheid", "groen-leefomgeving"]),
    ("Afdeling Vergunningen", OrganisationKind.MUNICIPAL_DEPARTMENT, ["evenementen-toerisme"]),
    ("Sportbedrijf Zwolle", OrganisationKind.MUNICIPAL_DEPARTMENT, ["sport", "jeugd-onderwijs"]),
]

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


class Command(BaseCommand):
    help = "Load demo data (idempotent)."

    def handle(self, *args, **options):
        rng = random.Random(2026)  # noqa: S311 - demo data, not security
        self._themes()
        self._neighbourhoods()
        staff = self._staff()
        self._organisations()
        created = self._initiatives(rng, staff)
        # Each capability adds its own demo data on top of the cases above.
        residents_demo.seed(rng=rng, staff=staff)
        brokers_demo.seed(rng=rng, staff=staff)
        budgets_demo.seed(rng=rng, staff=staff)
        followups_demo.seed(rng=rng, staff=staff)
        matching_demo.seed(rng=rng, staff=staff)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {Neighbourhood.objects.count()} neighbourhoods, "
                f"{Initiative.objects.count()} initiatives ({created} new)."
            )
        )

    def _themes(self):
        # A data migration creates them; recreate any that are missing (e.g. a flushed
        # database), so the command stands on its own.
        for order, (slug, (name, name_en)) in enumerate(THEME_SLUGS.items()):
            Theme.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "order": order}
            )

    def _neighbourhoods(self):
        for code, name, population, blocks in NEIGHBOURHOODS:
            hood, _ = Neighbourhood.objects.update_or_create(
                code=code, defaults={"name": name, "population": population}
            )
            for block in blocks:
                PostcodeRange.objects.get_or_create(
                    neighbourhood=hood, start=f"{block}AA", end=f"{block}ZZ"
                )

    def _staff(self):
        users = {}
        for email, role, password, name, phone in STAFF:
            user, _ = staff_account_save(
                email=email, role=role, password=password, display_name=name, phone=phone
            )
            users[email] = user
        return users

    def _organisations(self):
        for name, kind, theme_slugs in ORGANISATIONS:
            org, _ = Organisation.objects.update_or_create(
                name=name,
                defaults={
                    "kind": kind,
                    "contact_name": "Contactpersoon " + name.split()[-1],
                    "contact_email": f"info@{name.split()[-1].lower()}.example",
                },
            )
            org.themes.set(Theme.objects.filter(slug__in=theme_slugs))

    def _initiatives(self, rng, staff) -> int:
        brokers = [staff["broker@demo.local"], staff["broker2@demo.local"]]
        coordinator = staff["coordinator@demo.local"]
        hoods = list(Neighbourhood.objects.all())
        themes = {t.slug: t for t in Theme.objects.all()}
        channels = list(Channel.values)
        kinds = [InitiatorKind.RESIDENT] * 6 + [
            InitiatorKind.RESIDENTS_GROUP,
            InitiatorKind.RESIDENTS_GROUP,
            InitiatorKind.SMALL_BUSINESS,
            InitiatorKind.ORGANISATION,
        ]
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
            person = f"{FIRST_NAMES[index % 20]} {SURNAMES[(index * 7) % 20]}"
            has_email = channel == Channel.WEB or index % 3 != 0
            initiator = InitiatorData(
                kind=kinds[index % len(kinds)],
                name=person,
                email=f"{person.split()[0].lower()}.{index}@example.nl" if has_email else "",
                phone=f"06 {rng.randint(10000000, 99999999)}",
                postcode=f"{NEIGHBOURHOODS[index % len(hoods)][3][0]}AB",
                address=f"Dorpsstraat {index + 1}, Zwolle",
                preferred_channel=PreferredChannel.EMAIL if has_email else PreferredChannel.PHONE,
                consent_contact=True,
                consent_matching=index % 2 == 0,
                consent_publish=index % 3 != 2,
            )
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
                    needs=rng.sample(
                        [
                            "thinking_along",
                            "contacts",
                            "rules_permits",
                            "funding",
                            "location",
                            "volunteers",
                            "publicity",
                        ],
                        k=rng.randint(1, 3),
                    ),
                    submission_key=key,
                )
                # What the worker does seconds after a submission: the acknowledgement
                # then comes first in the case's story, and _backdate dates it.
                submission_followups_start()
                self._walk(initiative, status, broker, coordinator, index)
                self._backdate(initiative, submitted, rng)
            created += 1
        return created

    def _walk(self, initiative, status, broker, coordinator, index):
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

    def _backdate(self, initiative, submitted, rng):
        """Demo only: spread the history over the past year, keeping it consistent."""
        initiative.refresh_from_db()
        year = timezone.localdate(submitted).year
        fields = {
            "submitted_at": submitted,
            "first_contact_due": add_working_days(timezone.localdate(submitted), 5),
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
