from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("", views.figures_index, name="index"),
    path("<int:year>/", views.figures_year, name="year"),
    path("<int:year>/download.<str:fmt>", views.figures_download, name="download"),
]
