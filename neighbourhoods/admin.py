from django.contrib import admin

from .models import Neighbourhood, PostcodeRange


class PostcodeRangeInline(admin.TabularInline):
    model = PostcodeRange
    extra = 1


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "population"]
    search_fields = ["name", "code"]
    inlines = [PostcodeRangeInline]
