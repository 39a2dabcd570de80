from django.urls import path

from . import views

app_name = "figures-api"

urlpatterns = [
    path("figures/<int:year>/", views.FiguresYearView.as_view(), name="year"),
]
