"""Thin tasks: ids in, one service call; finding again only refreshes suggestions."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def match_find(initiative_id: int) -> int:
    return services.match_find(initiative_id=initiative_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def match_find_for_offer(offer_id: int) -> int:
    return services.match_find_for_offer(offer_id=offer_id)


@shared_task(soft_time_limit=600, time_limit=660)
def match_term_stats_refresh() -> int:
    """Beat job: how common each word of the stored documents is (idf for the engine)."""
    return services.match_term_stats_refresh()


@shared_task(soft_time_limit=1800, time_limit=2000)
def match_nightly() -> dict:
    """Beat job: initiatives changed and offers made in the last two days (overlap, so a
    missed night is caught up), and consents that ran out."""
    initiative_ids, offer_ids = services.match_nightly_ids(since=timezone.now() - timedelta(days=2))
    for pk in initiative_ids:
        services.match_find(initiative_id=pk)
    for pk in offer_ids:
        services.match_find_for_offer(offer_id=pk)
    expired = services.match_expire_consents()
    logger.info(
        "event=match_nightly initiatives=%s offers=%s expired=%s",
        len(initiative_ids),
        len(offer_ids),
        expired,
    )
    return {"initiatives": len(initiative_ids), "offers": len(offer_ids), "expired": expired}
