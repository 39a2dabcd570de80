from django.urls import path

import config.converters  # noqa: F401 (registers <key:...>)

from .views import followups, mine, public, publication

app_name = "initiatives"

urlpatterns = [
    path("", public.home, name="home"),
    path("idee-indienen/", public.submit, name="submit"),
    path("idee-indienen/vergelijkbaar/", public.similar, name="similar"),
    path("idee-indienen/ontvangen/<str:token>/", public.submitted, name="submitted"),
    path("idee-indienen/al-ontvangen/", public.already_received, name="already_received"),
    path("mijn-idee/nieuwe-link/", mine.new_link, name="new_link"),
    path("mijn-idee/nieuwe-link/verstuurd/", mine.link_sent, name="link_sent"),
    path("mijn-idee/<str:token>/", mine.mine, name="mine"),
    path("mijn-idee/<str:token>/informatie/", mine.mine_information, name="mine_information"),
    path("mijn-idee/<str:token>/voorkeuren/", mine.mine_preferences, name="mine_preferences"),
    path("mijn-idee/<str:token>/intrekken/", mine.mine_withdraw, name="mine_withdraw"),
    path("mijn-idee/<str:token>/niet-openbaar/", mine.mine_unpublish, name="mine_unpublish"),
    path("mijn-idee/<str:token>/link/", mine.mine_new_link, name="mine_new_link"),
    path("mijn-idee/<str:token>/verwijderen/", mine.mine_erasure, name="mine_erasure"),
    path("mijn-idee/<str:token>/bijlage/<int:pk>/", mine.mine_attachment, name="mine_attachment"),
    path("tevredenheid/<str:token>/", followups.survey, name="survey"),
    path("hoe-gaat-het/<str:token>/", followups.check_in, name="check_in"),
    path("ideeen/", public.gallery, name="gallery"),
    path("makelaar/nieuw-idee/", public.intake, name="intake"),
    path("makelaar/bijlagen/<int:pk>/", public.staff_attachment, name="staff_attachment"),
    path(
        "makelaar/ideeen/<key:reference>/publicatie/",
        publication.publication_review,
        name="publication_review",
    ),
    path(
        "makelaar/ideeen/<key:reference>/publicatie/openbaar/",
        publication.publication_publish_view,
        name="publication_publish",
    ),
    path(
        "makelaar/ideeen/<key:reference>/publicatie/niet-openbaar/",
        publication.publication_unpublish_view,
        name="publication_unpublish",
    ),
]
