"""Writes of the places: importing neighbourhood shapes from the CBS wijk- en buurtkaart."""

import logging
from dataclasses import dataclass

from django.db import transaction

from config.reference_data import reference_data_forget

from .models import Neighbourhood
from .shapes.reading import ShapeRecord

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    created: int
    updated: int


def neighbourhoods_import(*, records: list[ShapeRecord], actor=None) -> ImportResult:
    """Create or update a neighbourhood per record, by code, in one transaction (all or
    nothing): names, populations and shapes are updated, never duplicated. A
    neighbourhood missing from the file is left as it is (ideas and budgets refer to it)."""
    with transaction.atomic():
        existing = {
            n.code: n
            for n in Neighbourhood.objects.select_for_update().filter(
                code__in=[record.code for record in records]
            )
        }
        new, changed = [], []
        for record in records:
            neighbourhood = existing.get(record.code)
            if neighbourhood is None:
                new.append(
                    Neighbourhood(
                        code=record.code,
                        name=record.name,
                        population=record.population,
                        shape=record.shape,
                    )
                )
                continue
            neighbourhood.name = record.name
            neighbourhood.population = record.population
            neighbourhood.shape = record.shape
            changed.append(neighbourhood)
        Neighbourhood.objects.bulk_create(new)
        Neighbourhood.objects.bulk_update(changed, ["name", "population", "shape"], batch_size=200)
        transaction.on_commit(reference_data_forget)
    logger.info(
        "event=neighbourhoods_imported created=%s updated=%s actor_id=%s",
        len(new),
        len(changed),
        getattr(actor, "pk", None),
    )
    return ImportResult(created=len(new), updated=len(changed))
