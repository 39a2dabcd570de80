from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("makelaar/berichten/", views.outbox_attention, name="outbox"),
    path("makelaar/berichten/<int:pk>/gedaan/", views.task_done, name="task_done"),
    path("makelaar/berichten/<int:pk>/opnieuw/", views.message_retry, name="retry"),
    path(
        "makelaar/berichten/tevredenheid/<int:pk>/gezien/",
        views.survey_flag_handled,
        name="survey_flag_handled",
    ),
    path("tevredenheid/<str:token>/", views.survey, name="survey"),
    path("hoe-gaat-het/<str:token>/", views.check_in, name="check_in"),
]
