from django.contrib import admin

from config.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Plan, RoundStatusChange, VoteRound


class RoundStatusChangeInline(ReadOnlyInline):
    model = RoundStatusChange
    fields = ["from_status", "to_status", "actor", "note", "created_at"]


@admin.register(VoteRound)
class VoteRoundAdmin(ReadOnlyAdmin):
    """Read-only: rounds change phase through voting.services (one step at a time, with
    history). Codes and ballots are not shown at all."""

    list_display = ["title", "status", "ballot_opens", "ballot_closes", "method"]
    list_filter = ["status", "method"]
    inlines = [RoundStatusChangeInline]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "heading", "cost", "status", "votes", "funded_rank"]
    list_filter = ["status"]
    list_select_related = ["heading__round", "heading__budget__neighbourhood"]
