from django.urls import path

from .views import public, staff

app_name = "voting"

urlpatterns = [
    path("stemmen/", public.round_list, name="rounds"),
    path("stemmen/<uuid:public_id>/", public.round_detail, name="round"),
    path("stemmen/<uuid:public_id>/wijk/<int:heading_id>/", public.ballot, name="ballot"),
    path(
        "stemmen/<uuid:public_id>/wijk/<int:heading_id>/ontvangen/",
        public.ballot_received,
        name="ballot-received",
    ),
    path(
        "stemmen/<uuid:public_id>/wijk/<int:heading_id>/pabulib.pb",
        public.pabulib_download,
        name="pabulib",
    ),
    path("makelaar/stemmen/", staff.round_list, name="manage-list"),
    path("makelaar/stemmen/nieuw/", staff.round_new, name="new"),
    path("makelaar/stemmen/inlezen/", staff.round_import, name="import"),
    path("makelaar/stemmen/<int:round_id>/", staff.round_manage, name="manage"),
    path("makelaar/stemmen/<int:round_id>/fase/", staff.round_advance_view, name="advance"),
    path("makelaar/stemmen/<int:round_id>/plan/", staff.plan_add_view, name="plan-add"),
    path(
        "makelaar/stemmen/<int:round_id>/plan/<int:plan_id>/toets/",
        staff.plan_check_view,
        name="plan-check",
    ),
    path("makelaar/stemmen/<int:round_id>/codes/", staff.codes_issue_view, name="codes"),
    path(
        "makelaar/stemmen/<int:round_id>/brieven/<int:batch_id>/",
        staff.letters_download,
        name="letters",
    ),
    path(
        "makelaar/stemmen/<int:round_id>/brieven/<int:batch_id>/voortgang/",
        staff.letters_progress,
        name="letters-progress",
    ),
    path(
        "makelaar/stemmen/<int:round_id>/brieven/<int:batch_id>/verwijderen/",
        staff.letters_delete_view,
        name="letters-delete",
    ),
    path("makelaar/stemmen/<int:round_id>/nieuwe-code/", staff.code_reissue_view, name="reissue"),
    path(
        "makelaar/stemmen/<int:round_id>/papier/<int:heading_id>/",
        staff.paper_enter_view,
        name="paper",
    ),
    path(
        "makelaar/stemmen/<int:round_id>/papier/controle/",
        staff.paper_decide_view,
        name="paper-decide",
    ),
]
