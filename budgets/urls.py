from django.urls import path

import config.converters  # noqa: F401 (registers <key:...>)

from . import views

app_name = "budgets"

urlpatterns = [
    path("wijkbudgetten/", views.budget_overview, name="budgets"),
    path("wijkbudgetten/beheer/", views.budget_manage, name="manage"),
    path("wijkbudgetten/<key:code>/<int:year>/", views.budget_detail, name="budget"),
    path("makelaar/budget/idee/<int:initiative_id>/", views.case_budget, name="case"),
    path(
        "makelaar/budget/idee/<int:initiative_id>/aanvraag/",
        views.grant_request_view,
        name="grant-request",
    ),
    path(
        "makelaar/budget/idee/<int:initiative_id>/financiering/",
        views.funding_line_view,
        name="funding-add",
    ),
    path(
        "makelaar/budget/toekenning/<int:grant_id>/besluit/",
        views.grant_decide_view,
        name="grant-decide",
    ),
    path(
        "makelaar/budget/toekenning/<int:grant_id>/betaald/",
        views.grant_paid_view,
        name="grant-paid",
    ),
    path(
        "makelaar/budget/bon/<int:receipt_id>/",
        views.grant_receipt_download,
        name="receipt",
    ),
    path(
        "makelaar/budget/toekenning/<int:grant_id>/verantwoording/",
        views.grant_account_view,
        name="grant-account",
    ),
    path(
        "makelaar/budget/toekenning/<int:grant_id>/terugbetaald/",
        views.grant_returned_view,
        name="grant-returned",
    ),
]
