from django.contrib import admin

from config.admin import ReadOnlyAdmin

from .models import Grant, NeighbourhoodBudget


@admin.register(NeighbourhoodBudget)
class NeighbourhoodBudgetAdmin(ReadOnlyAdmin):
    """Read-only: budgets change through /wijkbudgetten/beheer/ (the service checks that
    an amount never drops below what is committed)."""

    list_display = ["neighbourhood", "year", "amount", "holder", "holder_name"]
    list_filter = ["year", "holder"]


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    """Read-only: decisions go through the services (budget lock, message, ledger)."""

    list_display = ["initiative", "budget", "amount_requested", "amount_approved", "status"]
    list_filter = ["status", "budget__year"]
    list_select_related = ["initiative", "budget__neighbourhood"]
