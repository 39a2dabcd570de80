import factory
from django.contrib.auth import get_user_model

from accounts.services import staff_account_save
from brokers.constants import OrganisationKind
from brokers.models import Organisation


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff account with one role, made through the same service as `add_staff`."""

    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"staff{n}@gemeente.example")
    role = "broker"
    password = "correct-horse-battery"
    display_name = factory.Sequence(lambda n: f"Makelaar {n}")

    @classmethod
    def _create(cls, model_class, *args, email, role, password, display_name, **kwargs):
        user, _ = staff_account_save(
            email=email,
            role=role,
            password=password,
            display_name=display_name,
            phone="038 123 45 67",
        )
        return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting Welzijn {n}")
    kind = OrganisationKind.WELFARE
    contact_name = "Fatima de Groot"
    contact_email = factory.Sequence(lambda n: f"contact{n}@partner.example")
