"""Demo staff and their network: one account per role (the logins in the README) and the
organisations brokers refer to. Safe to run again."""

from accounts.roles import Role
from accounts.services import staff_account_save
from brokers.constants import OrganisationKind
from brokers.models import Organisation
from initiatives.models import Theme

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


def seed() -> dict:
    """The demo accounts by e-mail address."""
    users = {}
    for email, role, password, name, phone in STAFF:
        user, _ = staff_account_save(
            email=email, role=role, password=password, display_name=name, phone=phone
        )
        users[email] = user
    return users


def organisations_seed() -> None:
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
