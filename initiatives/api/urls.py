from django.urls import path

from . import views

app_name = "initiatives-api"

urlpatterns = [
    path("themes/", views.ThemeListView.as_view(), name="theme-list"),
    path("initiatives/", views.InitiativeSubmitView.as_view(), name="initiative-submit"),
]
