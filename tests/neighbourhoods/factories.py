import factory

from neighbourhoods.models import Neighbourhood, PostcodeRange


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"WK0193{n:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    population = 5000


class PostcodeRangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostcodeRange

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    start = "8011AA"
    end = "8011ZZ"
