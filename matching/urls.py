from django.urls import path

import config.converters  # noqa: F401 (registers <key:...>)

from . import views

app_name = "matching"

urlpatterns = [
    path("makelaar/koppelingen/<int:pk>/accepteren/", views.accept, name="accept"),
    path("makelaar/koppelingen/<int:pk>/afwijzen/", views.dismiss, name="dismiss"),
    path(
        "makelaar/toestemmingen/<int:pk>/vastleggen/",
        views.record_answer,
        name="record_answer",
    ),
    path("koppeling/<str:token>/", views.consent, name="consent"),
    path("ideeen/<key:reference>/", views.gallery_detail, name="gallery_detail"),
    path("aanbod/", views.offer_new, name="offer_new"),
    path("aanbod/bedankt/", views.offer_thanks, name="offer_thanks"),
    path("aanbod/<str:token>/", views.offer_mine, name="offer_mine"),
]
