from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-idee/<str:token>/", views.mine, name="mine"),
]
