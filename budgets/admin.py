from django.contrib import admin

from .models import Grant, NeighbourhoodBudget


@admin.register(NeighbourhoodBudget)
class NeighbourhoodBudgetAdmin(admin.ModelAdmin):
    """Read-only: budgets change through /wijkbudgetten/beheer/ (the service checks that
    an amount never drops below what is committed)."""

    list_display = ["neighbourhood", "year", "amount", "holder", "holder_name"]
    list_filter = ["year", "holder"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    """Read-only: decisions go through the services (budget lock, message, ledger)."""

    list_display = ["initiative", "budget", "amount_requested", "amount_approved", "status"]
    list_filter = ["status", "budget__year"]
    list_select_related = ["initiative", "budget__neighbourhood"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
