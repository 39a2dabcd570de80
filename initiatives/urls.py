from django.urls import path

import config.converters  # noqa: F401 (registers <key:...>)

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.home, name="home"),
    path("idee-indienen/", views.submit, name="submit"),
    path("idee-indienen/vergelijkbaar/", views.similar, name="similar"),
    path("idee-indienen/ontvangen/<str:token>/", views.submitted, name="submitted"),
    path("idee-indienen/al-ontvangen/", views.already_received, name="already_received"),
    path("mijn-idee/nieuwe-link/", views.new_link, name="new_link"),
    path("mijn-idee/nieuwe-link/verstuurd/", views.link_sent, name="link_sent"),
    path("mijn-idee/<str:token>/", views.mine, name="mine"),
    path("mijn-idee/<str:token>/informatie/", views.mine_information, name="mine_information"),
    path("mijn-idee/<str:token>/voorkeuren/", views.mine_preferences, name="mine_preferences"),
    path("mijn-idee/<str:token>/intrekken/", views.mine_withdraw, name="mine_withdraw"),
    path("mijn-idee/<str:token>/link/", views.mine_new_link, name="mine_new_link"),
    path("mijn-idee/<str:token>/verwijderen/", views.mine_erasure, name="mine_erasure"),
    path("mijn-idee/<str:token>/bijlage/<int:pk>/", views.mine_attachment, name="mine_attachment"),
    path("tevredenheid/<str:token>/", views.survey, name="survey"),
    path("hoe-gaat-het/<str:token>/", views.check_in, name="check_in"),
    path("ideeen/", views.gallery, name="gallery"),
    path("makelaar/nieuw-idee/", views.intake, name="intake"),
    path("makelaar/bijlagen/<int:pk>/", views.staff_attachment, name="staff_attachment"),
]
