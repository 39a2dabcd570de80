"""Demo data for matching: offers from residents and a company, initiators who allow
matching, and suggestions a broker can accept or dismiss in the case file."""

from initiatives.models import Initiative, Initiator
from matching import services
from matching.constants import OfferKind
from matching.models import MatchSuggestion, Offer
from neighbourhoods.models import Neighbourhood

OFFERS = [
    (
        OfferKind.SPACE,
        "Bakkerij De Korenschoof",
        "Onze kantine is op zaterdag vrij. Goed voor een bijeenkomst, een taalcafé of een "
        "repair café.",
        "Dat de buurt weet dat we er zijn.",
        "bakkerij@demo.example",
    ),
    (
        OfferKind.TIME,
        "Henk Visser",
        "Ik ben met pensioen en help graag twee middagen per week met klussen en repareren.",
        "Gezelligheid en een kop koffie.",
        "henk.visser@demo.example",
    ),
    (
        OfferKind.SKILLS,
        "Lotte Mulder",
        "Ik ben grafisch ontwerper en maak graag een poster of flyer voor een straatfeest of "
        "een kunstroute.",
        "Een voorbeeld voor mijn portfolio.",
        "lotte@demo.example",
    ),
]


def seed(*, rng, staff) -> None:
    hoods = list(Neighbourhood.objects.order_by("name")[:3])
    for n, (kind, name, description, in_return, email) in enumerate(OFFERS):
        if Offer.objects.filter(email=email).exists():
            continue
        services.offer_submit(
            actor=None,
            kind=kind,
            description=description,
            in_return=in_return,
            name=name,
            email=email,
            phone="038 " + str(rng.randint(1000000, 9999999)),
            neighbourhood=hoods[n % len(hoods)] if hoods else None,
            consent_matching=True,
        )
    # Most demo initiators allowed matching, so a broker can try the whole consent flow:
    # by e-mail, and by phone for those registered without e-mail.
    reachable = Initiator.objects.filter(consent_matching_at__isnull=True).exclude(
        email="", phone=""
    )
    for initiator in reachable:
        if initiator.pk % 3:
            Initiator.objects.filter(pk=initiator.pk).update(
                consent_matching_at=initiator.created_at
            )
    if MatchSuggestion.objects.exists():
        return
    for pk in Initiative.objects.open().values_list("pk", flat=True):
        services.match_find(initiative_id=pk)
    for pk in Offer.objects.values_list("pk", flat=True):
        services.match_find_for_offer(offer_id=pk)
