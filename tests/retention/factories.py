from datetime import timedelta

import factory
from django.utils import timezone

from retention.models import RetentionRun


class RetentionRunFactory(factory.django.DjangoModelFactory):
    """A finished nightly run that found nothing to do."""

    class Meta:
        model = RetentionRun

    cutoff = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30 * 24))
    finished_at = factory.LazyFunction(timezone.now)

    class Params:
        # Still running (or stopped half-way).
        unfinished = factory.Trait(finished_at=None)
        busy = factory.Trait(
            initiators_anonymised=3,
            erasure_requests_done=1,
            offers_anonymised=2,
            survey_answers_anonymised=2,
            check_in_answers_anonymised=1,
            messages_blanked=7,
        )
