import factory
from django.utils import timezone

from matching.constants import OfferKind
from matching.models import Offer


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    kind = OfferKind.SPACE
    description = "Onze kantine is op zaterdag vrij voor activiteiten in de buurt."
    in_return = "Een vermelding op de website."
    name = "Bakkerij De Korenschoof"
    email = factory.Sequence(lambda n: f"aanbod{n}@example.nl")
    phone = "038 111 22 33"
    consent_contact_at = factory.LazyFunction(timezone.now)
    consent_matching_at = factory.LazyFunction(timezone.now)
