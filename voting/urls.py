from django.urls import path

from .views import public

app_name = "voting"

urlpatterns = [
    path("stemmen/", public.round_list, name="rounds"),
    path("stemmen/<uuid:public_id>/", public.round_detail, name="round"),
    path("stemmen/<uuid:public_id>/wijk/<int:heading_id>/", public.ballot, name="ballot"),
    path(
        "stemmen/<uuid:public_id>/wijk/<int:heading_id>/pabulib.pb",
        public.pabulib_download,
        name="pabulib",
    ),
]
