"""The staff side under /makelaar/, by concern: where sign-in leads, "My day" and the
coordinator's overview (`day`), the queue (`queue`), its bulk actions (`bulk`), saved
views (`saved_views`) and export (`export`), the case file and its actions
(`case_file`), the network (`network`), the handover of a broker's cases (`handover`)
and the messages and tasks that need a person (`outbox`). brokers/urls.py names each
view by its module.

Every page passes the one guard (accounts.guards.staff_required); every case action
answers through the one responder (initiatives.case_actions)."""
